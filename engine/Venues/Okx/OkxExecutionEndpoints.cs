namespace FundingArb.Venues.Okx;

/// <summary>Where OKX v5 trading lives: the REST host and the private WebSocket (login, the orders/positions/account
/// channels and the order/cancel-order ops). <see cref="Simulated"/> adds the demo-trading header
/// <c>x-simulated-trading: 1</c> to every REST request (#overview-demo-trading-services).</summary>
public sealed record OkxExecutionEndpoints(Uri Rest, Uri PrivateSocket, bool Simulated = false)
{
    /// <summary>#overview-production-trading-services: <c>https://www.okx.com</c>, <c>wss://ws.okx.com:8443/ws/v5/private</c>.</summary>
    public static OkxExecutionEndpoints Live { get; } = new(new Uri("https://www.okx.com"), new Uri("wss://ws.okx.com:8443/ws/v5/private"));

    /// <summary>#overview-demo-trading-services: REST <c>https://www.okx.com</c> with <c>x-simulated-trading: 1</c>,
    /// WebSocket <c>wss://wspap.okx.com:8443/ws/v5/private</c>.</summary>
    public static OkxExecutionEndpoints Demo { get; } = new(new Uri("https://www.okx.com"), new Uri("wss://wspap.okx.com:8443/ws/v5/private"), Simulated: true);

    /// <summary>VenueSim (or anything else) serving every path on one host: <c>http://127.0.0.1:PORT</c>.</summary>
    public static OkxExecutionEndpoints OnOneHost(Uri httpBase)
    {
        ArgumentNullException.ThrowIfNull(httpBase);
        var ws = new UriBuilder(httpBase) { Scheme = httpBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        return new(httpBase, new Uri(ws, "/ws/v5/private"));
    }
}
