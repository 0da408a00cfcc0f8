using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>Funding settled while the user stream was down reaches the ring once: Binance does not replay the stream, so
/// after each gap the client reads the income history and publishes what the stream missed, and nothing it delivered.
/// The user stream goes through a relay that can black-hole or cut it; orders and REST go straight to the simulator.</summary>
public sealed class BinanceFundingBackfillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly long Settlement = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static async Task<(BinanceTradingHarness Harness, TcpRelay Relay)> StartLongAsync(int incomePage = 1000)
    {
        TcpRelay? relay = null;
        var h = await BinanceTradingHarness.StartAsync(routeWebSockets: target => (relay = new TcpRelay(target)).Base,
            useWebSocketApi: false, // orders over REST, which the relay does not carry
            // A black-holed link must stay up until the test cuts it: no pong deadline (it runs on real time).
            configure: o => o with { SocketKeepAliveTimeout = Timeout.InfiniteTimeSpan, FundingIncomePage = incomePage });
        // 07:59, a minute before the 08:00 settlement: a long 0.01 BTC pays 0.01 × 9000 × 0.0003 = 0.027 USDT at it.
        var order = OrderRequest.Market(h.Btc, BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.01"));
        Assert.Equal(OrderStatus.Filled, (await h.Client.PlaceAsync(order, Ct)).Status);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("0.01"), "the position on the stream");
        return (h, relay!);
    }

    /// <summary>07:59 → 08:01 with the stream connected but hearing nothing (the settlement's ACCOUNT_UPDATE is lost),
    /// then the link cut: the client reconnects at once, on a fresh connection the relay passes.</summary>
    private static void SettleWhileTheStreamIsDeaf(BinanceTradingHarness h, TcpRelay relay)
    {
        relay.FreezeAll();
        h.Sim.Advance(TimeSpan.FromMinutes(2));
        relay.DropAll();
    }

    private static int FundingPayments(BinanceTradingHarness h)
    {
        h.Drain();
        return h.Updates.Count(u => u.Kind == ExecutionUpdateKind.FundingPayment);
    }

    [Fact]
    public async Task A_settlement_while_the_stream_is_down_arrives_once_after_it_reconnects()
    {
        var (h, relay) = await StartLongAsync();
        await using var _ = h;
        await using var __ = relay;

        SettleWhileTheStreamIsDeaf(h, relay);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync after the gap");

        var funding = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.FundingPayment, "the funding payment from the income history");
        await TestGuard.UntilAsync(() => h.Client.FundingBackfills == 1, "the backfill finished");
        Assert.Equal(1, FundingPayments(h));
        Assert.Equal(Quantity.Parse("-0.027"), funding.Amount);
        Assert.Equal("USDT", funding.Asset.ToString());
        Assert.Equal(Settlement, funding.UpdateTimeMs);
        Assert.Equal(h.Btc, funding.Instrument); // the income record names its symbol
        Assert.Equal(1, h.Client.FundingBackfilled);
    }

    [Fact]
    public async Task A_settlement_the_stream_delivered_before_a_later_drop_is_not_published_again()
    {
        var (h, relay) = await StartLongAsync();
        await using var _ = h;
        await using var __ = relay;
        h.Sim.Advance(TimeSpan.FromMinutes(2));
        var pushed = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.FundingPayment, "the settlement pushed on the stream");
        Assert.Equal(Settlement, pushed.UpdateTimeMs);

        relay.DropAll(); // a gap right after: the read reaches back past the settlement (the overlap)
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync after the drop");
        await TestGuard.UntilAsync(() => h.Client.FundingBackfills == 1, "the backfill finished");

        Assert.Equal(1, FundingPayments(h));
        Assert.Equal(1, h.Client.FundingIncomeRecordsRead); // the read found the settlement …
        Assert.Equal(0, h.Client.FundingBackfilled); // … and knew the stream had delivered it
    }

    [Fact]
    public async Task A_backfill_whose_read_fails_is_tried_again_from_the_same_start()
    {
        var (h, relay) = await StartLongAsync();
        await using var _ = h;
        await using var __ = relay;
        // The income read after the gap gets a 503 once (Get-Income-History is an account request).
        h.Sim.Simulator.FaultsOf(VenueKind.Binance).Add(new FaultRule
        {
            Kind = FaultKind.ServerError, Status = 503, Operation = ApiOperation.Account, Count = 1,
        });

        SettleWhileTheStreamIsDeaf(h, relay);
        await TestGuard.UntilAsync(() => h.Client.FundingBackfillError is not null, "the failed read");
        Assert.Equal(0, FundingPayments(h));

        // The retry timer is armed by the failing read's thread: step the clock while polling rather than jump it.
        await TestGuard.UntilAsync(() =>
        {
            h.Sim.Advance(TimeSpan.FromSeconds(1));
            return h.Client.FundingBackfills == 1;
        }, "the read tried again and finished");
        Assert.Equal(1, FundingPayments(h));
        Assert.Null(h.Client.FundingBackfillError);
    }

    /// <summary>Long 0.02 BTC (rate +0.0003 at 9000) and short 0.135 ETH (rate −0.0002 at 2000) both pay 0.054 USDT at
    /// 08:00: two payments with the same asset, amount and time, told apart on the stream only by the balance after each.</summary>
    private static async Task<(BinanceTradingHarness Harness, TcpRelay Relay)> StartTwinsAsync(int incomePage = 1000)
    {
        var (h, relay) = await StartLongAsync(incomePage); // 0.01 BTC long
        var more = OrderRequest.Market(h.Btc, BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.01"));
        Assert.Equal(OrderStatus.Filled, (await h.Client.PlaceAsync(more, Ct)).Status);
        var eth = OrderRequest.Market(h.Eth, BinanceTradingHarness.NextId(), OrderSide.Sell, Quantity.Parse("0.135"));
        Assert.Equal(OrderStatus.Filled, (await h.Client.PlaceAsync(eth, Ct)).Status);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.Instrument == h.Eth && u.PositionQuantity == Quantity.Parse("-0.135"),
            "the ETH position on the stream");
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.Instrument == h.Btc && u.PositionQuantity == Quantity.Parse("0.02"),
            "the BTC position on the stream");
        return (h, relay);
    }

    /// <summary>With pages of 2 the first page is full and ends on the millisecond both payments share: the next page
    /// starts at that millisecond again, finds nothing new and steps past it. (startTime cannot page through one
    /// millisecond holding more records than a page; with the venue's 1 000 that is beyond any account.)</summary>
    [Theory]
    [InlineData(1000)]
    [InlineData(2)]
    public async Task Two_equal_payments_settled_together_while_the_stream_is_down_both_arrive(int incomePage)
    {
        var (h, relay) = await StartTwinsAsync(incomePage);
        await using var _ = h;
        await using var __ = relay;

        SettleWhileTheStreamIsDeaf(h, relay);
        await TestGuard.UntilAsync(() => h.Client.FundingBackfills == 1, "the backfill finished");

        Assert.Equal(2, FundingPayments(h));
        Assert.All(h.Updates.Where(u => u.Kind == ExecutionUpdateKind.FundingPayment), u => Assert.Equal(Quantity.Parse("-0.054"), u.Amount));
        var instruments = h.Updates.Where(u => u.Kind == ExecutionUpdateKind.FundingPayment).Select(u => u.Instrument).ToList();
        Assert.Contains(h.Btc, instruments);
        Assert.Contains(h.Eth, instruments);
    }

    [Fact]
    public async Task Two_equal_payments_the_stream_delivered_are_not_published_again_after_a_drop()
    {
        var (h, relay) = await StartTwinsAsync();
        await using var _ = h;
        await using var __ = relay;
        h.Sim.Advance(TimeSpan.FromMinutes(2));
        await TestGuard.UntilAsync(() => FundingPayments(h) == 2, "both settlements pushed on the stream");

        relay.DropAll();
        await TestGuard.UntilAsync(() => h.Client.FundingBackfills == 1, "the backfill finished");

        Assert.Equal(2, FundingPayments(h));
        Assert.Equal(2, h.Client.FundingIncomeRecordsRead);
        Assert.Equal(0, h.Client.FundingBackfilled);
    }
}
