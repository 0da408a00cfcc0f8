namespace FundingArb.Feeds;

/// <summary>One WebSocket connection a venue's feed opens.</summary>
/// <param name="Path">Path (and query) under the venue's WebSocket base URL.</param>
/// <param name="OnOpen">Text messages to send once it is open (subscriptions); empty when the path subscribes by itself
/// (Binance <c>/public/stream?streams=…</c>).</param>
/// <param name="BookSymbols">Venue symbols whose order books this connection carries: they are invalidated when it
/// drops, and, for venues that recover books over REST, their snapshots are fetched when it opens.</param>
public sealed record FeedStream(string Path, IReadOnlyList<string> OnOpen, IReadOnlyList<string>? BookSymbols = null)
{
    public IReadOnlyList<string> BookSymbols { get; init; } = BookSymbols ?? [];
}
