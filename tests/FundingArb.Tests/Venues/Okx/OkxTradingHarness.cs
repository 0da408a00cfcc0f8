using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Tests.Tools.VenueSim;
using FundingArb.Tests.Tools.VenueSim.Okx;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>An <see cref="OkxExecutionClient"/> against VenueSim's OKX on loopback (<see cref="OkxScenarios.Flat"/>:
/// BTC-USDT-SWAP at 9000, ctVal 0.01, 100 contracts a level, 8999.9/9000.1; ETH-USDT-SWAP at 2000), on the simulator's
/// virtual wall clock unless given another, reconnecting at once after a drop, its execution ring readable by the test.</summary>
internal sealed class OkxTradingHarness : TradingHarness
{
    private OkxTradingHarness(OkxSim sim) : base(OkxMarketData.VenueName)
    {
        Sim = sim;
        Registry.MapSymbol(Venue, "BTC-USDT-SWAP", Btc);
        Registry.MapSymbol(Venue, "ETH-USDT-SWAP", Eth);
    }

    public OkxSim Sim { get; }
    public OkxExecutionClient Client { get; private set; } = null!;

    /// <summary>As VenueSim serves it: tick 0.1, lot and minimum 0.01 contracts, ctVal 0.01 BTC.</summary>
    public static InstrumentSpec BtcSpec { get; } = new()
    {
        VenueSymbol = "BTC-USDT-SWAP", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.01"), MinQuantity = Quantity.Parse("0.01"),
        ContractSize = Quantity.Parse("0.01"), IsTrading = true,
    };

    public static InstrumentSpec EthSpec { get; } = new()
    {
        VenueSymbol = "ETH-USDT-SWAP", TickSize = Price.Parse("0.01"), LotStep = Quantity.Parse("1"), MinQuantity = Quantity.Parse("1"),
        ContractSize = Quantity.Parse("0.1"), IsTrading = true,
    };

    public static ApiCredentials Credentials(string key = OkxSim.Key, string secret = OkxSim.Secret, string passphrase = OkxSim.Passphrase) =>
        new(key, secret, passphrase);

    public static async Task<OkxTradingHarness> StartAsync(ApiCredentials? credentials = null, TimeProvider? clientClock = null,
        Func<OkxRateLimits>? limits = null, bool useWebSocket = true, bool start = true, Func<Uri, Uri>? route = null,
        Func<Uri, Uri>? routeSocket = null, Func<OkxExecutionOptions, OkxExecutionOptions>? configure = null)
    {
        var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var harness = new OkxTradingHarness(sim);
        var endpoints = OkxExecutionEndpoints.OnOneHost(route?.Invoke(sim.Base) ?? sim.Base);
        if (routeSocket is not null) endpoints = endpoints with { PrivateSocket = OkxExecutionEndpoints.OnOneHost(routeSocket(sim.Base)).PrivateSocket };
        var options = new OkxExecutionOptions
        {
            Endpoints = endpoints,
            UseWebSocketOrders = useWebSocket,
            StartTimeout = TestGuard.Timeout,
            Backoff = () => new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero, new Random(1)),
            RateLimits = limits ?? (() => new OkxRateLimits()),
        };
        if (configure is not null) options = configure(options);
        harness.Client = new OkxExecutionClient(harness.Venue, harness.Registry, credentials ?? Credentials(), options, harness.Ring, harness.Http,
            clientClock ?? sim.Harness.Wall);
        harness.Client.AddInstrument(harness.Btc, BtcSpec);
        harness.Client.AddInstrument(harness.Eth, EthSpec);
        if (start) await harness.Client.StartAsync(CancellationToken.None);
        return harness;
    }

    protected override ValueTask DisposeClientAsync() => Client.DisposeAsync();
    protected override ValueTask DisposeSimulatorAsync() => Sim.DisposeAsync();
}
