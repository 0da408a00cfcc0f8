namespace FundingArb.Venues.Okx;

/// <summary>The OKX v5 requests the execution client makes, each with its own documented rate limit
/// (<see cref="OkxRateLimits"/>).</summary>
public enum OkxRequestKind : byte
{
    PlaceOrder,
    CancelOrder,
    QueryOrder,
    OpenOrders,
    Positions,
    Balance,
    Bills,
    AccountConfig,
    SetPositionMode,
    ServerTime,
}
