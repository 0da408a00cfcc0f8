namespace FundingArb.Feeds;

/// <summary>One WebSocket connection a venue's feed opens: its path (and query) under the venue's WebSocket base
/// URL, and the text messages to send once it is open (subscriptions). Empty when the path subscribes by itself
/// (Binance <c>/market/stream?streams=…</c>).</summary>
public sealed record FeedStream(string Path, IReadOnlyList<string> OnOpen);
