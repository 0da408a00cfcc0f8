using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Tests.Gateway;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>The send path allocates nothing per order once warm: check against the rules, count against the limits,
/// write the op frame; and parsing the answer and the fill.</summary>
public sealed class OkxSendPathAllocationTests
{
    private static OkxExecutionClient Client(out InstrumentId btc, out InstrumentRegistry registry)
    {
        registry = new InstrumentRegistry();
        var venue = registry.AddVenue(OkxMarketData.VenueName);
        btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTC-USDT-SWAP", btc);
        var client = new OkxExecutionClient(venue, registry, OkxTradingHarness.Credentials(),
            new OkxExecutionOptions
            {
                Endpoints = OkxExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new OkxRateLimits(int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), new HttpClient(), new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));
        client.AddInstrument(btc, OkxTradingHarness.BtcSpec);
        return client;
    }

    /// <summary>The order on its instrument's and the account's limits.</summary>
    private static VariedOrders.CountOrder Count(OkxExecutionClient client) =>
        (in OrderRequest order) => client.RateLimits.TryAcquire(OkxRequestKind.PlaceOrder, order.Instrument, client.Clock.NowUnixMs(), out _);

    [Fact]
    public async Task Validating_counting_and_writing_an_order_allocates_nothing()
    {
        await using var client = Client(out var btc, out _);
        Assert.Equal(0, VariedOrders.SendBytesPerRound(VariedOrders.One(btc, Quantity.Parse("15")), Count(client), client.WritePlaceFrame, minFrameLength: 150));
    }

    /// <summary>What <c>PlaceAsync</c> runs on the caller's thread before the socket write, for a different order each
    /// time: the rules check, the order on its instrument's and the account's limits, and the <c>order</c> op (with its
    /// <c>expTime</c>) written into the pooled frame. The session is logged in once, so an op carries no signature.</summary>
    [Fact]
    public async Task Each_of_many_different_orders_is_checked_counted_and_written_without_allocating()
    {
        await using var client = Client(out var btc, out _);
        var orders = VariedOrders.For(btc, Price.Parse("60000.0"), Price.Parse("0.1"), Quantity.Parse("1"),
            Quantity.Parse("0.01"), 1024);
        // The frames are the orders' and carry expTime, as the ones SendOpAsync sends.
        VariedOrders.AssertFramesAreTheOrders(orders, client.WritePlaceFrame, "clOrdId", "\"expTime\":\"");
        Assert.Equal(0, VariedOrders.SendBytesPerRound(orders, Count(client), client.WritePlaceFrame, minFrameLength: 150));
    }

    [Theory]
    [InlineData("PlaceCoreAsync")]
    [InlineData("CancelCoreAsync")]
    [InlineData("AfterAsync")]
    public void The_async_methods_of_the_websocket_order_path_pool_their_state_machines(string method)
    {
        // The op itself is sent by SocketRequestSender.SendAsync, pooled likewise (SocketRequestSenderTests).
        var info = typeof(OkxExecutionClient).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var builder = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Runtime.CompilerServices.AsyncMethodBuilderAttribute>(info);
        Assert.Equal(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>), builder?.BuilderType);
    }

    [Fact]
    public void Signing_a_rest_order_allocates_nothing()
    {
        using var writer = new OkxOrderWriter(OkxTradingHarness.Credentials());
        var order = OrderRequest.Market(new InstrumentId(1), ClientOrderId.ForLeg(1, 1, 1), OrderSide.Sell, Quantity.Parse("3"));
        var bytes = SteadyStateAllocation.BytesPerRound(() =>
        {
            var body = writer.PlaceBody(order, "BTC-USDT-SWAP"u8);
            writer.SignRest("POST"u8, "/api/v5/trade/order"u8, body.Span, 1_767_600_000_000);
        }, 20_000);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Parsing_op_answers_and_fills_allocates_nothing()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(OkxMarketData.VenueName);
        registry.MapSymbol(venue, "BTC-USDT", registry.Intern("BTC", "USDT"));
        var parser = new OkxPrivateParser(venue, registry);
        var fill = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Venues", "Okx", "Fixtures", "ws-orders.json"));
        var answer = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Venues", "Okx", "Fixtures", "ws-order-op.json"));
        var bytes = SteadyStateAllocation.BytesPerRound(() =>
        {
            if (parser.Parse(fill, 1) != OkxPrivateFrame.Updates || parser.Parse(answer, 1) != OkxPrivateFrame.OpAnswer)
                throw new InvalidOperationException("not parsed");
        }, 20_000);
        Assert.Equal(0, bytes);
    }
}
