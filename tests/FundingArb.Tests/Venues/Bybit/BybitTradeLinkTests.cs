using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>The trade socket (<c>/v5/trade</c>) behind a relay, REST straight to the simulator: a black-holed link is
/// dropped after a request goes unanswered rather than left to swallow orders until the heartbeat finds it, and a
/// failed request says whether the venue can have it — never written (not sent) or written and unanswered (outcome
/// unknown).</summary>
public sealed class BybitTradeLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Resting(BybitTradingHarness h) =>
        OrderRequest.Limit(h.Btc, BybitTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.02"), Price.Parse("8990"), TimeInForce.GoodTillCancel);

    /// <summary>Reconnects wait 20 ms on the simulator's virtual clock: nothing spins while the relay refuses.</summary>
    private static Task<BybitTradingHarness> StartAsync(Func<Uri, Uri> routeTrade) =>
        BybitTradingHarness.StartAsync(routeTrade: routeTrade,
            configure: o => o with { Backoff = () => new ReconnectBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), new Random(1)) });

    [Fact]
    public async Task An_unanswered_request_times_out_as_outcome_unknown_and_drops_the_dead_link_and_orders_flow_again()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        Assert.True((await h.Client.PlaceAsync(Resting(h), Ct)).IsOk);
        relay!.FreezeAll();

        var pending = h.Client.PlaceAsync(Resting(h), Ct).AsTask();
        await TestGuard.UntilAsync(() => relay.SwallowedFromClient > 0, "the request written into the dead link");
        h.Sim.Advance(TimeSpan.FromSeconds(11)); // past RequestTimeout (10 s), short of the heartbeat's first ping (20 s)
        var report = await pending.WaitAsync(TestGuard.Timeout, Ct);
        Assert.Equal(ExecutionErrorKind.Timeout, report.Error.Kind);
        Assert.True(report.Error.Kind.IsOutcomeUnknown); // written: the venue may have it
        Assert.Contains("order state unknown", report.Error.ToString(), StringComparison.Ordinal);

        await h.StepUntilAsync(() => h.Client.TradeConnects == 2 && h.Client.IsReady, "reconnected past the dead link");
        Assert.Equal(1, h.Client.OpTimeoutAborts);
        Assert.Equal(0, h.Client.TradeApi.Heartbeat.DeadDrops);
        var answers = h.Client.TradeApi.Answers;
        var placed = await h.Client.PlaceAsync(Resting(h), Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(answers + 1, h.Client.TradeApi.Answers); // over the new trade connection
    }

    [Fact]
    public async Task A_request_whose_link_went_down_before_it_was_written_is_reported_not_sent()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        var order = Resting(h);

        // The order chooses the trade socket while it is up, then waits at the send gate while the link goes down.
        await h.Client.SendGate.WaitAsync(Ct);
        var now = h.Client.Clock.NowUnixMs();
        var pending = h.Client.PlaceAsync(order, Ct).AsTask();
        await TestGuard.UntilAsync(() => h.Client.RateLimits.Of(BybitEndpoint.OrderCreate).Used(now) == 1, "the order past its choice of socket");
        relay!.Refuse = true;
        relay.DropAll();
        await TestGuard.UntilAsync(() => !h.Client.TradeSocketConnected, "the trade socket down");
        h.Client.SendGate.Release();

        var report = await pending.WaitAsync(TestGuard.Timeout, Ct);
        Assert.Equal(ExecutionErrorKind.Disconnected, report.Error.Kind);
        Assert.EndsWith("; not sent", report.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, h.Client.TradeApi.Pending.InFlight);
        var queried = await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct);
        Assert.Equal(ExecutionErrorKind.UnknownOrder, queried.Error.Kind); // indeed never reached the venue
    }

    [Fact]
    public async Task A_request_written_before_the_link_dropped_is_reported_outcome_unknown()
    {
        TcpRelay? relay = null;
        await using var h = await StartAsync(target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        relay!.FreezeAll(); // written into the link, never answered
        var pending = h.Client.PlaceAsync(Resting(h), Ct).AsTask();
        await TestGuard.UntilAsync(() => relay.SwallowedFromClient > 0, "the request written into the link");
        relay.DropAll();

        var report = await pending.WaitAsync(TestGuard.Timeout, Ct);
        Assert.Equal(ExecutionErrorKind.Disconnected, report.Error.Kind);
        Assert.Contains("order state unknown", report.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not sent", report.Error.ToString(), StringComparison.Ordinal);
    }
}
