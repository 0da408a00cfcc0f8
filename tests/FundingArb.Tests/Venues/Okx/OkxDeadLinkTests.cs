using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>A private WebSocket that dies without closing (the relay black-holes it: no close, no traffic) is found dead
/// and replaced — by the silence limit and its text ping, by an unanswered op, or by unanswered WebSocket pings — so
/// orders stop going into it and the stream does not silently stop delivering fills. REST goes straight to the
/// simulator.</summary>
public sealed class OkxDeadLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Resting(OkxTradingHarness h) =>
        OrderRequest.Limit(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"), Price.Parse("8990"), TimeInForce.GoodTillCancel);

    private static Task<OkxTradingHarness> StartAsync(Func<Uri, Uri> routeSocket, Func<OkxExecutionOptions, OkxExecutionOptions>? configure = null) =>
        OkxTradingHarness.StartAsync(routeSocket: routeSocket,
            configure: o => (configure ?? (x => x))(o with { SocketKeepAliveTimeout = Timeout.InfiniteTimeSpan })); // only the tested signal may tell

    [Fact]
    public async Task A_silent_connection_whose_text_ping_gets_no_pong_is_dropped_within_the_silence_limit_and_a_resync_follows()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        var pongs = h.Client.Session.Pongs;
        relay!.FreezeAll();

        // Pings go out after 8, 16 and 24 s of silence; nothing comes back; the check after 32 s drops the link. The
        // subscriptions' snapshots, sent before the freeze, may still be on their way in, and the last to arrive starts the
        // silence: so the clock moves a second at a time, each step after the client has had its chance to read.
        var advanced = TimeSpan.Zero;
        await TestGuard.UntilAsync(() =>
        {
            if (h.Client.SilenceAborts > 0) return true;
            Assert.True(advanced < TimeSpan.FromMinutes(2), "two minutes of silence and the link was never dropped");
            h.Sim.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            return false;
        }, "the silent link dropped");
        await TestGuard.UntilAsync(() => h.Client.SocketConnects >= 2 && h.Client.IsReady, "a new connection past the dead one");
        Assert.Equal(1, h.Client.SilenceAborts);
        Assert.Equal(pongs, h.Client.Session.Pongs);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync after the gap");
        var order = OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"));
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the new connection");
    }

    [Fact]
    public void The_silence_limit_is_under_the_venues_30_s() =>
        Assert.True(new OkxExecutionOptions { Endpoints = OkxExecutionEndpoints.Live }.SilenceLimit < TimeSpan.FromSeconds(30));

    [Fact]
    public async Task An_unanswered_op_fails_as_a_timeout_and_drops_the_dead_link_and_orders_flow_again()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        Assert.True((await h.Client.PlaceAsync(Resting(h), Ct)).IsOk);
        relay!.FreezeAll();

        var pending = h.Client.PlaceAsync(Resting(h), Ct).AsTask();
        await TestGuard.UntilAsync(() => h.Client.Session.Pending.InFlight == 1, "the op in flight");
        h.Sim.Advance(TimeSpan.FromSeconds(11)); // past RequestTimeout (10 s), short of the silence limit
        var report = await pending.WaitAsync(TestGuard.Timeout, Ct);
        Assert.Equal(ExecutionErrorKind.Timeout, report.Error.Kind);

        await TestGuard.UntilAsync(() => h.Client.SocketConnects == 2 && h.Client.IsReady, "reconnected past the dead link");
        Assert.Equal(1, h.Client.OpTimeoutAborts);
        Assert.Equal(0, h.Client.SilenceAborts);
        var placed = await h.Client.PlaceAsync(Resting(h), Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
    }

    [Fact]
    public async Task A_frozen_link_is_found_dead_by_unanswered_websocket_pings_alone()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base,
            o => o with { SocketKeepAlive = TimeSpan.FromMilliseconds(100), SocketKeepAliveTimeout = TimeSpan.FromMilliseconds(300) });
        await using var _ = relay!;
        relay!.FreezeAll();

        // No clock is advanced: only the pings' missing pongs can tell.
        await TestGuard.UntilAsync(() => h.Client.SocketConnects >= 2 && h.Client.IsReady, "the connection replaced");
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync after the gap");
        Assert.True((await h.Client.PlaceAsync(Resting(h), Ct)).IsOk);
    }
}
