using FundingArb.VenueSim.Binance;
using FundingArb.VenueSim.Bybit;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Okx;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.VenueSim.Hosting;

/// <summary>The simulator, embeddable in-process: <see cref="StartAsync"/> builds each venue's exchange from the
/// scenario, starts its loopback listener and a market timer on the market clock; <see cref="Endpoints"/> gives each
/// running venue's base URL. Venues whose wire protocol is not implemented yet are not started (README lists them).</summary>
public sealed class VenueSimulator : IAsyncDisposable
{
    private readonly List<IVenueFrontEnd> _frontEnds = [];
    private readonly Dictionary<VenueKind, SimulatedExchange> _exchanges = [];
    private readonly Dictionary<VenueKind, Uri> _endpoints = [];
    private ITimer? _timer;
    private TimeProvider _marketClock = TimeProvider.System;

    private VenueSimulator()
    {
    }

    /// <summary>Base URL (http://127.0.0.1:PORT) of each venue that is listening, in venue order.</summary>
    public IReadOnlyDictionary<VenueKind, Uri> Endpoints => _endpoints;

    public Scenario Scenario { get; private set; } = null!;

    /// <summary>The exchange behind a running venue (tests inspect state through it).</summary>
    public SimulatedExchange ExchangeOf(VenueKind venue) => _exchanges[venue];

    /// <summary>A venue's fault plan: tests script faults here while the simulator runs, and read what was applied.</summary>
    public FaultPlan FaultsOf(VenueKind venue) => _exchanges[venue].Faults;

    public static async Task<VenueSimulator> StartAsync(VenueSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new VenueSimulator { Scenario = options.Scenario ?? ScenarioLoader.LoadDefault(), _marketClock = options.MarketClock };
        try
        {
            var now = options.MarketClock.GetUtcNow();
            foreach (var venue in Enum.GetValues<VenueKind>())
            {
                var exchange = new SimulatedExchange(venue, simulator.Scenario, now, options.Seed, options.Accounts);
                simulator._exchanges[venue] = exchange;
                foreach (var rule in (options.Faults ?? FaultScript.Empty).RulesOf(venue)) exchange.Faults.Add(rule);
                if (CreateFrontEnd(venue, exchange, options) is not { } front) continue;
                simulator._frontEnds.Add(front);
                simulator._endpoints[venue] = await front.StartAsync(options.PortOf(venue), cancellationToken);
            }
            simulator._timer = options.MarketClock.CreateTimer(static state => ((VenueSimulator)state!).Pump(), simulator,
                SimulatedExchange.StepInterval, SimulatedExchange.StepInterval);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>The wire protocol of <paramref name="venue"/>, or null while it is not implemented (README, "Not yet").</summary>
    private static IVenueFrontEnd? CreateFrontEnd(VenueKind venue, SimulatedExchange exchange, VenueSimulatorOptions options) => venue switch
    {
        VenueKind.Binance => new BinanceVenue(exchange, options.MarketClock, options.WallClock, options.Seed),
        VenueKind.Bybit => new BybitVenue(exchange, options.MarketClock, options.WallClock, options.Seed),
        VenueKind.Okx => new OkxVenue(exchange, options.MarketClock, options.WallClock, options.Seed, options.Accounts),
        _ => null,
    };

    /// <summary>Brings every exchange's market up to the market clock's now.</summary>
    public void Pump()
    {
        var now = _marketClock.GetUtcNow();
        foreach (var exchange in _exchanges.Values) exchange.AdvanceTo(now);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null) await _timer.DisposeAsync();
        foreach (var frontEnd in _frontEnds) await frontEnd.DisposeAsync();
        _frontEnds.Clear();
    }
}
