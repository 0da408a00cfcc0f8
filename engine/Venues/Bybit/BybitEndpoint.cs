namespace FundingArb.Venues.Bybit;

/// <summary>The Bybit v5 endpoints the trading client calls; each has its own per-second limit per account
/// (docs/v5/rate-limit), the WebSocket trade API's <c>order.create</c>/<c>order.cancel</c> sharing those of REST.</summary>
public enum BybitEndpoint : byte
{
    /// <summary><c>GET /v5/market/time</c>: public, counted on the IP only.</summary>
    ServerTime,
    OrderCreate,
    OrderCancel,
    OrderRealtime,
    /// <summary><c>GET /v5/execution/list</c>: the funding backfill after a gap in the private stream.</summary>
    ExecutionList,
    PositionList,
    WalletBalance,
    AccountInfo,
    SetLeverage,
    SwitchMode,
}
