namespace FundingArb.Feeds;

/// <summary>Where one venue is reached: REST base (<c>https://…</c>, or the simulator's <c>http://127.0.0.1:PORT</c>)
/// and market-data WebSocket base (<c>wss://…</c> / <c>ws://127.0.0.1:PORT</c>); the venue's paths go under them.</summary>
public sealed record VenueEndpoints(Uri Rest, Uri WebSocket)
{
    public static VenueEndpoints Live(IMarketDataVenue venue) => new(venue.LiveRestBase, venue.LiveWebSocketBase);

    /// <summary>One loopback listener serving both, as the simulator does.</summary>
    public static VenueEndpoints Simulator(Uri httpBase) =>
        new(httpBase, new UriBuilder(httpBase) { Scheme = httpBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri);
}
