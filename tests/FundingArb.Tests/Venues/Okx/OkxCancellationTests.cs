using System.Reflection;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>A caller's cancelled token never makes an order call throw, never fails the other leg sharing the private
/// WebSocket, and never leaks a pending-reply slot.</summary>
public sealed class OkxCancellationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Resting(OkxTradingHarness h) =>
        OrderRequest.Limit(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"), Price.Parse("8990"), TimeInForce.GoodTillCancel);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cancelled_token_gives_a_not_sent_report_and_the_other_leg_and_the_connection_are_unharmed(bool overWebSocket)
    {
        await using var h = await OkxTradingHarness.StartAsync(useWebSocket: overWebSocket);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var legs = new List<Task<OrderReport>>();
        for (var i = 0; i < 20; i++)
        {
            legs.Add(h.Client.PlaceAsync(Resting(h), cancelled.Token).AsTask());
            legs.Add(h.Client.PlaceAsync(Resting(h), Ct).AsTask());
        }
        var reports = await Task.WhenAll(legs).WaitAsync(TestGuard.Timeout, Ct);
        for (var i = 0; i < reports.Length; i += 2)
        {
            Assert.Equal(ExecutionErrorKind.CanceledBeforeSend, reports[i].Error.Kind);
            Assert.True(reports[i + 1].IsOk, reports[i + 1].Error.ToString());
        }
        var order = Resting(h);
        Assert.Equal(ExecutionErrorKind.CanceledBeforeSend, (await h.Client.CancelAsync(h.Btc, order.ClientOrderId, cancelled.Token)).Error.Kind);
        Assert.Equal(ExecutionErrorKind.CanceledBeforeSend, (await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, cancelled.Token)).Error.Kind);
        Assert.Equal(0, h.Client.Session.Pending.InFlight);
        Assert.Equal(1, h.Client.SocketConnects); // the shared connection was never aborted
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
    }

    [Fact]
    public async Task A_token_cancelled_after_the_op_is_armed_neither_throws_nor_leaks_the_slot_the_op_goes_out_and_is_answered()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        var socket = (PrivateSocket)typeof(OkxExecutionClient).GetField("_socket", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(h.Client)!;
        var sendGate = (SemaphoreSlim)typeof(PrivateSocket).GetField("_sendGate", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(socket)!;

        await sendGate.WaitAsync(Ct); // held for a moment, as a keep-alive ping's send would
        using var cts = new CancellationTokenSource();
        var order = Resting(h);
        var place = h.Client.PlaceAsync(order, cts.Token).AsTask();
        await TestGuard.UntilAsync(() => h.Client.Session.Pending.InFlight == 1, "the op armed, waiting to be sent");
        await cts.CancelAsync();
        sendGate.Release();

        var report = await place.WaitAsync(TestGuard.Timeout, Ct);
        Assert.True(report.IsOk, report.Error.ToString()); // sent anyway, and its answer awaited
        Assert.Equal(0, h.Client.Session.Pending.InFlight);
        Assert.Equal(OrderStatus.New, (await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct)).Status);
        Assert.Equal(1, h.Client.SocketConnects);
    }
}
