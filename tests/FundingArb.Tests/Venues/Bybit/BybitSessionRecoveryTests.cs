using System.Text;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Tests.Tools.VenueSim;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>An <c>auth</c> or subscribe the venue refuses, or never answers, after a reconnect is not the end of the
/// session: the connection is dropped, the clock resynchronised when the refusal says our <c>expires</c> was stale, and
/// the next connection authenticates (and subscribes) again — on the private stream and on the trade socket alike.</summary>
public sealed class BybitSessionRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_auth_refused_as_expired_after_a_reconnect_resyncs_the_clock_and_both_sockets_authenticate_again()
    {
        var clientClock = new VirtualClock(SimHarness.DefaultStart); // the client's own clock, apart from the venue's
        // Only the two sockets go through relays: REST (the clock resync) goes straight to the simulator, so a pooled
        // HTTP connection cut by the drop cannot hold the resync for the HTTP timeout.
        TcpRelay? streamRelay = null, tradeRelay = null;
        await using var h = await BybitTradingHarness.StartAsync(clientClock: clientClock,
            routeStream: target => (streamRelay = new TcpRelay(target)).Base, routeTrade: target => (tradeRelay = new TcpRelay(target)).Base);
        await using var _ = streamRelay!;
        await using var __ = tradeRelay!;
        Assert.Equal((1, 1), (h.Client.StreamConnects, h.Client.TradeConnects));

        // The venue's clock 40 s ahead of our estimate: an auth's expires (our now + 10 s) is in the venue's past.
        h.Sim.Harness.Wall.Advance(TimeSpan.FromSeconds(40));
        streamRelay!.DropAll();
        tradeRelay!.DropAll();

        // The first refusal resyncs the clock; a socket that reconnects after that authenticates at once, so which of the
        // two is refused (one or both) depends on the race, not on the client: the test asks that one was, that the clock
        // was corrected, and that both are authenticated again.
        await TestGuard.UntilAsync(() => h.Client.IsReady && h.Client.StreamConnects >= 2 && h.Client.TradeConnects >= 2
                                          && h.Client.PrivateStream.SessionAborts + h.Client.TradeApi.SessionAborts >= 1
                                          && h.Client.Clock.OffsetMs is >= 39_000 and <= 41_000,
            "a socket refused, the clock resynced, both reconnected and authenticated again");
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync");

        var answers = h.Client.TradeApi.Answers;
        var order = OrderRequest.Market(h.Btc, BybitTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.02"));
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
        Assert.Equal(answers + 1, h.Client.TradeApi.Answers); // over the trade socket again, not REST
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the new stream");
    }

    [Fact]
    public async Task An_auth_never_answered_is_dropped_at_the_ready_deadline_and_the_next_connection_authenticates()
    {
        TcpRelay? streamRelay = null, tradeRelay = null;
        await using var h = await BybitTradingHarness.StartAsync(
            routeStream: target => (streamRelay = new TcpRelay(target)).Base, routeTrade: target => (tradeRelay = new TcpRelay(target)).Base,
            configure: o => o with { Backoff = () => new ReconnectBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), new Random(1)) });
        await using var _ = streamRelay!;
        await using var __ = tradeRelay!;
        streamRelay!.MuteNew = tradeRelay!.MuteNew = true; // the next connections upgrade, then hear nothing: the auths go unanswered
        streamRelay.DropAll();
        tradeRelay.DropAll();
        await h.StepUntilAsync(() => streamRelay.Accepted == 2 && tradeRelay.Accepted == 2, "both sockets reconnected into the mute links");

        // A second at a time, so that no deadline is passed by more than that: well short of the heartbeat's two silent
        // intervals (40 s), only the ready deadline (10 s) can drop them.
        var advanced = TimeSpan.Zero;
        await TestGuard.UntilAsync(() =>
        {
            if (h.Client.PrivateStream.SessionAborts > 0 && h.Client.TradeApi.SessionAborts > 0) return true;
            Assert.True(advanced < TimeSpan.FromSeconds(20), "20 s and the unanswered auths were never dropped");
            h.Sim.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            return false;
        }, "the unanswered auths dropped");
        Assert.Equal(0, h.Client.PrivateStream.Heartbeat.DeadDrops + h.Client.TradeApi.Heartbeat.DeadDrops);
        Assert.Contains("within 10 s", h.Client.PrivateStream.SessionError, StringComparison.Ordinal);

        streamRelay.MuteNew = tradeRelay.MuteNew = false;
        await h.StepUntilAsync(() => h.Client.IsReady, "authenticated and subscribed on connections that answer");
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync");
        var answers = h.Client.TradeApi.Answers;
        Assert.True((await h.Client.PlaceAsync(OrderRequest.Market(h.Btc, BybitTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.02")), Ct)).IsOk);
        Assert.Equal(answers + 1, h.Client.TradeApi.Answers);
    }

    [Fact]
    public async Task A_refused_subscribe_drops_the_connection_and_a_refused_auth_with_a_wrong_sign_fails_the_start()
    {
        using var signer = new BybitSigner(new ApiCredentials("key", "secret"));
        var clock = new VirtualClock(SimHarness.DefaultStart);
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BybitMarketData.VenueName);
        using var stream = new BybitPrivateStream(new Uri("ws://unused/"), signer, new ClockOffset(clock), TimeSpan.FromSeconds(10),
            new BybitPrivateParser(venue, registry), RingBuffer<ExecutionUpdate>.CreateSingleProducer(16));

        stream.OnMessage("""{"success":false,"ret_msg":"error:handler not found,topic:order.linear","conn_id":"c","op":"subscribe"}"""u8, 0);
        Assert.Equal(1, stream.SessionAborts); // not retried on that connection: dropped, to subscribe on the next
        Assert.Contains("handler not found", stream.LastError, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.FirstReady);

        using var expired = new BybitPrivateStream(new Uri("ws://unused/"), signer, new ClockOffset(clock), TimeSpan.FromSeconds(10),
            new BybitPrivateParser(venue, registry), RingBuffer<ExecutionUpdate>.CreateSingleProducer(16));
        var synced = 0;
        expired.ClockSkewed = () =>
        {
            synced++;
            return Task.CompletedTask;
        };
        expired.OnMessage(Encoding.UTF8.GetBytes("""{"success":false,"ret_msg":"Params Error","op":"auth","conn_id":"c"}"""), 0);
        Assert.Equal((1, 1L), (synced, expired.SessionAborts)); // a stale expires: the clock is resynced, the start not failed
        Assert.False(expired.FirstReady.IsCompleted);
    }
}
