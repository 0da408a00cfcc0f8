namespace FundingArb.Gateway;

/// <summary>What an <see cref="ExecutionUpdate"/> reports.</summary>
public enum ExecutionUpdateKind : byte
{
    None = 0,
    /// <summary>The order is live on the venue (or was amended).</summary>
    Accepted,
    Rejected,
    /// <summary>One trade: <see cref="ExecutionUpdate.LastFillQuantity"/> at <see cref="ExecutionUpdate.LastFillPrice"/>.</summary>
    Fill,
    Canceled,
    Expired,
    /// <summary>The position of one instrument, absolute (signed quantity, entry price).</summary>
    Position,
    /// <summary>A funding settlement: <see cref="ExecutionUpdate.Amount"/> received (+) or paid (−).</summary>
    FundingPayment,
    /// <summary>The wallet balance of one asset, absolute.</summary>
    Balance,
}
