namespace FundingArb.Gateway;

/// <summary>What a timer armed by an attempt is for.</summary>
public enum LegTimer : byte
{
    /// <summary>An order's deadline: cancel it, then query its final state.</summary>
    OrderDeadline = 0,
    /// <summary>Query an order again (or cancel it again if it was still live).</summary>
    Requery,
    /// <summary>Place the leg's next order: a retried entry or the next emergency close.</summary>
    LegRetry,
}
