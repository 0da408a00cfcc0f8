namespace FundingArb.Gateway;

/// <summary>Why the gateway sent an order of a leg: to open it, or reduce-only to trim or close it.</summary>
public enum OrderRole : byte
{
    Entry = 0,
    /// <summary>Reduce-only: brings the larger leg down to the smaller after unequal fills.</summary>
    Trim = 1,
    /// <summary>Reduce-only market order for the leg's filled quantity: rollback or emergency close.</summary>
    Close = 2,
}
