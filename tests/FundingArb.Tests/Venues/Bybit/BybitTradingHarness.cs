using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Tests.Tools.VenueSim.Bybit;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>A <see cref="BybitExecutionClient"/> against VenueSim's Bybit venue on loopback
/// (<see cref="BybitScenarios.Flat"/>: BTCUSDT at 9000 with 1 BTC a level, 8999.9/9000.1, limit prices within 8550–9450,
/// min qty 0.01, min order value 100; ETHUSDT at 2000), on the simulator's virtual wall clock unless given another,
/// reconnecting at once after a drop, its execution ring readable by the test.</summary>
internal sealed class BybitTradingHarness : TradingHarness
{
    private BybitTradingHarness(BybitSim sim) : base(BybitMarketData.VenueName)
    {
        Sim = sim;
        Registry.MapSymbol(Venue, "BTCUSDT", Btc);
        Registry.MapSymbol(Venue, "ETHUSDT", Eth);
    }

    public BybitSim Sim { get; }
    public BybitExecutionClient Client { get; private set; } = null!;

    /// <summary>The instruments-info of <see cref="BybitScenarios.Flat"/>'s BTCUSDT.</summary>
    public static InstrumentSpec BtcSpec { get; } = new()
    {
        VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.01"),
        MinNotional = 100, ContractSize = Quantity.Parse("1"), IsTrading = true,
    };

    public static InstrumentSpec EthSpec { get; } = new()
    {
        VenueSymbol = "ETHUSDT", TickSize = Price.Parse("0.01"), LotStep = Quantity.Parse("0.01"), MinQuantity = Quantity.Parse("0.01"),
        MinNotional = 5, ContractSize = Quantity.Parse("1"), IsTrading = true,
    };

    /// <param name="route">Every path (REST and both sockets) through another host, given the simulator's base.</param>
    /// <param name="routeStream">The private stream alone through another host (a relay in front of the simulator).</param>
    /// <param name="routeTrade">The trade socket alone through another host.</param>
    /// <param name="configure">Last changes to the options (e.g. a backoff that waits on the virtual clock).</param>
    public static async Task<BybitTradingHarness> StartAsync(ApiCredentials? credentials = null, TimeProvider? clientClock = null,
        Func<BybitRateLimits>? limits = null, bool useWebSocketTrade = true, bool start = true, Func<Uri, Uri>? route = null,
        InstrumentSpec? btcSpec = null, int? leverage = null, Func<Uri, Uri>? routeStream = null, Func<Uri, Uri>? routeTrade = null,
        Func<BybitExecutionOptions, BybitExecutionOptions>? configure = null)
    {
        var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var harness = new BybitTradingHarness(sim);
        var endpoints = BybitExecutionEndpoints.OnOneHost(route?.Invoke(sim.Base) ?? sim.Base);
        if (routeStream is not null) endpoints = endpoints with { PrivateStream = BybitExecutionEndpoints.OnOneHost(routeStream(sim.Base)).PrivateStream };
        if (routeTrade is not null) endpoints = endpoints with { Trade = BybitExecutionEndpoints.OnOneHost(routeTrade(sim.Base)).Trade };
        var options = new BybitExecutionOptions
        {
            Endpoints = endpoints,
            UseWebSocketTrade = useWebSocketTrade,
            StartTimeout = TestGuard.Timeout,
            Backoff = () => new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero, new Random(1)),
            RateLimits = limits ?? (() => new BybitRateLimits()),
            Leverage = leverage,
        };
        if (configure is not null) options = configure(options);
        harness.Client = new BybitExecutionClient(harness.Venue, harness.Registry,
            credentials ?? new ApiCredentials(BybitSim.Key, BybitSim.Secret), options, harness.Ring, harness.Http, clientClock ?? sim.Harness.Wall);
        harness.Client.AddInstrument(harness.Btc, btcSpec ?? BtcSpec);
        harness.Client.AddInstrument(harness.Eth, EthSpec);
        if (start) await harness.Client.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Moves the simulator's clocks (and so the client's) on in steps of a few seconds, letting both sockets
    /// answer each heartbeat ping before the next step, as on a clock that runs: one jump of minutes would fire many
    /// pings at once with no time for pongs, which the dead-link check rightly reads as a dead link.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var step = TimeSpan.FromSeconds(5);
        for (var moved = TimeSpan.Zero; moved < by; moved += step)
        {
            Sim.Advance(by - moved < step ? by - moved : step);
            await TestGuard.UntilAsync(() => Client.HeartbeatsAnswered, "both sockets answering the heartbeat");
        }
    }

    /// <summary>Moves the simulator's clocks on in steps of a few seconds, each after the trade socket has answered the
    /// last heartbeat ping (for tests with the private stream down, whose heartbeat has nothing to hear).</summary>
    public async Task AdvanceWithTradeSocketAsync(TimeSpan by)
    {
        var step = TimeSpan.FromSeconds(5);
        for (var moved = TimeSpan.Zero; moved < by; moved += step)
        {
            Sim.Advance(by - moved < step ? by - moved : step);
            await TestGuard.UntilAsync(() => Client.TradeApi.Heartbeat.HeardSinceLastPing, "the trade socket answering the heartbeat");
        }
    }

    /// <summary>Steps the simulator's clocks 50 ms at a time until <paramref name="condition"/> holds: reconnects wait
    /// on the virtual clock (a backoff, a deadline), and each step lets them run.</summary>
    public Task StepUntilAsync(Func<bool> condition, string what) => TestGuard.UntilAsync(() =>
    {
        if (condition()) return true;
        Sim.Advance(TimeSpan.FromMilliseconds(50));
        return false;
    }, what);

    /// <summary>Funding payments read from the ring so far.</summary>
    public List<ExecutionUpdate> FundingPayments()
    {
        Drain();
        return [.. Updates.Where(u => u.Kind == ExecutionUpdateKind.FundingPayment)];
    }

    protected override ValueTask DisposeClientAsync() => Client.DisposeAsync();
    protected override ValueTask DisposeSimulatorAsync() => Sim.DisposeAsync();
}
