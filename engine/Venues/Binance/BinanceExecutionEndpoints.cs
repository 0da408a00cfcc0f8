namespace FundingArb.Venues.Binance;

/// <summary>Where Binance USDⓈ-M trading lives: REST, the WebSocket API and the user-data stream host.</summary>
public sealed record BinanceExecutionEndpoints(Uri Rest, Uri WebSocketApi, Uri UserStream)
{
    /// <summary>general-info and websocket-api-general-info: <c>https://fapi.binance.com</c>,
    /// <c>wss://ws-fapi.binance.com/ws-fapi/v1</c>, <c>wss://fstream.binance.com</c>.</summary>
    public static BinanceExecutionEndpoints Live { get; } = new(
        new Uri("https://fapi.binance.com"), new Uri("wss://ws-fapi.binance.com/ws-fapi/v1"), new Uri("wss://fstream.binance.com"));

    /// <summary>The futures testnet: <c>https://testnet.binancefuture.com</c>, <c>wss://testnet.binancefuture.com/ws-fapi/v1</c>,
    /// <c>wss://fstream.binancefuture.com</c>.</summary>
    public static BinanceExecutionEndpoints Testnet { get; } = new(
        new Uri("https://testnet.binancefuture.com"), new Uri("wss://testnet.binancefuture.com/ws-fapi/v1"), new Uri("wss://fstream.binancefuture.com"));

    /// <summary>VenueSim (or anything else) serving every path on one host: <c>http://127.0.0.1:PORT</c>.</summary>
    public static BinanceExecutionEndpoints OnOneHost(Uri httpBase)
    {
        ArgumentNullException.ThrowIfNull(httpBase);
        var ws = new UriBuilder(httpBase) { Scheme = httpBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        return new(httpBase, new Uri(ws, "/ws-fapi/v1"), ws);
    }
}
