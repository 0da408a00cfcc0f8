namespace FundingArb.VenueSim.Matching;

/// <summary>Why the exchange refused an order; each venue front end maps these to its own code and message.</summary>
public enum RejectReason
{
    UnknownSymbol,
    /// <summary>A reduce-only order that would open or increase a position.</summary>
    ReduceOnlyWouldIncrease,
    /// <summary>A post-only order whose price would take liquidity.</summary>
    PostOnlyWouldTake,
    /// <summary>A fill-or-kill order the book cannot fill completely right now.</summary>
    FillOrKillUnfillable,
    InsufficientMargin,
    DuplicateClientOrderId,
    TooManyOpenOrders,
    PriceAboveBand,
    PriceBelowBand,
    NotionalTooSmall,
    /// <summary>Only injected by a fault: the venue's order rate limit.</summary>
    RateLimited,
    /// <summary>Only injected by a fault: the venue's generic "order rejected".</summary>
    Unspecified,
}
