using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Tests.Tools.VenueSim;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>A login the venue refuses on a reconnect is not the end of the session: the connection is dropped, the clock
/// resynchronised when the refusal says it was off (60006), and the next connection logs in and subscribes again.</summary>
public sealed class OkxSessionRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_login_refused_as_expired_after_a_reconnect_resyncs_the_clock_and_logs_in_again()
    {
        var clientClock = new VirtualClock(SimHarness.DefaultStart); // the client's own clock, apart from the venue's
        TcpRelay? relay = null;
        await using var h = await OkxTradingHarness.StartAsync(clientClock: clientClock, routeSocket: target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        Assert.Equal(1, h.Client.Logins);

        h.Sim.Harness.Wall.Advance(TimeSpan.FromSeconds(40)); // the venue's clock 40 s ahead of our estimate: login timestamps expire
        relay!.DropAll();

        await TestGuard.UntilAsync(() => h.Client.Logins == 2 && h.Client.IsReady, "logged in and subscribed again");
        Assert.True(h.Client.Session.SessionAborts >= 1);
        Assert.InRange(h.Client.Clock.OffsetMs, 39_000, 41_000);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync");
        var order = OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"));
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the new session");
    }
}
