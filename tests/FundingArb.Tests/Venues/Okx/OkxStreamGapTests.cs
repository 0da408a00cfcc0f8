using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>OKX replays nothing its private stream pushed while it was down, and orders go over REST meanwhile: each
/// ready after the first says so (<see cref="ExecutionUpdateKind.StreamResynced"/>) and the orders placed into the gap
/// are backfilled, so their fills still reach the ring.</summary>
public sealed class OkxStreamGapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Reconnects wait 20 ms on the simulator's virtual clock: nothing spins while the relay refuses.</summary>
    private static Task<OkxTradingHarness> StartAsync(Func<Uri, Uri> routeSocket) =>
        OkxTradingHarness.StartAsync(routeSocket: routeSocket,
            configure: o => o with { Backoff = () => new ReconnectBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), new Random(1)) });

    [Fact]
    public async Task A_fill_of_an_order_placed_over_rest_while_the_stream_was_down_is_backfilled_after_a_resync()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        relay!.Refuse = true;
        relay.DropAll();
        await TestGuard.UntilAsync(() => !h.Client.IsReady, "the stream down");

        var order = OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("2"));
        var placed = await h.Client.PlaceAsync(order, Ct); // over REST
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(1, h.Client.UnwatchedOrders);

        relay.Refuse = false;
        await TestGuard.UntilAsync(() =>
        {
            h.Sim.Advance(TimeSpan.FromMilliseconds(50));
            return h.Client.IsReady;
        }, "the stream back");
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync");
        var fill = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the backfilled fill");
        Assert.Equal(Quantity.Parse("2"), fill.LastFillQuantity);
        await TestGuard.UntilAsync(() => h.Client.UnwatchedOrders == 0, "the order forgotten once read");
        Assert.Equal(1, h.Client.Session.Resyncs);
    }

    [Fact]
    public async Task An_order_refused_while_the_stream_is_down_leaves_nothing_to_backfill()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        relay!.Refuse = true;
        relay.DropAll();
        await TestGuard.UntilAsync(() => !h.Client.IsReady, "the stream down");

        var refused = await h.Client.PlaceAsync(OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), OrderSide.Sell, Quantity.Parse("1"), reduceOnly: true), Ct);
        Assert.Equal(ExecutionErrorKind.ReduceOnlyRejected, refused.Error.Kind); // no position
        Assert.Equal(0, h.Client.UnwatchedOrders);
    }

    [Fact]
    public async Task The_first_ready_publishes_no_resync_and_every_later_one_does()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        h.Drain();
        Assert.DoesNotContain(h.Updates, u => u.Kind == ExecutionUpdateKind.StreamResynced);
        for (var round = 1; round <= 2; round++)
        {
            var connects = h.Client.SocketConnects;
            relay!.DropAll();
            await TestGuard.UntilAsync(() =>
            {
                h.Sim.Advance(TimeSpan.FromMilliseconds(50));
                return h.Client.SocketConnects > connects && h.Client.IsReady;
            }, "reconnected");
            await TestGuard.UntilAsync(() =>
            {
                h.Drain();
                return h.Updates.Count(u => u.Kind == ExecutionUpdateKind.StreamResynced) == round;
            }, "one resync per re-ready");
        }
    }
}
