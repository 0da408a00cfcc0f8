namespace FundingArb.Gateway;

/// <summary>An order's state as the venue reports it. Ordered by progress: a later state never goes back to an earlier
/// one, which is how an out-of-order update is recognised.</summary>
public enum OrderStatus : byte
{
    Unknown = 0,
    New = 1,
    PartiallyFilled = 2,
    Filled = 3,
    Canceled = 4,
    Expired = 5,
    Rejected = 6,
}
