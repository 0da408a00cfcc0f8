using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Tests.Tools.VenueSim;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>The order op carries <c>expTime</c> (venue time + request timeout − margin): an op the venue would process
/// only after we had timed it out is not processed (50037), reported as not placed, and the clock is corrected.</summary>
public sealed class OkxOrderExpiryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_op_past_its_exptime_is_not_placed_the_clock_is_resynced_and_the_next_one_goes()
    {
        var clientClock = new VirtualClock(SimHarness.DefaultStart); // the client's own clock, apart from the venue's
        await using var h = await OkxTradingHarness.StartAsync(clientClock: clientClock);
        h.Sim.Harness.Wall.Advance(TimeSpan.FromSeconds(12)); // our estimate of the venue's time now 12 s late: expTime (+9 s) has passed

        var late = OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"));
        var refused = await h.Client.PlaceAsync(late, Ct);
        Assert.Equal((ExecutionErrorKind.ClockSkew, 50037), (refused.Error.Kind, refused.Error.VenueCode));
        Assert.False(refused.Error.Kind.IsOutcomeUnknown); // not placed
        Assert.Equal(ExecutionErrorKind.UnknownOrder, (await h.Client.QueryOrderAsync(h.Btc, late.ClientOrderId, Ct)).Error.Kind);
        Assert.InRange(h.Client.Clock.OffsetMs, 11_000, 13_000); // resynchronised after the refusal

        var next = OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"));
        var placed = await h.Client.PlaceAsync(next, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
    }
}
