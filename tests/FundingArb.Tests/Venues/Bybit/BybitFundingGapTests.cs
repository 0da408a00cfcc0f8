using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.VenueSim.Faults;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>Bybit replays nothing its private stream pushed while it was down: a funding settlement booked during the gap
/// is read after the resync from the trade history and published once — and once only when the stream delivered it
/// too. The private stream goes through a relay; REST and the trade socket straight to the simulator.</summary>
public sealed class BybitFundingGapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>08:00, the Flat scenario's BTCUSDT settlement (rate +0.0003 at mark 9000): a 0.1 BTC long pays 0.27 USDT.</summary>
    private static readonly long Settlement = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static async Task<(BybitTradingHarness Harness, TcpRelay Relay)> StartLongAsync()
    {
        TcpRelay? relay = null;
        var h = await BybitTradingHarness.StartAsync(routeStream: target => (relay = new TcpRelay(target)).Base,
            configure: o => o with { Backoff = () => new ReconnectBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), new Random(1)) });
        Assert.True((await h.Client.PlaceAsync(OrderRequest.Market(h.Btc, BybitTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.1")), Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("0.1"), "the position");
        return (h, relay!);
    }

    /// <summary>07:59 → 08:01 with the private stream cut and kept down (the relay refuses it) until the test lets it
    /// back: the settlement is booked while nobody listens.</summary>
    private static async Task SettleWhileTheStreamIsDownAsync(BybitTradingHarness h, TcpRelay relay)
    {
        relay.Refuse = true;
        relay.DropAll();
        await TestGuard.UntilAsync(() => !h.Client.PrivateStream.IsReady, "the stream down");
        await h.AdvanceWithTradeSocketAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_settlement_while_the_stream_was_down_is_published_once_after_the_resync()
    {
        var (h, relay) = await StartLongAsync();
        await using var _ = h;
        await using var __ = relay;
        await SettleWhileTheStreamIsDownAsync(h, relay);
        Assert.Empty(h.FundingPayments());

        relay.Refuse = false;
        await h.StepUntilAsync(() => h.Client.FundingBackfills == 1, "the stream back and the gap read");
        var funding = Assert.Single(h.FundingPayments());
        Assert.Equal((Quantity.Parse("-0.27"), h.Btc, "USDT", Settlement), (funding.Amount, funding.Instrument, funding.Asset.ToString(), funding.UpdateTimeMs));
        Assert.False(funding.TradeId.IsEmpty); // the execution's execId: what the stream's own copy would carry
        Assert.Contains(h.Updates, u => u.Kind == ExecutionUpdateKind.StreamResynced);

        // Another gap with nothing booked in it adds nothing.
        relay.DropAll();
        await h.StepUntilAsync(() => h.Client.FundingBackfills == 2, "the second gap read");
        Assert.Single(h.FundingPayments());
    }

    [Fact]
    public async Task A_settlement_the_stream_delivered_is_not_published_again_by_the_backfill()
    {
        var (h, relay) = await StartLongAsync();
        await using var _ = h;
        await using var __ = relay;
        await h.AdvanceAsync(TimeSpan.FromSeconds(65)); // 07:59 → 08:00:05: the stream delivers the settlement
        await TestGuard.UntilAsync(() => h.FundingPayments().Count == 1, "the funding on the stream");

        relay.DropAll(); // a drop within the backfill's margin (1 min) of the settlement: the backfill reads it again
        await h.StepUntilAsync(() => h.Client.FundingBackfills == 1, "the stream back and the gap read");
        Assert.Single(h.FundingPayments());
        Assert.True(h.Client.PrivateStream.Duplicates >= 1); // read again, recognised by its execId
    }

    [Fact]
    public async Task A_backfill_the_venue_refused_is_read_again_at_the_next_heartbeat()
    {
        var (h, relay) = await StartLongAsync();
        await using var _ = h;
        await using var __ = relay;
        await SettleWhileTheStreamIsDownAsync(h, relay);
        h.Sim.Faults.Add(new FaultRule { Kind = FaultKind.ServerError, Operation = ApiOperation.QueryOrder, Transport = ApiTransport.Rest, Count = 1, Status = 500 });

        relay.Refuse = false;
        await h.StepUntilAsync(() => h.Sim.Faults.Applied(FaultKind.ServerError) == 1, "the stream back and the backfill refused");
        Assert.Equal(0, h.Client.FundingBackfills);
        Assert.Empty(h.FundingPayments());

        // The next heartbeat finds the gap still open. The clock keeps moving while we wait: a heartbeat whose read
        // raced the advance is followed by another, rather than the test waiting on a clock that stands still.
        await h.AdvanceAsync(TimeSpan.FromSeconds(25));
        await h.StepUntilAsync(() => h.Client.FundingBackfills == 1, "the gap read again");
        Assert.Equal(Quantity.Parse("-0.27"), Assert.Single(h.FundingPayments()).Amount);
    }
}
