using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Feeds;

/// <summary>One venue's market data for a set of its symbols: the connections its venue plans (each kept alive,
/// reconnecting, books recovered), all writing into the market ring, counted together.</summary>
public sealed class VenueFeed : IAsyncDisposable
{
    private readonly MarketDataConnection[] _connections;

    public VenueFeed(IMarketDataVenue venue, VenueId id, InstrumentRegistry registry, IReadOnlyList<string> venueSymbols,
        VenueEndpoints endpoints, RingBuffer<MarketEvent> ring, TimeProvider clock, HttpClient http, int seed)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(endpoints);
        Venue = venue;
        Id = id;
        // Each connection reconnects on its own thread with its own jitter: a Random is not thread-safe, and a broken one
        // returning 0 would turn backoff into a reconnect storm (and an IP ban) exactly when the venue restarts.
        _connections = [.. venue.PlanStreams(venueSymbols).Select((stream, i) => new MarketDataConnection(venue, id, registry, stream,
            endpoints.WebSocket, endpoints.Rest, ring, Counters, clock, http, ReconnectBackoff.Default(new Random(unchecked(seed * 31 + i)))))];
    }

    public IMarketDataVenue Venue { get; }
    public VenueId Id { get; }
    public FeedCounters Counters { get; } = new();
    public IReadOnlyList<MarketDataConnection> Connections => _connections;

    public void Start()
    {
        foreach (var connection in _connections) connection.Start();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}
