namespace FundingArb.VenueSim.Matching;

public enum OrderStatus
{
    New,
    PartiallyFilled,
    Filled,
    Canceled,
    /// <summary>Ended by the venue, not by the user: an IOC remainder, a market order the book could not fill.</summary>
    Expired,
}
