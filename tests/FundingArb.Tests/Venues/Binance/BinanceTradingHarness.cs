using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Tests.Tools.VenueSim;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>A <see cref="BinanceExecutionClient"/> against VenueSim on loopback (<see cref="TestScenarios.Flat"/>:
/// BTCUSDT at 9000 with 1 BTC a level, 8999.9/9000.1; ETHUSDT at 2000), on the simulator's virtual wall clock unless
/// given another, reconnecting at once after a drop, its execution ring readable by the test.</summary>
internal sealed class BinanceTradingHarness : TradingHarness
{
    private BinanceTradingHarness(SimHarness sim) : base(BinanceMarketData.VenueName)
    {
        Sim = sim;
        Registry.MapSymbol(Venue, "BTCUSDT", Btc);
        Registry.MapSymbol(Venue, "ETHUSDT", Eth);
    }

    public SimHarness Sim { get; }
    public BinanceExecutionClient Client { get; private set; } = null!;

    public static InstrumentSpec BtcSpec { get; } = new()
    {
        VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.001"),
        MinNotional = 5, ContractSize = Quantity.Parse("1"), IsTrading = true,
    };

    public static InstrumentSpec EthSpec { get; } = new()
    {
        VenueSymbol = "ETHUSDT", TickSize = Price.Parse("0.01"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.001"),
        MinNotional = 5, ContractSize = Quantity.Parse("1"), IsTrading = true,
    };

    public static async Task<BinanceTradingHarness> StartAsync(ApiCredentials? credentials = null, TimeProvider? clientClock = null,
        Func<BinanceRateLimits>? limits = null, bool useWebSocketApi = true, bool start = true, Func<Uri, Uri>? route = null,
        Func<Uri, Uri>? routeWebSockets = null, Func<BinanceExecutionOptions, BinanceExecutionOptions>? configure = null)
    {
        var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var harness = new BinanceTradingHarness(sim);
        var endpoints = BinanceExecutionEndpoints.OnOneHost(route?.Invoke(sim.Base) ?? sim.Base);
        if (routeWebSockets is not null) // REST straight to the simulator, both WebSockets through the route
        {
            var sockets = BinanceExecutionEndpoints.OnOneHost(routeWebSockets(sim.Base));
            endpoints = endpoints with { WebSocketApi = sockets.WebSocketApi, UserStream = sockets.UserStream };
        }
        var options = new BinanceExecutionOptions
        {
            Endpoints = endpoints,
            UseWebSocketApi = useWebSocketApi,
            StartTimeout = TestGuard.Timeout,
            Backoff = () => new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero, new Random(1)),
            RateLimits = limits ?? (() => new BinanceRateLimits()),
            // Tests jump the virtual clock by minutes or an hour in one call, firing every watchdog tick back to back
            // with no real time for a probe's answer: a silence limit there measures the jump, not the link. The
            // dead-link tests turn it on.
            UserStreamSilenceLimit = Timeout.InfiniteTimeSpan,
        };
        if (configure is not null) options = configure(options);
        harness.Client = new BinanceExecutionClient(harness.Venue, harness.Registry,
            credentials ?? new ApiCredentials(SimHarness.Key, SimHarness.Secret), options, harness.Ring, harness.Http, clientClock ?? sim.Wall);
        harness.Client.AddInstrument(harness.Btc, BtcSpec);
        harness.Client.AddInstrument(harness.Eth, EthSpec);
        if (start) await harness.Client.StartAsync(CancellationToken.None);
        return harness;
    }

    protected override ValueTask DisposeClientAsync() => Client.DisposeAsync();
    protected override ValueTask DisposeSimulatorAsync() => Sim.DisposeAsync();
}
