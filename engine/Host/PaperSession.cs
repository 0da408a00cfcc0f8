using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Positions;
using FundingArb.Ring;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Host;

/// <summary><c>funding-arb paper</c>: VenueSim hosted in-process, and the full live pipeline against it over loopback with
/// the simulator's keys — feeds, decision core, gateway with each venue's execution client — until stopped, then the
/// run report, whose residual exposure comes from the venues' own position answers.</summary>
/// <remarks>Start order matters: the execution clients are connected and their private streams subscribed before the
/// decision core starts, so no intent waits for a client; the gateway starts right after the core.</remarks>
public sealed class PaperSession : IAsyncDisposable
{
    private readonly PaperOptions _options;
    private readonly TextWriter _log;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<IExecutionClient> _clients = [];
    private readonly Dictionary<(VenueId, InstrumentId), TradingRules> _rules = [];
    private readonly DateTimeOffset _wallStart = DateTimeOffset.UtcNow;
    private readonly long _startedTicks = System.Diagnostics.Stopwatch.GetTimestamp();
    private DecisionRecordRing? _records;
    private VenueSimulator? _simulator;
    private TradingSession? _session;
    private OrderGateway? _gateway;
    private bool _stopped;

    private PaperSession(PaperOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
    }

    public InstrumentRegistry Registry { get; } = new();
    public VenueSimulator Simulator => _simulator!;
    public TradingSession Session => _session!;
    public OrderGateway Gateway => _gateway!;
    public LegLatency Latency { get; private set; } = null!;
    public IReadOnlyList<IExecutionClient> Clients => _clients;

