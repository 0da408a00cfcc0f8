using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Tests.Gateway;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The send path allocates nothing per order once warm: check against the rules, count against the limits,
/// write and sign the WS API frame; and waiting on a pooled reply.</summary>
public sealed class BinanceSendPathAllocationTests
{
    private static BinanceExecutionClient Client(out InstrumentId btc)
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BinanceMarketData.VenueName);
        btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", btc);
        var client = new BinanceExecutionClient(venue, registry, new ApiCredentials("sim-binance-key", "sim-binance-secret"),
            new BinanceExecutionOptions
            {
                Endpoints = BinanceExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new BinanceRateLimits(int.MaxValue / 2, int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), new HttpClient(), new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));
        client.AddInstrument(btc, BinanceTradingHarness.BtcSpec);
        return client;
    }

    /// <summary>New Order: one order on each order-count window, weight 0 (as PlaceCoreAsync counts it).</summary>
    private static VariedOrders.CountOrder Count(BinanceExecutionClient client) =>
        (in OrderRequest order) => client.RateLimits.TryAcquire(0, isOrder: true, client.Clock.NowUnixMs(), out _);

    [Fact]
    public async Task Validating_counting_writing_and_signing_an_order_allocates_nothing()
    {
        await using var client = Client(out var btc);
        Assert.Equal(0, VariedOrders.SendBytesPerRound(VariedOrders.One(btc, Quantity.Parse("0.015")), Count(client), client.WritePlaceFrame, minFrameLength: 300));
    }

    /// <summary>What <c>PlaceAsync</c> runs on the caller's thread before the socket write, for a different order each
    /// time: the rules check, one order on the order-count windows, the <c>order.place</c> params written into the pooled
    /// frame and the HMAC over them.</summary>
    [Fact]
    public async Task Each_of_many_different_orders_is_checked_counted_written_and_signed_without_allocating()
    {
        await using var client = Client(out var btc);
        var orders = VariedOrders.For(btc, Price.Parse("60000.0"), Price.Parse("0.1"), Quantity.Parse("0.001"),
            Quantity.Parse("0.001"), 1024);
        // The frames are the orders': each carries its own client order id and a signature of its own.
        VariedOrders.AssertFramesAreTheOrders(orders, client.WritePlaceFrame, "newClientOrderId", "\"signature\":\"");
        Assert.Equal(0, VariedOrders.SendBytesPerRound(orders, Count(client), client.WritePlaceFrame, minFrameLength: 250));
    }

    [Fact]
    public void Waiting_for_an_answer_on_a_pooled_reply_allocates_nothing()
    {
        var pending = new PendingReplies(4);
        long id = 0;
        var report = new OrderReport { Status = OrderStatus.Filled };
        var bytes = SteadyStateAllocation.BytesPerRound(() =>
        {
            if (!pending.TryArm(++id, long.MaxValue, out var reply)) throw new InvalidOperationException("busy");
            pending.TryComplete(id, report);
            var task = reply.Task;
            if (!task.IsCompleted || task.Result.Status != OrderStatus.Filled) throw new InvalidOperationException("not completed");
        }, 20_000);
        Assert.Equal(0, bytes);
    }
}
