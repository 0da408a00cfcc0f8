using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Host;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Tests.Decision;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Tests.Host;

/// <summary>The live pipeline against the simulator over real loopback sockets: metadata over REST, the feeds' streams,
/// the decision core on its own thread, and an order intent on the intent ring for the gateway.</summary>
public class TradingSessionTests
{
    /// <summary>BTC on Binance (8 h, +0.01 %) and OKX (8 h, +0.10 %, 0.01 BTC a contract), both marked at 60 000 with
    /// deep, still books: shorting OKX against a Binance long earns 3 × 9 bps over the 24 h hold against 20 bps of fees.
    /// ETH is listed on Binance only, so it is not traded.</summary>
    internal const string Scenario = """
    {
      "name": "btc-binance-okx",
      "instruments": [
        { "venue": "binance", "symbol": "BTCUSDT", "base": "BTC", "tickSize": "0.1", "stepSize": "0.001", "minQty": "0.001",
          "book": { "levels": 20, "size": "0.5", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "60000", "index": "60000", "rate": "0.0001" } ] },
        { "venue": "binance", "symbol": "ETHUSDT", "base": "ETH", "tickSize": "0.01", "stepSize": "0.001",
          "book": { "levels": 20, "size": "5", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "3000", "index": "3000", "rate": "0.0001" } ] },
        { "venue": "okx", "symbol": "BTC-USDT-SWAP", "base": "BTC", "tickSize": "0.1", "stepSize": "1", "minQty": "1",
          "contractSize": "0.01",
          "book": { "levels": 20, "size": "50", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "60000", "index": "60000", "rate": "0.001" } ] }
      ]
    }
    """;

    private static readonly DateTimeOffset Start = new(2026, 1, 5, 3, 0, 0, TimeSpan.Zero); // 5 h before both settle

    [Fact]
    public async Task Binance_and_okx_over_loopback_end_in_an_intent_to_short_the_richer_venue()
    {
        var clock = new VirtualClock(Start);
        await using var sim = await VenueSimulator.StartAsync(new VenueSimulatorOptions
        {
            Scenario = ScenarioLoader.Parse(Scenario),
            MarketClock = clock,
            WallClock = clock,
        }, TestContext.Current.CancellationToken);
        var records = new RecordingSink();
        EventPoller<OrderIntent>? intents = null;
        await using var session = await TradingSession.StartAsync(new TradingSessionOptions
        {
            Decision = DecisionConfig.Default,
            Venues = new Dictionary<string, VenueEndpoints>
            {
                ["binance"] = VenueEndpoints.Simulator(sim.Endpoints[VenueKind.Binance]),
                ["okx"] = VenueEndpoints.Simulator(sim.Endpoints[VenueKind.Okx]),
            },
            BaseAssets = ["BTC", "ETH"],
            Records = records,
            Clock = clock,
        }, started =>
        {
            intents = started.Intents.NewPoller();
            return [intents.Sequence];
        }, TestContext.Current.CancellationToken);

        Assert.Equal(["BTCUSDT"], session.Instruments["binance"].Select(s => s.VenueSymbol));
        Assert.Equal(["BTC-USDT-SWAP"], session.Instruments["okx"].Select(s => s.VenueSymbol));

        var received = new IntentCollector();
        // Market time moves a step at a time (the simulator publishes on each) until the core has judged the pair.
        await TestGuard.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            intents!.Poll(ref received);
            return received.All.Count > 0 || session.DecisionFault is not null;
        }, "an order intent from the decision core");

        Assert.Null(session.DecisionFault);
        var intent = received.All[0];
        Assert.Equal("BTC-USDT-PERP", session.Registry.Canonical(intent.Instrument));
        Assert.Equal(("binance", "okx"), (session.Registry.VenueName(intent.LongVenue), session.Registry.VenueName(intent.ShortVenue)));
        // 1000 USDT a leg at 60 000 is 0.0166 BTC; the common lot of Binance's 0.001 BTC step and OKX's whole contracts
        // of 0.01 BTC is 0.01 BTC, rounded down: 0.01 BTC on Binance, 1 contract on OKX.
        Assert.Equal(Quantity.Parse("0.01"), intent.BaseQuantity);
        Assert.Equal(Quantity.Parse("0.01"), intent.LongQuantity);
        Assert.Equal(Quantity.Parse("1"), intent.ShortQuantity);
        Assert.True(intent.ExpectedEdgeBps > 1.0, $"edge {intent.ExpectedEdgeBps} bps");
        Assert.True(session.FramesReceived > 0);
        Assert.Equal(0, session.FramesMalformed);
    }

    private struct IntentCollector() : IEventHandler<OrderIntent>
    {
        public List<OrderIntent> All { get; } = [];
        public void OnEvent(ref OrderIntent evt, long sequence, bool endOfBatch) => All.Add(evt);
        public void OnBatchStart(long batchSize) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }
}
