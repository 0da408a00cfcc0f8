using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Feeds;

/// <summary>One venue's market data for a set of its symbols: the connections its venue plans (each kept alive,
/// reconnecting, books recovered), all writing into the market ring, counted together.</summary>
public sealed class VenueFeed : IAsyncDisposable
{
    private readonly MarketDataConnection[] _connections;

    public VenueFeed(IMarketDataVenue venue, VenueId id, InstrumentRegistry registry, IReadOnlyList<string> venueSymbols,
        VenueEndpoints endpoints, RingBuffer<MarketEvent> ring, TimeProvider clock, HttpClient http, Random random)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(endpoints);
        Venue = venue;
        Id = id;
        _connections = [.. venue.PlanStreams(venueSymbols).Select(stream => new MarketDataConnection(venue, id, registry, stream,
            endpoints.WebSocket, endpoints.Rest, ring, Counters, clock, http, ReconnectBackoff.Default(random)))];
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
