namespace FundingArb.VenueSim.Faults;

/// <summary>What a request does, venue-neutrally, so a fault can target "order placements" on every venue; each front
/// end classifies its own paths and WebSocket API methods.</summary>
public enum ApiOperation
{
    PlaceOrder,
    CancelOrder,
    QueryOrder,
    /// <summary>Positions, balances, income, leverage and other account settings.</summary>
    Account,
    /// <summary>Public market data: time, instruments, depth, mark price, funding.</summary>
    MarketData,
    /// <summary>User-data stream keys (Binance listenKey).</summary>
    UserStream,
}
