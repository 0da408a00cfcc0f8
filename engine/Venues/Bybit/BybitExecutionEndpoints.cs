namespace FundingArb.Venues.Bybit;

/// <summary>Where Bybit v5 trading lives: REST, the private stream and the WebSocket trade API.</summary>
public sealed record BybitExecutionEndpoints(Uri Rest, Uri PrivateStream, Uri Trade)
{
    /// <summary>docs/v5/guide and docs/v5/ws/connect: <c>https://api.bybit.com</c>, <c>wss://stream.bybit.com/v5/private</c>,
    /// <c>wss://stream.bybit.com/v5/trade</c>.</summary>
    public static BybitExecutionEndpoints Live { get; } = new(
        new Uri("https://api.bybit.com"), new Uri("wss://stream.bybit.com/v5/private"), new Uri("wss://stream.bybit.com/v5/trade"));

    /// <summary>The testnet: <c>https://api-testnet.bybit.com</c>, <c>wss://stream-testnet.bybit.com/v5/private</c>,
    /// <c>wss://stream-testnet.bybit.com/v5/trade</c>.</summary>
    public static BybitExecutionEndpoints Testnet { get; } = new(
        new Uri("https://api-testnet.bybit.com"), new Uri("wss://stream-testnet.bybit.com/v5/private"),
        new Uri("wss://stream-testnet.bybit.com/v5/trade"));

    /// <summary>VenueSim (or anything else) serving every path on one host: <c>http://127.0.0.1:PORT</c>.</summary>
    public static BybitExecutionEndpoints OnOneHost(Uri httpBase)
    {
        ArgumentNullException.ThrowIfNull(httpBase);
        var ws = new UriBuilder(httpBase) { Scheme = httpBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        return new(httpBase, new Uri(ws, "/v5/private"), new Uri(ws, "/v5/trade"));
    }
}
