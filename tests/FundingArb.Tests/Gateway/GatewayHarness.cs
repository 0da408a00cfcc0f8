using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Positions;
using FundingArb.Replay;
using FundingArb.Tests.Host;
using FundingArb.Ring;
using FundingArb.Venues.Binance;
using FundingArb.Venues.Okx;
using FundingArb.VenueSim.Hosting;
using VenueKind = FundingArb.VenueSim.Instruments.VenueKind;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Tests.Gateway;

/// <summary>The order gateway with real Binance and OKX execution clients against VenueSim over loopback, on one
/// virtual clock, in <see cref="TradingSessionTests.Scenario"/>: BTC at 60 000 on both, deep still books; Binance trades 0.001 BTC lots, OKX 1-contract lots of 0.01
/// BTC. Tests publish intents and script the simulator's faults; the venues' own position answers are the truth.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 3, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _http = new() { Timeout = TestGuard.Timeout };
    private long _nextIntent = 1;
    private long _published = -1;

    private GatewayHarness(VenueSimulator sim, VirtualClock clock)
    {
        Sim = sim;
        Clock = clock;
        Binance = Registry.AddVenue("binance");
        Okx = Registry.AddVenue("okx");
        Btc = Registry.Intern("BTC", "USDT");
        Registry.MapSymbol(Binance, "BTCUSDT", Btc);
        Registry.MapSymbol(Okx, "BTC-USDT-SWAP", Btc);
    }

    public VenueSimulator Sim { get; }
    public VirtualClock Clock { get; }
    public InstrumentRegistry Registry { get; } = new();
    public VenueId Binance { get; }
    public VenueId Okx { get; }
    public InstrumentId Btc { get; }
    public RingBuffer<OrderIntent> Intents { get; } = RingBuffer<OrderIntent>.CreateSingleProducer(64);
    public RingBuffer<ExecutionUpdate> Executions { get; } = RingBuffer<ExecutionUpdate>.CreateMultiProducer(4096);
    public OrderGateway Gateway { get; private set; } = null!;
    public BinanceExecutionClient BinanceClient { get; private set; } = null!;
    public OkxExecutionClient OkxClient { get; private set; } = null!;
    public List<string> Alerts { get; } = [];

    public static InstrumentSpec BinanceSpec { get; } = new()
    {
        VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.001"), IsTrading = true,
    };

    public static InstrumentSpec OkxSpec { get; } = new()
    {
        VenueSymbol = "BTC-USDT-SWAP", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("1"), MinQuantity = Quantity.Parse("1"),
        ContractSize = Quantity.Parse("0.01"), IsTrading = true,
    };

    public static async Task<GatewayHarness> StartAsync(GatewayConfig? config = null)
    {
        var clock = new VirtualClock(Start);
        var sim = await VenueSimulator.StartAsync(new VenueSimulatorOptions
        {
            Scenario = ScenarioLoader.Parse(TradingSessionTests.Scenario), MarketClock = clock, WallClock = clock,
        });
        var h = new GatewayHarness(sim, clock);
        var noBackoff = () => new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero, new Random(1));
        h.BinanceClient = new BinanceExecutionClient(h.Binance, h.Registry, new ApiCredentials("sim-binance-key", "sim-binance-secret"),
            new BinanceExecutionOptions
            {
                Endpoints = BinanceExecutionEndpoints.OnOneHost(sim.Endpoints[VenueKind.Binance]), StartTimeout = TestGuard.Timeout, Backoff = noBackoff,
                UserStreamSilenceLimit = Timeout.InfiniteTimeSpan,
            }, h.Executions, h._http, clock);
        h.OkxClient = new OkxExecutionClient(h.Okx, h.Registry, new ApiCredentials("sim-okx-key", "sim-okx-secret", "sim-okx-passphrase"),
            new OkxExecutionOptions
            {
                Endpoints = OkxExecutionEndpoints.OnOneHost(sim.Endpoints[VenueKind.Okx]), StartTimeout = TestGuard.Timeout, Backoff = noBackoff,
                SilenceLimit = Timeout.InfiniteTimeSpan,
            }, h.Executions, h._http, clock);
        h.BinanceClient.AddInstrument(h.Btc, BinanceSpec);
        h.OkxClient.AddInstrument(h.Btc, OkxSpec);
        h.Gateway = new OrderGateway(config ?? new GatewayConfig(), h.Registry, clock, new PositionBook(), message =>
        {
            lock (h.Alerts) h.Alerts.Add(message);
        });
        h.Gateway.AddClient(h.BinanceClient);
        h.Gateway.AddClient(h.OkxClient);
        h.Gateway.AddRules(h.Binance, h.Btc, new TradingRules(BinanceSpec));
        h.Gateway.AddRules(h.Okx, h.Btc, new TradingRules(OkxSpec));
        h.Intents.AddGatingSequences(h.Gateway.ConnectIntents(h.Intents));
        h.Gateway.ConnectExecutions(h.Executions);
        await Task.WhenAll(h.BinanceClient.StartAsync(CancellationToken.None), h.OkxClient.StartAsync(CancellationToken.None));
        h.Gateway.Start();
        return h;
    }

    /// <summary>Long <paramref name="baseQuantity"/> BTC on Binance, short the same on OKX, limits 0.2 % through the touch.</summary>
    public OrderIntent Submit(decimal baseQuantity = 0.05m)
    {
        var intent = new OrderIntent
        {
            IntentId = _nextIntent++, Instrument = Btc, LongVenue = Binance, ShortVenue = Okx,
            BaseQuantity = Quantity.Parse(baseQuantity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            LongQuantity = Quantity.Parse(baseQuantity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ShortQuantity = Quantity.Parse((baseQuantity * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            LongLimitPrice = Price.Parse("60120"), ShortLimitPrice = Price.Parse("59880"), Notional = (double)baseQuantity * 60_000,
            DecisionTimestamp = Clock.GetTimestamp(), TriggerReceivedTimestamp = Clock.GetTimestamp(),
        };
        var sequence = Intents.Next();
        Intents[sequence] = intent;
        Intents.Publish(sequence);
        _published = sequence;
        return intent;
    }

    public ArbitrageAttempt? Attempt(long intentId) => Gateway.Attempts.FirstOrDefault(a => a.PositionId == intentId);

    /// <summary>Waits until the attempt has settled (opened or flat), stepping the virtual clock a second at a time while
    /// nothing moves, so that deadlines, retries and backoffs fall due; at most <paramref name="virtualLimit"/>.</summary>
    public async Task<ArbitrageAttempt> SettleAsync(long intentId, TimeSpan? virtualLimit = null)
    {
        var limit = virtualLimit ?? TimeSpan.FromMinutes(5);
        var advanced = TimeSpan.Zero;
        ArbitrageAttempt? attempt = null;
        var quietPolls = 0;
        await TestGuard.UntilAsync(() =>
        {
            attempt = Attempt(intentId);
            if (attempt is { IsSettled: true } && !attempt.Legs.Any(l => l.HasOrderInFlight || l.RetryPending)) return true;
            if (Gateway.Fault is { } fault) Assert.Fail($"gateway stopped: {fault}");
            if (++quietPolls < 20) return false; // give answers in flight a moment of real time before the clock moves
            quietPolls = 0;
            if (advanced >= limit) Assert.Fail($"not settled after {limit} of virtual time: {attempt}");
            Clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            return false;
        }, $"attempt {intentId} settled");
        return attempt!;
    }

    /// <summary>The venues' own answer: the signed BTC position on each.</summary>
    public async Task<(Quantity Binance, Quantity Okx)> VenuePositionsAsync()
    {
        static Quantity Sum(VenueQuery<IReadOnlyList<PositionReport>> answer)
        {
            Assert.True(answer.IsOk, answer.Error.ToString());
            return answer.Value!.Aggregate(Quantity.Zero, (sum, p) => sum + p.Quantity);
        }
        return (Sum(await BinanceClient.QueryPositionsAsync()), Sum(await OkxClient.QueryPositionsAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await BinanceClient.DisposeAsync();
        await OkxClient.DisposeAsync();
        _http.Dispose();
        await Sim.DisposeAsync();
    }
}
