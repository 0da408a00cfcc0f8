using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>A caller's cancelled token never makes an order call throw, never fails the other leg sharing the WS API
/// connection, and never leaks a pending-reply slot.</summary>
public sealed class BinanceCancellationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Resting(BinanceTradingHarness h) =>
        OrderRequest.Limit(h.Btc, BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.001"), Price.Parse("8990"), TimeInForce.GoodTillCancel);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cancelled_token_gives_a_not_sent_report_and_the_other_leg_and_the_connection_are_unharmed(bool overWebSocketApi)
    {
        await using var h = await BinanceTradingHarness.StartAsync(useWebSocketApi: overWebSocketApi);
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
        Assert.Equal(0, h.Client.WebSocketApi.Pending.InFlight); // no slot left armed
        Assert.Equal(overWebSocketApi ? 1 : 0, h.Client.WebSocketApiConnects); // the shared connection was never aborted
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
    }
}
