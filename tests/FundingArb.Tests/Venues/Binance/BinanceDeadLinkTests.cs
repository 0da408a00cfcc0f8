using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>A link that dies without closing (the relay black-holes it: no close, no traffic) is found dead and
/// replaced, so orders stop going into it and the private stream does not silently stop delivering fills. REST goes
/// straight to the simulator, as it would over a separate HTTP connection.</summary>
public sealed class BinanceDeadLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Resting(BinanceTradingHarness h) =>
        OrderRequest.Limit(h.Btc, BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.001"), Price.Parse("8990"), TimeInForce.GoodTillCancel);

    [Fact]
    public async Task Unanswered_ws_api_requests_in_a_row_drop_the_dead_link_and_orders_flow_again()
    {
        TcpRelay? relay = null;
        await using var h = await BinanceTradingHarness.StartAsync(routeWebSockets: target => (relay = new TcpRelay(target)).Base,
            configure: o => o with { SocketKeepAliveTimeout = Timeout.InfiniteTimeSpan }); // only the timeouts may tell
        await using var _ = relay!;
        Assert.True((await h.Client.PlaceAsync(Resting(h), Ct)).IsOk);
        relay!.FreezeAll();

        for (var round = 0; round < 2; round++) // WebSocketApiTimeoutsBeforeReconnect
        {
            var pending = h.Client.PlaceAsync(Resting(h), Ct).AsTask();
            await TestGuard.UntilAsync(() => h.Client.WebSocketApi.Pending.InFlight == 1, "the request in flight");
            h.Sim.Advance(TimeSpan.FromSeconds(11)); // past RequestTimeout (10 s) on the client's clock
            var report = await pending.WaitAsync(TestGuard.Timeout, Ct);
            Assert.Equal(ExecutionErrorKind.Timeout, report.Error.Kind);
        }

        await TestGuard.UntilAsync(() => h.Client.WebSocketApiConnects == 2 && h.Client.IsReady, "the WS API reconnected past the dead link");
        var placed = await h.Client.PlaceAsync(Resting(h), Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
    }

    [Fact]
    public async Task A_silent_user_stream_is_dropped_after_its_silence_limit_and_a_resync_follows()
    {
        TcpRelay? relay = null;
        await using var h = await BinanceTradingHarness.StartAsync(routeWebSockets: target => (relay = new TcpRelay(target)).Base,
            useWebSocketApi: false, // orders over REST, which the relay does not carry
            configure: o => o with { SocketKeepAliveTimeout = Timeout.InfiniteTimeSpan, UserStreamSilenceLimit = TimeSpan.FromMinutes(3) });
        await using var _ = relay!;
        relay!.FreezeAll();

        h.Sim.Advance(TimeSpan.FromMinutes(4)); // probes go out after 1, 2 and 3 minutes; no answer comes back
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "a new user-stream connection and a resync");
        Assert.True(h.Client.UserStreamConnects >= 2);

        var order = OrderRequest.Market(h.Btc, BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.001"));
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the new connection");
    }

    [Fact]
    public async Task A_frozen_link_is_found_dead_by_unanswered_pings_alone_and_both_connections_come_back()
    {
        TcpRelay? relay = null;
        await using var h = await BinanceTradingHarness.StartAsync(routeWebSockets: target => (relay = new TcpRelay(target)).Base,
            configure: o => o with { SocketKeepAlive = TimeSpan.FromMilliseconds(100), SocketKeepAliveTimeout = TimeSpan.FromMilliseconds(300) });
        await using var _ = relay!;
        relay!.FreezeAll();

        // No clock is advanced: only the pings' missing pongs can tell.
        await TestGuard.UntilAsync(() => h.Client.WebSocketApiConnects >= 2 && h.Client.UserStreamConnects >= 2 && h.Client.IsReady,
            "both connections replaced");
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync after the gap");
        Assert.True((await h.Client.PlaceAsync(Resting(h), Ct)).IsOk);
    }
}
