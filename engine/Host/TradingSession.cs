using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Host;

/// <summary>The live pipeline up to the gateway ring: each venue's instruments loaded from its metadata, symbols mapped
/// to canonical instruments, one feed per venue writing into the market ring, and the decision core consuming it on its
/// own thread and writing order intents into the intent ring (<see cref="Intents"/>), which the gateway consumes.</summary>
/// <remarks>Start-up is strict: a venue whose metadata cannot be loaded stops the start with a message naming it, and
/// instruments are traded only where at least two venues list them. The core gets every spec before its thread starts,
/// so it never sees an event for an instrument without rules.</remarks>
public sealed class TradingSession : IAsyncDisposable
{
    private readonly List<VenueFeed> _feeds = [];
    private readonly HttpClient _http;
    private BatchEventProcessor<MarketEvent, DecisionCore>? _decision;

    private TradingSession(TradingSessionOptions options, HttpClient http)
    {
        Options = options;
        _http = http;
        MarketEvents = RingBuffer<MarketEvent>.CreateMultiProducer(options.MarketRingSize, WaitStrategies.Create(options.WaitStrategy));
        Intents = RingBuffer<OrderIntent>.CreateSingleProducer(options.IntentRingSize, options.IntentWaitStrategy ?? WaitStrategies.Create(options.WaitStrategy));
    }

    public TradingSessionOptions Options { get; }
    public InstrumentRegistry Registry => Options.Registry;
    public RingBuffer<MarketEvent> MarketEvents { get; }
    public RingBuffer<OrderIntent> Intents { get; }

    /// <summary>The decision core. Its state belongs to the decision thread: read it after <see cref="DisposeAsync"/>.</summary>
    public DecisionCore Core { get; private set; } = null!;

    public IReadOnlyList<VenueFeed> Feeds => _feeds;

    /// <summary>Per venue, the specs of the instruments traded there.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<InstrumentSpec>> Instruments { get; private set; } = new Dictionary<string, IReadOnlyList<InstrumentSpec>>();

    /// <summary>Every traded listing: venue, canonical instrument, and the venue's rules for it.</summary>
    public IReadOnlyList<(VenueId Venue, InstrumentId Instrument, InstrumentSpec Spec)> Listings { get; private set; } = [];

    /// <summary>What stopped the decision thread, if it failed.</summary>
    public Exception? DecisionFault => _decision?.Fault;

    public long FramesReceived => _feeds.Sum(f => f.Counters.Received);
    public long FramesMalformed => _feeds.Sum(f => f.Counters.Malformed);
    public long FramesDropped => _feeds.Sum(f => f.Counters.Dropped);

    /// <param name="intentGates">The sequences of whatever consumes <see cref="Intents"/> (the gateway), registered
    /// before anything is published; called once the instruments are known (<see cref="Listings"/>, <see cref="Registry"/>),
    /// before the decision thread starts.</param>
    public static async Task<TradingSession> StartAsync(TradingSessionOptions options, Func<TradingSession, Sequence[]> intentGates,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(intentGates);
        if (options.Decision.Validate() is { Count: > 0 } problems)
            throw new ArgumentException("Decision config: " + string.Join("; ", problems), nameof(options));
        var session = new TradingSession(options, new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        try
        {
            await session.StartAsync(intentGates, cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(Func<TradingSession, Sequence[]> intentGates, CancellationToken cancellationToken)
    {
        var venues = new List<(IMarketDataVenue Venue, VenueId Id, VenueEndpoints Endpoints)>();
        // Venue ids in name order, whatever order the config lists them in: ids must not depend on start-up details.
        foreach (var (name, endpoints) in Options.Venues.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!VenueDirectory.TryGet(name, out var venue))
                throw new ArgumentException($"Venues.{name}: unknown venue; use one of {string.Join(", ", VenueDirectory.Names)}.", nameof(Options));
            venues.Add((venue, Registry.AddVenue(name), endpoints));
        }
        if (venues.Count < 2) throw new ArgumentException("Venues: an arbitrage needs at least two venues.", nameof(Options));

        var loaded = await Task.WhenAll(venues.Select(v => VenueInstruments.LoadAsync(v.Venue, v.Endpoints.Rest, _http,
            Options.BaseAssets, Options.QuoteAsset, cancellationToken)));

        // Only instruments listed on two venues or more can be arbitraged (a venue listing two symbols of one pair counts once).
        var listings = loaded
            .SelectMany((specs, venue) => specs.Select(s => (Pair: (s.BaseAsset!, s.QuoteAsset!), Venue: venue)))
            .Distinct()
            .GroupBy(l => l.Pair)
            .ToDictionary(g => g.Key, g => g.Count());
        var traded = new Dictionary<string, IReadOnlyList<InstrumentSpec>>();
        var specsOf = new List<(VenueId, InstrumentId, InstrumentSpec)>();
        for (var i = 0; i < venues.Count; i++)
        {
            var kept = loaded[i].Where(s => listings[(s.BaseAsset!, s.QuoteAsset!)] >= 2).ToArray();
            traded[venues[i].Venue.Name] = kept;
            foreach (var spec in kept)
            {
                var instrument = Registry.Intern(spec.BaseAsset!, spec.QuoteAsset!);
                Registry.MapSymbol(venues[i].Id, spec.VenueSymbol, instrument);
                specsOf.Add((venues[i].Id, instrument, spec));
            }
        }
        if (specsOf.Count == 0)
            throw new ArgumentException($"BaseAssets: none of {string.Join(", ", Options.BaseAssets)} has a {Options.QuoteAsset} perpetual trading on two of the venues.", nameof(Options));
        Instruments = traded;

        Listings = specsOf;
        Intents.AddGatingSequences(intentGates(this));
        Core = new DecisionCore(Options.Decision, Registry, [.. venues.Select(v => v.Id)], Options.Clock, Options.Records, Intents);
        foreach (var (venue, instrument, spec) in specsOf) Core.ApplySpec(venue, instrument, spec);
        _decision = new BatchEventProcessor<MarketEvent, DecisionCore>(MarketEvents, MarketEvents.NewBarrier(), Core);
        MarketEvents.AddGatingSequences(_decision.Sequence);
        _decision.Start("decision");

        foreach (var (venue, id, endpoints) in venues)
        {
            var feed = new VenueFeed(venue, id, Registry, [.. traded[venue.Name].Select(s => s.VenueSymbol)], endpoints, MarketEvents,
                Options.Clock, _http, unchecked(Options.Seed * 1_000_003 + id.Index));
            _feeds.Add(feed);
            feed.Start();
        }
    }

    /// <summary>Stops the feeds first (no more events), then the decision thread — that one even if a feed fails to stop.</summary>
    /// <exception cref="TimeoutException">The decision thread did not stop: its state may still change.</exception>
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var feed in _feeds) await feed.DisposeAsync();
        }
        finally
        {
            _http.Dispose();
            if (_decision is { } decision)
            {
                decision.Halt();
                if (!decision.WaitForShutdown(TimeSpan.FromSeconds(10)))
                    throw new TimeoutException("The decision thread did not stop within 10 s; the core's state cannot be read safely.");
            }
        }
    }
}
