using System.Text;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Tests.Gateway;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>What <c>PlaceAsync</c> runs on the caller's thread before the socket write allocates nothing per order once
/// warm, for a different order each time: the rules check, the order on the <c>order.create</c> limit, and the
/// <c>/v5/trade</c> <c>order.create</c> frame (header with timestamp and recv window, the args) written into the pooled
/// buffer. The trade connection is authenticated once (<c>auth</c>), so a frame carries no signature.</summary>
/// <remarks>Beside <see cref="BybitSendPathAllocationTests"/>, which measures one order over and over.</remarks>
public sealed class BybitOrderSendPathAllocationTests
{
    [Fact]
    public async Task Each_of_many_different_orders_is_checked_counted_and_written_without_allocating()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BybitMarketData.VenueName);
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", btc);
        await using var client = new BybitExecutionClient(venue, registry, new ApiCredentials("sim-bybit-key", "sim-bybit-secret"),
            new BybitExecutionOptions
            {
                Endpoints = BybitExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new BybitRateLimits(int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), new HttpClient(), new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));
        client.AddInstrument(btc, BybitTradingHarness.BtcSpec);
        // 0.01 BTC at 60 000 and up clears the spec's 100 USDT minimum notional.
        var orders = VariedOrders.For(btc, Price.Parse("60000.0"), Price.Parse("0.1"), Quantity.Parse("0.01"),
            Quantity.Parse("0.001"), 1024);
        // The frames are the orders': each carries its own orderLinkId.
        Assert.False(client.WritePlaceFrame(orders[1], 1, out var first).IsError);
        var firstText = Encoding.ASCII.GetString(first.Span);
        Assert.Contains($"\"orderLinkId\":\"{orders[1].ClientOrderId}\"", firstText, StringComparison.Ordinal);
        Assert.Contains("\"op\":\"order.create\"", firstText, StringComparison.Ordinal);
        Assert.False(client.WritePlaceFrame(orders[2], 2, out var second).IsError);
        Assert.NotEqual(firstText, Encoding.ASCII.GetString(second.Span));

        long id = 0;
        var bytes = SteadyStateAllocation.BytesPerRound(() =>
        {
            var requestId = ++id;
            ref readonly var order = ref orders[requestId % orders.Length];
            if (!client.RateLimits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, client.Clock.NowUnixMs(), out _))
                throw new InvalidOperationException("limited");
            var error = client.WritePlaceFrame(order, requestId, out var frame);
            if (error.IsError || frame.Length < 200) throw new InvalidOperationException(error.ToString());
        }, 20_000);
        Assert.Equal(0, bytes);
    }
}