    public static async Task<PaperSession> StartAsync(PaperOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paper = new PaperSession(options, log);
        try
        {
            await paper.StartAsync(cancellationToken);
            return paper;
        }
        catch
        {
            await paper.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var scenario = _options.Scenario ?? ScenarioLoader.LoadDefault();
        _simulator = await VenueSimulator.StartAsync(new VenueSimulatorOptions
        {
            Scenario = scenario, Faults = _options.Faults, Seed = _options.Seed, MarketClock = _options.Clock, WallClock = _options.Clock,
        }, cancellationToken);
        var venues = _simulator.Endpoints.OrderBy(e => VenueNames.Of(e.Key), StringComparer.Ordinal)
            .Where(e => scenario.Catalog.OfVenue(e.Key).Any())
            .ToDictionary(e => VenueNames.Of(e.Key), e => e);
        var clock = _options.Clock;
        // Venue ids in name order, as the session assigns them, so the clients can exist before it does.
        foreach (var name in venues.Keys) Registry.AddVenue(name);
        Latency = new LegLatency(Registry, clock.TimestampFrequency);
        _gateway = new OrderGateway(_options.Gateway, Registry, clock, new PositionBook(), message => _log.WriteLine(message)) { Latency = Latency };
        var executions = RingBuffer<ExecutionUpdate>.CreateMultiProducer(1 << 14, new WakeOnPublishWaitStrategy(_gateway.Wake));
        _gateway.ConnectExecutions(executions);

        foreach (var (name, (kind, endpoint)) in venues)
        {
            Registry.TryGetVenue(name, out var id);
            if (!ExecutionVenueDirectory.TryGet(name, out var venue))
                throw new InvalidOperationException($"{name}: no execution client is registered for this venue.");
            var key = ApiCredential.Defaults.First(c => c.Venue == kind);
            var client = venue.Create(id, Registry, new ApiCredentials(key.ApiKey, key.Secret, key.Passphrase), endpoint, executions, _http, clock);
            _clients.Add(client);
            _gateway.AddClient(client);
        }
        await Task.WhenAll(_clients.Select(c => c.StartAsync(cancellationToken)));

        if (_options.Decisions is { } decisions)
        {
            _records = new DecisionRecordRing(new DecisionRecordWriter(Registry, decisions));
            _records.Start();
        }
        _session = await TradingSession.StartAsync(new TradingSessionOptions
        {
            Decision = _options.Decision,
            Venues = venues.ToDictionary(v => v.Key, v => VenueEndpoints.Simulator(v.Value.Value)),
            BaseAssets = [.. scenario.Catalog.All.Select(i => i.BaseAsset).Distinct().Order(StringComparer.Ordinal)],
            Records = (IDecisionRecordSink?)_records ?? DiscardedDecisionRecords.Instance,
            Clock = clock,
            Registry = Registry,
            Seed = _options.Seed,
            IntentWaitStrategy = new WakeOnPublishWaitStrategy(_gateway.Wake),
        }, session =>
        {
            foreach (var (venue, instrument, spec) in session.Listings)
            {
                _clients.First(c => c.Venue == venue).AddInstrument(instrument, spec);
                var rules = new TradingRules(spec);
                _rules[(venue, instrument)] = rules;
                _gateway.AddRules(venue, instrument, rules);
            }
            _gateway.ConnectFeedback(new DecisionFeedback(session.MarketEvents));
            return [_gateway.ConnectIntents(session.Intents)];
        }, cancellationToken);
        _gateway.Start();
    }

    /// <summary>Stops deciding, lets attempts in progress settle (up to <see cref="PaperOptions.SettleTimeout"/> on the
    /// session clock), stops the gateway, and reports — residual exposure from the venues' own position answers.</summary>
    public async Task<RunReport> StopAsync(Func<TimeSpan, Task>? wait = null)
    {
        if (_stopped) throw new InvalidOperationException("The paper session has already stopped.");
        _stopped = true;
        var session = _session!;
        var gateway = _gateway!;
        await session.DisposeAsync(); // no new intents from here on
        wait ??= delay => Task.Delay(delay, _options.Clock);
        var settleDeadline = _options.Clock.GetTimestamp() + (long)(_options.SettleTimeout.TotalSeconds * _options.Clock.TimestampFrequency);
        while (!gateway.IsQuiet && _options.Clock.GetTimestamp() < settleDeadline && gateway.Fault is null)
            await wait(TimeSpan.FromMilliseconds(100));
        await gateway.DisposeAsync();
        _records?.Stop(TimeSpan.FromSeconds(10));
        _records = null;

        var answers = new List<(string, VenueId, IReadOnlyList<PositionReport>)>();
        foreach (var client in _clients)
        {
            var positions = await client.QueryPositionsAsync();
            if (!positions.IsOk)
                throw new InvalidOperationException($"{Registry.VenueName(client.Venue)}: positions could not be read at exit ({positions.Error}); the residual exposure is unknown.");
            answers.Add((Registry.VenueName(client.Venue), client.Venue, positions.Value!));
        }
        var attempts = gateway.Attempts;
        var core = session.Core;
        return new RunReport
        {
            Mode = RunReport.Paper,
            WallStart = _wallStart,
            WallSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(_startedTicks).TotalSeconds,
            Frames = new FrameCounts(session.FramesReceived, session.FramesMalformed, session.FramesDropped),
            Opportunities = OpportunityCounts.Of(core.Evaluations, core.IntentsSent, core.Rejections),
            Positions = new PositionCounts(gateway.Positions.Opened, gateway.Positions.Closed, gateway.Positions.OpenCount,
                attempts.Count(a => a.HasUnhedgedLeg)),
            Rollbacks = attempts.Count(a => a.Rollbacks > 0),
            EmergencyCloses = attempts.Sum(a => a.EmergencyCloses),
            ResidualUnhedged = ResidualExposure.Of(answers, (venue, instrument) => _rules.TryGetValue((venue, instrument), out var r) ? r : null, Registry),
            Pnl = PnlSummary.Zero,
            Latency = Latency.Summary(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null && !_stopped) await _session.DisposeAsync();
        if (_gateway is not null) await _gateway.DisposeAsync();
        _records?.Stop(TimeSpan.FromSeconds(10));
        foreach (var client in _clients) await client.DisposeAsync();
        _http.Dispose();
        if (_simulator is not null) await _simulator.DisposeAsync();
    }
}
