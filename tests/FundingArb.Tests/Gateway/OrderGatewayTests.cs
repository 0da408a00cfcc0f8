using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;

namespace FundingArb.Tests.Gateway;

/// <summary>The gateway's fault matrix against VenueSim over loopback, with the real Binance and OKX clients: each case
/// ends with the venues' own position answers equal to what the gateway tracks — hedged, or flat — and no residual
/// exposure.</summary>
public sealed class OrderGatewayTests
{
    private static void AssertHedged(ArbitrageAttempt attempt, (Quantity Binance, Quantity Okx) venues)
    {
        Assert.Equal(AttemptPhase.Opened, attempt.Phase);
        Assert.Equal(attempt.Long.Net, venues.Binance);
        Assert.Equal(-attempt.Short.Net.Raw, venues.Okx.Raw);
        Assert.Equal(attempt.Long.NetBase, attempt.Short.NetBase);
    }

    private static void AssertFlat(ArbitrageAttempt attempt, (Quantity Binance, Quantity Okx) venues)
    {
        Assert.Equal(AttemptPhase.Flat, attempt.Phase);
        Assert.True(venues.Binance.IsZero, $"binance holds {venues.Binance}");
        Assert.True(venues.Okx.IsZero, $"okx holds {venues.Okx}");
        Assert.All(attempt.Legs.SelectMany(l => l.Orders), o => Assert.True(o.IsDone, o.ToString()));
    }

    [Fact]
    public async Task Both_legs_fill_on_the_simulator_and_the_position_is_handed_over_with_what_filled()
    {
        await using var h = await GatewayHarness.StartAsync();
        var intent = h.Submit(0.05m);
        var attempt = await h.SettleAsync(intent.IntentId);
        AssertHedged(attempt, await h.VenuePositionsAsync());
        Assert.Equal(Quantity.Parse("0.05"), attempt.Long.Net);
        Assert.Equal(Quantity.Parse("5"), attempt.Short.Net);
        var position = Assert.Single(h.Gateway.Positions.Snapshot());
        Assert.Equal(intent.IntentId, position.PositionId);
        Assert.Equal(Quantity.Parse("0.05"), position.LongBaseQuantity);
        Assert.Equal(Quantity.Parse("0.05"), position.ShortBaseQuantity);
        Assert.True(position.LongAveragePrice.IsPositive && position.ShortAveragePrice.IsPositive);
    }

