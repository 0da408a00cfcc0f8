using System.Text;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Tests.Gateway;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>The send path allocates nothing per order once warm: check against the rules, count against the limits,
/// write the WS trade frame (for one order over and over, and for a different order each time); reading the trade API's
/// answer and completing the pooled reply; signing a request. The trade connection is authenticated once (<c>auth</c>),
/// so a frame carries no signature.</summary>
public sealed class BybitSendPathAllocationTests
{
    private static BybitExecutionClient Client(out InstrumentId btc)
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BybitMarketData.VenueName);
        btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", btc);
        var client = new BybitExecutionClient(venue, registry, new ApiCredentials("sim-bybit-key", "sim-bybit-secret"),
            new BybitExecutionOptions
            {
                Endpoints = BybitExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new BybitRateLimits(int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), new HttpClient(), new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));
        client.AddInstrument(btc, BybitTradingHarness.BtcSpec);
        return client;
    }

    /// <summary>The order on the <c>order.create</c> limit of the trade socket.</summary>
    private static VariedOrders.CountOrder Count(BybitExecutionClient client) =>
        (in OrderRequest order) => client.RateLimits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, client.Clock.NowUnixMs(), out _);

    [Fact]
    public async Task Validating_counting_and_writing_an_order_allocates_nothing()
    {
        await using var client = Client(out var btc);
        Assert.Equal(0, VariedOrders.SendBytesPerRound(VariedOrders.One(btc, Quantity.Parse("0.015")), Count(client), client.WritePlaceFrame, minFrameLength: 200));
    }

    /// <summary>What <c>PlaceAsync</c> runs on the caller's thread before the socket write, for a different order each
    /// time: the rules check, the order on the <c>order.create</c> limit, and the <c>/v5/trade</c> <c>order.create</c>
    /// frame (header with timestamp and recv window, the args) written into the pooled buffer.</summary>
    [Fact]
    public async Task Each_of_many_different_orders_is_checked_counted_and_written_without_allocating()
    {
        await using var client = Client(out var btc);
        // 0.01 BTC at 60 000 and up clears the spec's 100 USDT minimum notional.
        var orders = VariedOrders.For(btc, Price.Parse("60000.0"), Price.Parse("0.1"), Quantity.Parse("0.01"),
            Quantity.Parse("0.001"), 1024);
        // The frames are the orders': each carries its own orderLinkId.
        VariedOrders.AssertFramesAreTheOrders(orders, client.WritePlaceFrame, "orderLinkId", "\"op\":\"order.create\"");
        Assert.Equal(0, VariedOrders.SendBytesPerRound(orders, Count(client), client.WritePlaceFrame, minFrameLength: 200));
    }

    [Fact]
    public void Reading_an_answer_and_completing_its_reply_allocates_nothing()
    {
        using var signer = new BybitSigner(new ApiCredentials("sim-bybit-key", "sim-bybit-secret"));
        var api = new BybitTradeApi(new Uri("ws://unused/"), signer, new BybitRateLimits(), new ClockOffset(new VirtualClock(DateTimeOffset.UnixEpoch)),
            TimeSpan.FromSeconds(10));
        var answers = new byte[64][];
        for (var i = 0; i < answers.Length; i++)
            answers[i] = Encoding.UTF8.GetBytes(BybitTestFeed.FixtureText("ws-trade-create-answer.json").Replace("\"test-005\"", $"\"{i + 1}\"", StringComparison.Ordinal));
        long id = 0;
        var bytes = SteadyStateAllocation.BytesPerRound(() =>
        {
            var requestId = ++id;
            if (!api.Pending.TryArm(requestId, long.MaxValue, out var reply)) throw new InvalidOperationException("busy");
            api.OnMessage(answers[requestId - 1], 0); // the docs' answer, its reqId set to the armed one (ids cycle 1..64)
            var task = reply.Task;
            if (!task.IsCompleted || task.Result.Status != OrderStatus.New) throw new InvalidOperationException("not completed");
            if (requestId % answers.Length == 0) id = 0;
        }, 20_000);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Signing_a_request_allocates_nothing()
    {
        using var signer = new BybitSigner(new ApiCredentials("sim-bybit-key", "sim-bybit-secret"));
        var body = Encoding.ASCII.GetBytes("""{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.01","price":"8990"}""");
        var hex = new byte[BybitSigner.SignatureLength];
        var bytes = SteadyStateAllocation.BytesPerRound(() => signer.SignRequest(1711001595207, 5000, body, hex), 20_000);
        Assert.Equal(0, bytes);
    }
}
