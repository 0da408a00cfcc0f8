namespace FundingArb.Feeds;

/// <summary>How a venue's market-data connections are kept alive.</summary>
/// <param name="Interval">How often to send <paramref name="Message"/> (or a WebSocket ping when it is null).</param>
/// <param name="Message">An application-level ping (Bybit <c>{"op":"ping"}</c>, OKX <c>ping</c>); null when the venue
/// uses WebSocket ping/pong frames (Binance).</param>
/// <param name="SilenceLimit">No frame at all for this long means the connection is dead: reconnect.</param>
/// <param name="MaxConnectionAge">The venue closes connections older than this (Binance: 24 h): reconnect before it does.</param>
public sealed record FeedHeartbeat(TimeSpan Interval, string? Message, TimeSpan SilenceLimit, TimeSpan? MaxConnectionAge);