    [Fact]
    public async Task Okx_rejecting_its_leg_gets_the_binance_fill_closed_reduce_only_and_both_venues_flat()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertFlat(attempt, await h.VenuePositionsAsync());
        var close = Assert.Single(attempt.Long.Orders, o => o.Role == OrderRole.Close);
        Assert.True(close.Request.ReduceOnly);
        Assert.Equal(Quantity.Parse("0.05"), close.Request.Quantity);
        Assert.Equal(1, attempt.Short.EntryPlacements);
    }

    [Fact]
    public async Task Both_legs_rejected_ends_flat_with_nothing_to_close()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Count = 1 });
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertFlat(attempt, await h.VenuePositionsAsync());
        Assert.Equal(0, attempt.EmergencyCloses);
    }

    [Fact]
    public async Task Binance_half_filled_gets_the_okx_leg_trimmed_to_match()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.PartialFill, Fraction = 0.5m, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.1m).IntentId);
        AssertHedged(attempt, await h.VenuePositionsAsync());
        Assert.Equal(Quantity.Parse("0.05"), attempt.Long.Net);
        Assert.Equal(Quantity.Parse("5"), attempt.Short.Net);
        Assert.True(attempt.Trimmed);
    }

    [Fact]
    public async Task An_emergency_close_rejected_twice_then_accepted_leaves_both_venues_flat_without_the_kill_switch()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Count = 1 });
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.Unspecified, ReduceOnly = true, Count = 2 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertFlat(attempt, await h.VenuePositionsAsync());
        Assert.Equal(2, attempt.Long.CloseFailures);
        Assert.Equal(3, attempt.EmergencyCloses);
        Assert.Equal(0, h.Gateway.KillSwitchEngagements);
        lock (h.Alerts) Assert.Contains(h.Alerts, a => a.Contains("CRITICAL") && a.Contains("emergency close"));
    }

    [Fact]
    public async Task An_emergency_close_that_keeps_failing_engages_the_kill_switch_and_the_leg_stays_visible_until_flat()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Count = 1 });
        var closes = h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.Unspecified, ReduceOnly = true });
        var intent = h.Submit(0.05m);
        await TestGuard.UntilAsync(() =>
        {
            if (h.Gateway.KillSwitchEngagements > 0) return true;
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, "the kill switch");
        var attempt = h.Attempt(intent.IntentId)!;
        Assert.True(attempt.Long.IsUnhedged);
        Assert.Equal(AttemptPhase.RollingBack, attempt.Phase);
        Assert.Equal(Quantity.Parse("0.05"), (await h.VenuePositionsAsync()).Binance);

        h.Sim.FaultsOf(VenueKind.Binance).Remove(closes); // the venue takes closes again
        attempt = await h.SettleAsync(intent.IntentId);
        AssertFlat(attempt, await h.VenuePositionsAsync());
        Assert.Equal(1, h.Gateway.KillSwitchEngagements);
    }

    [Fact]
    public async Task A_rate_limited_first_placement_is_retried_and_the_position_opens()
    {
        await using var h = await GatewayHarness.StartAsync(new GatewayConfig { RetryBudget = TimeSpan.FromSeconds(5) });
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule
        {
            Kind = FaultKind.RateLimit, Operation = ApiOperation.PlaceOrder, Count = 1, RetryAfter = TimeSpan.FromSeconds(1),
        });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertHedged(attempt, await h.VenuePositionsAsync());
        // Retried within the budget: once, or twice if the client's own limiter still held off at the venue's retry time.
        Assert.InRange(attempt.Long.EntryPlacements, 2, 3);
        Assert.All(attempt.Long.Orders.SkipLast(1), o => Assert.Equal(ExecutionErrorKind.RateLimited, o.Error.Kind));
    }

    [Fact]
    public async Task A_leg_that_never_fills_is_cancelled_at_the_verify_timeout_and_the_other_rolled_back()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.NeverFill, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertFlat(attempt, await h.VenuePositionsAsync());
        Assert.True(attempt.Short.Orders[0].CancelRequested);
    }

    [Fact]
    public async Task A_leg_that_fills_only_as_its_timeout_cancel_arrives_counts_its_late_fill_and_the_position_opens()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.LateFill, Delay = TimeSpan.FromSeconds(40), FillsDespiteCancel = true, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertHedged(attempt, await h.VenuePositionsAsync());
        Assert.True(attempt.Short.Orders[0].CancelRequested); // the 30 s verification gave up on it; the query found the fill
        Assert.Equal(Quantity.Parse("5"), attempt.Short.Net);
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_stream_updates_count_each_fill_once()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.DuplicateUpdates, Count = 1 });
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.OutOfOrderUpdates, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertHedged(attempt, await h.VenuePositionsAsync());
        Assert.Equal(Quantity.Parse("0.05"), attempt.Long.Net);
    }

    [Fact]
    public async Task The_okx_trading_connection_dropping_mid_order_is_resolved_by_query_and_nothing_is_left_unhedged()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Okx).Add(new FaultRule { Kind = FaultKind.DropConnection, Connection = ConnectionKind.Trading, Nth = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        var venues = await h.VenuePositionsAsync();
        Assert.True(attempt.IsSettled);
        Assert.Equal(attempt.Long.Net, venues.Binance); // whatever happened, what is held is what is tracked
        Assert.Equal(-attempt.Short.Net.Raw, venues.Okx.Raw);
        if (attempt.Phase == AttemptPhase.Opened) AssertHedged(attempt, venues);
        else AssertFlat(attempt, venues);
    }

    [Fact]
    public async Task Binance_rejecting_its_leg_gets_the_okx_fill_closed_reduce_only_and_both_venues_flat()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertFlat(attempt, await h.VenuePositionsAsync());
        var close = Assert.Single(attempt.Short.Orders, o => o.Role == OrderRole.Close);
        Assert.True(close.Request.ReduceOnly);
        Assert.Equal(FundingArb.Gateway.OrderSide.Buy, close.Request.Side);
        Assert.Equal(Quantity.Parse("5"), close.Request.Quantity);
    }

    [Fact]
    public async Task A_7_percent_hedge_gap_is_trimmed_until_the_venues_hold_equal_quantities()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.PartialFill, Fraction = 0.93m, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.1m).IntentId);
        AssertHedged(attempt, await h.VenuePositionsAsync()); // 0.093 against 0.1: both brought to 0.09
        Assert.Equal(Quantity.Parse("0.09"), attempt.Long.Net);
        Assert.Equal(Quantity.Parse("9"), attempt.Short.Net);
    }

    [Fact]
    public async Task A_partial_fill_too_small_for_the_other_venues_minimum_rolls_both_legs_back_instead_of_trimming()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Sim.FaultsOf(VenueKind.Binance).Add(new FaultRule { Kind = FaultKind.PartialFill, Quantity = 0.003m, ReduceOnly = false, Count = 1 });
        var attempt = await h.SettleAsync(h.Submit(0.05m).IntentId);
        AssertFlat(attempt, await h.VenuePositionsAsync()); // 0.003 BTC is under OKX's one contract of 0.01: no trim can match it
        Assert.False(attempt.Trimmed);
        Assert.Equal(Quantity.Parse("0.003"), Assert.Single(attempt.Long.Orders, o => o.Role == OrderRole.Close).Request.Quantity);
        Assert.Equal(Quantity.Parse("5"), Assert.Single(attempt.Short.Orders, o => o.Role == OrderRole.Close).Request.Quantity);
    }
}
