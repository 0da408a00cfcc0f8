using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>A 50011 marks only the window that counted the refused request full: never a global block on every order
/// and cancel of every instrument.</summary>
public sealed class OkxRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const long Now = 1_767_600_000_500;

    private static (OkxRateLimits Limits, InstrumentId Btc, InstrumentId Eth) Limits()
    {
        var limits = new OkxRateLimits();
        var btc = new InstrumentId(1);
        var eth = new InstrumentId(2);
        limits.Prepare(btc);
        limits.Prepare(eth);
        return (limits, btc, eth);
    }

    [Fact]
    public void A_50011_on_a_bills_read_blocks_no_order_and_no_cancel()
    {
        var (limits, btc, eth) = Limits();
        limits.OnVenueLimit(OkxRequestKind.Bills, default, Now); // the funding poller hit 50011
        Assert.True(limits.TryAcquire(OkxRequestKind.CancelOrder, eth, Now + 10, out _));
        Assert.True(limits.TryAcquire(OkxRequestKind.PlaceOrder, btc, Now + 10, out _)); // a reduce-only close goes out
        Assert.False(limits.TryAcquire(OkxRequestKind.Bills, default, Now + 10, out var refusal)); // the bills window is full
        Assert.Equal(ExecutionErrorKind.RateLimited, refusal.Kind);
        Assert.True(limits.TryAcquire(OkxRequestKind.Bills, default, Now + 1000, out _)); // until it ends
    }

    [Fact]
    public void A_50011_on_one_instruments_orders_blocks_neither_its_cancels_nor_another_instruments_orders()
    {
        var (limits, btc, eth) = Limits();
        var until = limits.OnVenueLimit(OkxRequestKind.PlaceOrder, btc, Now);
        Assert.False(limits.TryAcquire(OkxRequestKind.PlaceOrder, btc, Now + 10, out var refusal));
        Assert.Equal(until, refusal.RetryAfterMs);
        Assert.True(limits.TryAcquire(OkxRequestKind.CancelOrder, btc, Now + 10, out _));
        Assert.True(limits.TryAcquire(OkxRequestKind.PlaceOrder, eth, Now + 10, out _));
    }

    [Fact]
    public async Task After_the_venues_50011_on_orders_a_cancel_of_the_same_instrument_still_goes_out()
    {
        await using var h = await OkxTradingHarness.StartAsync(limits: () => new OkxRateLimits(perInstrument: 1000));
        var first = OrderRequest.Limit(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.01"), Price.Parse("8990"), TimeInForce.GoodTillCancel);
        Assert.True((await h.Client.PlaceAsync(first, Ct)).IsOk);
        OrderReport limited = default;
        for (var i = 0; i < 61 && limited.Error.VenueCode != 50011; i++)
            limited = await h.Client.PlaceAsync(OrderRequest.Limit(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.01"), Price.Parse("8990"), TimeInForce.GoodTillCancel), Ct);
        Assert.Equal(50011, limited.Error.VenueCode);

        var canceled = await h.Client.CancelAsync(h.Btc, first.ClientOrderId, Ct);
        Assert.True(canceled.IsOk, canceled.Error.ToString());
    }
}
