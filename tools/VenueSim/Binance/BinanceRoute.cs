namespace FundingArb.VenueSim.Binance;

/// <summary>The path prefix a USDⓈ-M WebSocket connection came in on. Live Binance routes by it: /public carries
/// depth and book tickers, /market mark prices (and the other market streams), /private user data; a connection
/// with no prefix (the legacy /ws and /stream) gets /public data only. A stream subscribed on the wrong route is
/// acknowledged but never delivers — silently, as live.</summary>
public enum BinanceRoute
{
    Legacy,
    Public,
    Market,
    Private,
}
