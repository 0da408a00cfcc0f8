using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

/// <summary>The attempt state machine against scripted venues on a virtual clock: every case of the gateway's fault
/// matrix ends with the venues' own positions equal to what the attempt tracks — hedged, or flat, or a visible UNHEDGED
/// leg — and every order it sent done.</summary>
public sealed class ArbitrageAttemptTests
{
    private static OrderScript ForLeg(LegExecution leg, OrderScript a, OrderScript b) => leg.Index == 0 ? a : b;

    private static void AssertTracksTheVenues(ScriptedVenues v)
    {
        Assert.True(v.Quiet, "events still pending at the end of the run");
        Assert.Equal(v.Position(ScriptedVenues.VenueA), v.Attempt.Long.Net);
        Assert.Equal(v.Position(ScriptedVenues.VenueB).Raw, -v.Attempt.Short.Net.Raw);
        foreach (var leg in v.Attempt.Legs)
        foreach (var order in leg.Orders)
            Assert.True(order.IsDone, $"order {order} is not done");
    }

    private static void AssertFlat(ScriptedVenues v)
    {
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Flat, v.Attempt.Phase);
        Assert.True(v.Position(ScriptedVenues.VenueA).IsZero);
        Assert.True(v.Position(ScriptedVenues.VenueB).IsZero);
        Assert.Equal(1, v.FlatCalls);
        Assert.Equal(0, v.OpenedCalls);
    }

    [Fact]
    public void Both_legs_fill_and_the_position_opens_with_the_filled_quantities_and_prices()
    {
        var v = ScriptedVenues.Run((_, _) => OrderScript.Fills);
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        Assert.Equal(1, v.OpenedCalls);
        Assert.Equal(Quantity.Parse("0.1"), v.Attempt.Long.Net);
        Assert.Equal(Quantity.Parse("10"), v.Attempt.Short.Net);
        Assert.Equal(Price.Parse("9000"), v.Attempt.Long.EntryAveragePrice);
        Assert.Equal(0, v.Attempt.Rollbacks);
    }

    [Fact]
    public void Both_entries_are_sent_before_either_answer_arrives()
    {
        var v = ScriptedVenues.Run((_, _) => OrderScript.Fills);
        Assert.StartsWith("0 place L0 #0 Entry Buy 0.1", v.Transcript[0]);
        Assert.StartsWith("0 place L1 #0 Entry Sell 10", v.Transcript[1]);
        var entries = v.Attempt.Legs.Select(l => l.Orders[0]).ToArray();
        Assert.All(entries, o => Assert.Equal(OrderKind.Limit, o.Request.Kind));
        Assert.All(entries, o => Assert.Equal(TimeInForce.ImmediateOrCancel, o.Request.TimeInForce));
        Assert.Equal(ClientOrderId.ForLeg(7, 0, 0), entries[0].Id);
        Assert.Equal(ClientOrderId.ForLeg(7, 1, 0), entries[1].Id);
    }

    [Fact]
    public void Leg_a_rejected_rolls_back_b_by_closing_only_what_filled_reduce_only()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Rejected(ExecutionErrorKind.InsufficientMargin), OrderScript.Partial(0.5))
            : OrderScript.Fills);
        AssertFlat(v);
        var close = Assert.Single(v.Attempt.Short.Orders, o => o.Role == OrderRole.Close);
        Assert.True(close.Request.ReduceOnly);
        Assert.Equal(OrderKind.Market, close.Request.Kind);
        Assert.Equal(OrderSide.Buy, close.Request.Side);
        Assert.Equal(Quantity.Parse("5"), close.Request.Quantity); // the filled 5 contracts, not the 10 intended
        Assert.Equal(1, v.Attempt.Long.EntryPlacements); // a business rejection is never retried
        Assert.Equal(1, v.Attempt.Rollbacks);
    }

    [Fact]
    public void Leg_b_rejected_rolls_back_a()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Fills, OrderScript.Rejected(ExecutionErrorKind.ReduceOnlyRejected))
            : OrderScript.Fills);
        AssertFlat(v);
        var close = Assert.Single(v.Attempt.Long.Orders, o => o.Role == OrderRole.Close);
        Assert.Equal(Quantity.Parse("0.1"), close.Request.Quantity);
        Assert.Equal(OrderSide.Sell, close.Request.Side);
    }

    [Fact]
    public void Both_rejected_ends_flat_without_any_close()
    {
        var v = ScriptedVenues.Run((_, _) => OrderScript.Rejected(ExecutionErrorKind.InsufficientMargin));
        AssertFlat(v);
        Assert.All(v.Attempt.Legs, l => Assert.Single(l.Orders));
        Assert.Equal(0, v.Attempt.Rollbacks);
    }

    [Fact]
    public void A_rejected_leg_gets_the_other_legs_resting_entry_cancelled_at_once_not_after_the_verify_timeout()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Rejected(ExecutionErrorKind.InsufficientMargin), new OrderScript { FillFraction = 0.3, Rests = true })
            : OrderScript.Fills);
        AssertFlat(v);
        var cancel = v.Transcript.Single(t => t.Contains("cancel L1 #0"));
        Assert.True(long.Parse(cancel.Split(' ')[0]) < ScriptedVenues.Frequency, cancel); // well before 30 s
    }

    [Fact]
    public void An_order_that_times_out_is_cancelled_then_queried_and_its_late_fill_counts()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            // The stream is slow: the cancel's "unknown order" (it had just filled) arrives before the fill does.
            ? ForLeg(leg, new OrderScript { FillFraction = 0, Rests = true, FillsOnCancel = true, StreamDelay = TimeSpan.FromSeconds(1) }, OrderScript.Fills)
            : OrderScript.Fills);
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        Assert.Equal(Quantity.Parse("0.1"), v.Attempt.Long.Net);
        var cancelAt = v.Transcript.Single(t => t.Contains("cancel L0 #0"));
        Assert.Equal(30 * ScriptedVenues.Frequency, long.Parse(cancelAt.Split(' ')[0]));
        Assert.Contains(v.Transcript, t => t.Contains("query L0 #0")); // the cancel's "unknown order" is not believed
    }

    [Fact]
    public void A_half_filled_and_b_full_trims_b_reduce_only_to_match()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Partial(0.5), OrderScript.Fills)
            : OrderScript.Fills);
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        var trim = Assert.Single(v.Attempt.Short.Orders, o => o.Role == OrderRole.Trim);
        Assert.True(trim.Request.ReduceOnly);
        Assert.Equal(Quantity.Parse("5"), trim.Request.Quantity);
        Assert.Equal(Quantity.Parse("0.05"), v.Attempt.Long.NetBase);
        Assert.Equal(Quantity.Parse("0.05"), v.Attempt.Short.NetBase);
    }

    [Fact]
    public void Unequal_fills_roll_both_back_when_trimming_is_off()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Partial(0.5), OrderScript.Fills)
            : OrderScript.Fills, new GatewayConfig { TrimPartialFills = false });
        AssertFlat(v);
        Assert.Equal(2, v.Attempt.EmergencyCloses);
    }

    [Fact]
    public void A_partial_fill_too_small_for_the_other_venues_minimum_rolls_both_back_instead_of_trimming()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Partial(0.05), OrderScript.Fills) // 0.005 BTC: under B's one contract of 0.01
            : OrderScript.Fills);
        AssertFlat(v);
        Assert.False(v.Attempt.Trimmed);
        Assert.Equal(Quantity.Parse("0.005"), Assert.Single(v.Attempt.Long.Orders, o => o.Role == OrderRole.Close).Request.Quantity);
        Assert.Equal(Quantity.Parse("10"), Assert.Single(v.Attempt.Short.Orders, o => o.Role == OrderRole.Close).Request.Quantity);
    }

    [Fact]
    public void A_partial_fill_at_the_venue_minimum_is_trimmed_to()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Fills, OrderScript.Partial(0.1)) // 1 contract: B's minimum
            : OrderScript.Fills);
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        Assert.Equal(Quantity.Parse("0.01"), v.Attempt.Long.NetBase);
        Assert.Equal(Quantity.Parse("0.01"), v.Attempt.Short.NetBase);
    }

    [Fact]
    public void A_hedge_gap_of_7_percent_is_trimmed_on_both_legs_to_the_largest_quantity_both_lots_express()
    {
        var gap7 = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Partial(0.93), OrderScript.Fills)
            : OrderScript.Fills);
        AssertTracksTheVenues(gap7);
        Assert.Equal(AttemptPhase.Opened, gap7.Attempt.Phase);
        Assert.Equal(Quantity.Parse("0.003"), Assert.Single(gap7.Attempt.Long.Orders, o => o.Role == OrderRole.Trim).Request.Quantity);
        Assert.Equal(Quantity.Parse("1"), Assert.Single(gap7.Attempt.Short.Orders, o => o.Role == OrderRole.Trim).Request.Quantity);
        Assert.Equal(Quantity.Parse("0.09"), gap7.Attempt.Long.NetBase); // 0.093 cannot be matched in whole contracts of 0.01:
        Assert.Equal(Quantity.Parse("0.09"), gap7.Attempt.Short.NetBase); // both come down to 0.09, nothing left naked
    }

    [Fact]
    public void A_gap_within_the_tolerance_is_accepted_as_it_is_when_trimming_is_off_and_closed_exactly_when_on()
    {
        var untrimmed = ScriptedVenues.Run((leg, order) => ForLeg(leg, OrderScript.Partial(0.97), OrderScript.Fills),
            new GatewayConfig { TrimPartialFills = false });
        Assert.Equal(AttemptPhase.Opened, untrimmed.Attempt.Phase);
        Assert.DoesNotContain(untrimmed.Attempt.Legs.SelectMany(l => l.Orders), o => o.Role != OrderRole.Entry);
        Assert.Equal(Quantity.Parse("0.097"), untrimmed.Attempt.Long.NetBase);

        var trimmed = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, OrderScript.Partial(0.97), OrderScript.Fills)
            : OrderScript.Fills);
        AssertTracksTheVenues(trimmed);
        Assert.Equal(AttemptPhase.Opened, trimmed.Attempt.Phase);
        Assert.Equal(trimmed.Attempt.Long.NetBase, trimmed.Attempt.Short.NetBase);
    }

    [Fact]
    public void A_trim_the_venue_refuses_leaves_a_gap_judged_by_the_tolerance()
    {
        var withinTolerance = ScriptedVenues.Run((leg, order) => order.Role switch
        {
            OrderRole.Entry => ForLeg(leg, OrderScript.Partial(0.97), OrderScript.Fills),
            OrderRole.Trim => OrderScript.Rejected(ExecutionErrorKind.Rejected),
            _ => OrderScript.Fills,
        });
        AssertTracksTheVenues(withinTolerance);
        Assert.Equal(AttemptPhase.Opened, withinTolerance.Attempt.Phase); // 3 % apart: inside 5 %

        var beyond = ScriptedVenues.Run((leg, order) => order.Role switch
        {
            OrderRole.Entry => ForLeg(leg, OrderScript.Partial(0.5), OrderScript.Fills),
            OrderRole.Trim => OrderScript.Rejected(ExecutionErrorKind.Rejected),
            _ => OrderScript.Fills,
        });
        AssertFlat(beyond); // half: the trim failed, so both are rolled back
    }

    [Fact]
    public void An_emergency_close_rejected_twice_then_filled_ends_flat_without_the_kill_switch()
    {
        var closes = 0;
        var v = ScriptedVenues.Run((leg, order) => order.Role switch
        {
            OrderRole.Entry => ForLeg(leg, OrderScript.Fills, OrderScript.Rejected(ExecutionErrorKind.InsufficientMargin)),
            _ => ++closes <= 2 ? OrderScript.Rejected(ExecutionErrorKind.VenueUnavailable) : OrderScript.Fills,
        });
        AssertFlat(v);
        Assert.Equal(3, v.Attempt.EmergencyCloses);
        Assert.Equal(2, v.Attempt.Long.CloseFailures);
        Assert.Equal(0, v.KillSwitches);
        Assert.False(v.Attempt.Long.IsUnhedged);
        Assert.Equal(2, v.Alerts.Count(a => a.Contains("emergency close")));
    }

    [Fact]
    public void An_emergency_close_that_never_succeeds_engages_the_kill_switch_and_the_leg_stays_tracked_as_unhedged()
    {
        var venueUp = false;
        var v = ScriptedVenues.Run((leg, order) => order.Role switch
        {
            OrderRole.Entry => ForLeg(leg, OrderScript.Fills, OrderScript.Rejected(ExecutionErrorKind.InsufficientMargin)),
            _ => venueUp ? OrderScript.Fills : OrderScript.Rejected(ExecutionErrorKind.Rejected),
        }, limit: TimeSpan.FromMinutes(5));
        Assert.Equal(AttemptPhase.RollingBack, v.Attempt.Phase);
        Assert.Equal(1, v.KillSwitches);
        Assert.True(v.Attempt.Long.IsUnhedged);
        Assert.True(v.Attempt.HasUnhedgedLeg);
        Assert.Equal(Quantity.Parse("0.1"), v.Attempt.Long.Net);
        Assert.Equal(v.Position(ScriptedVenues.VenueA), v.Attempt.Long.Net);
        Assert.True(v.Attempt.Long.CloseFailures >= 5, "the close keeps being retried");
        Assert.Equal(0, v.FlatCalls);

        venueUp = true; // the venue takes closes again: the leg is flattened and leaves tracking only now
        v.RunFor(TimeSpan.FromMinutes(1));
        AssertFlat(v);
        Assert.Equal(1, v.KillSwitches);
    }

    [Fact]
    public void A_rate_limited_first_placement_is_retried_after_the_venues_wait_and_the_position_opens()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry && leg.Index == 0 && order.Index == 0
            ? OrderScript.Rejected(ExecutionErrorKind.RateLimited, retryAfterMs: 0)
            : OrderScript.Fills);
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        Assert.Equal(2, v.Attempt.Long.EntryPlacements);
        Assert.Equal(ClientOrderId.ForLeg(7, 0, 1), v.Attempt.Long.Orders[1].Id); // a new id, the first stays accounted for
    }

    [Fact]
    public void A_retry_is_not_placed_past_the_retry_budget()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry && leg.Index == 0
            ? OrderScript.Rejected(ExecutionErrorKind.RateLimited, retryAfterMs: 1_767_600_000_000 + 5_000)
            : OrderScript.Fills);
        AssertFlat(v);
        Assert.Equal(1, v.Attempt.Long.EntryPlacements);
    }

    [Fact]
    public void An_answer_lost_in_a_timeout_is_resolved_by_query_so_a_taken_order_is_not_placed_twice()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry && leg.Index == 1
            ? new OrderScript { Error = ExecutionErrorKind.Timeout, TakenDespiteError = true }
            : OrderScript.Fills);
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        Assert.Equal(1, v.Attempt.Short.EntryPlacements);
    }

    [Fact]
    public void A_timeout_the_venue_never_saw_is_retried_after_the_venue_denies_the_order()
    {
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry && leg.Index == 1 && order.Index == 0
            ? new OrderScript { Error = ExecutionErrorKind.Timeout, FillFraction = 0 }
            : OrderScript.Fills, new GatewayConfig { RetryBudget = TimeSpan.FromSeconds(10) });
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        Assert.Equal(2, v.Attempt.Short.EntryPlacements);
        Assert.Equal(3, v.Transcript.Count(t => t.Contains("query L1 #0"))); // three denials before it counts as never placed
    }

    [Fact]
    public void Duplicate_and_out_of_order_updates_count_each_fill_once()
    {
        var v = ScriptedVenues.Run((_, _) => new OrderScript { ScrambledUpdates = true });
        AssertTracksTheVenues(v);
        Assert.Equal(AttemptPhase.Opened, v.Attempt.Phase);
        Assert.Equal(Quantity.Parse("0.1"), v.Attempt.Long.Net);
    }

    [Fact]
    public void A_fill_reported_after_the_attempt_went_flat_is_closed_again()
    {
        var v = ScriptedVenues.Run((_, _) => OrderScript.Rejected(ExecutionErrorKind.InsufficientMargin));
        AssertFlat(v);
        // The venue reports a fill of an order we counted as refused: a real exposure, tracked and closed.
        v.Deliver(0, 0, new ExecutionUpdate
        {
            Kind = ExecutionUpdateKind.Fill, Venue = ScriptedVenues.VenueA, Instrument = ScriptedVenues.Btc, Side = OrderSide.Buy,
            ClientOrderId = v.Attempt.Long.Orders[0].Id, LastFillQuantity = Quantity.Parse("0.1"), LastFillPrice = Price.Parse("9000"),
            CumulativeQuantity = Quantity.Parse("0.1"), Status = OrderStatus.Filled,
        });
        v.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(AttemptPhase.RollingBack, v.Attempt.Phase); // the scripted venue never had the position: its close is refused
        Assert.Contains(v.Transcript, t => t.Contains("place L0 #1 Close Sell 0.1 RO"));
    }

    [Fact]
    public void The_same_script_gives_the_same_transcript()
    {
        static ScriptedVenues Once() => ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
            ? ForLeg(leg, new OrderScript { FillFraction = 0.4, Rests = true, FillsOnCancel = order.Index == 0 }, OrderScript.Partial(0.8))
            : OrderScript.Fills);
        var first = Once();
        var second = Once();
        Assert.True(first.Transcript.Count > 4);
        Assert.Equal(first.Transcript, second.Transcript);
    }
}
