using FundingArb.Decision;
using FundingArb.Market;

namespace FundingArb.Tests.Decision;

public sealed class DecisionCoreTests
{
    [Fact]
    public void An_open_pair_carries_every_edge_component_and_sends_one_intent()
    {
        var h = new DecisionHarness();
        h.ProfitablePair();
        h.Evaluate();

        var record = h.Last(h.Binance, h.Bybit);
        Assert.Equal(Verdict.Open, record.Verdict);
        Assert.Equal((0.001 - 0.0001) / 8, record.DiffPerHour, 15);
        Assert.Equal(27, record.FundingBps, 9);            // three 8 h settlements inside 24 h, 0.09 % each
        Assert.Equal(21, record.FeesBps, 9);               // 2 × (0.05 % + 0.055 %)
        Assert.Equal(0.01, record.SlippageBps, 9);         // 0.05 above and below a 100 000 mid on each leg
        Assert.Equal(0, record.BasisBps, 9);
        Assert.Equal(27 - 21 - 0.01, record.EdgeBps, 9);
        Assert.Equal(Quantity.Parse("0.01"), record.BaseQuantity);
        Assert.Equal(1_000, record.Notional, 9);

        var intent = h.TakeIntents().Single(i => i.LongVenue == h.Binance && i.ShortVenue == h.Bybit);
        Assert.Equal(h.Btc, intent.Instrument);
        Assert.Equal(Quantity.Parse("0.01"), intent.LongQuantity);
        Assert.Equal(Quantity.Parse("0.01"), intent.ShortQuantity);
        Assert.Equal(Price.Parse("100200"), intent.LongLimitPrice);   // mid + 0.2 %, on the 0.1 tick
        Assert.Equal(Price.Parse("99800"), intent.ShortLimitPrice);
        Assert.True(intent.IntentId > 0);
        Assert.Equal(1_000, h.Core.Risk.VenueNotional(h.Binance), 9);
    }

    [Fact]
    public void Interval_trap_a_1h_venue_at_001_pct_against_an_8h_venue_at_005_pct_picks_the_1h_venue_to_short()
    {
        // Raw rates say short binance (0.05 % > 0.01 %); per hour okx pays 0.01 % and binance 0.00625 %.
        var h = new DecisionHarness();
        h.StandardRules();
        h.Funding(h.Binance, "0.0005", DecisionHarness.Next8h, intervalHours: 8);
        h.Funding(h.Okx, "0.0001", DecisionHarness.Next1h, intervalHours: 1);
        h.Book(h.Binance);
        h.Book(h.Okx, quantity: "100");
        h.Evaluate();

        var wrong = h.Last(h.Okx, h.Binance);
        Assert.Equal(RejectReason.NegativeDiff, wrong.Reason);
        Assert.Equal(0.0005 / 8 - 0.0001, wrong.DiffPerHour, 15);

        var right = h.Last(h.Binance, h.Okx);
        Assert.Equal(0.0001 - 0.0005 / 8, right.DiffPerHour, 15);
        // Over 24 h from 00:30: okx settles 24 times (0.24 %), binance 3 times (0.15 %): 9 bps, short of four fees.
        Assert.Equal(9, right.FundingBps, 9);
        Assert.Equal(RejectReason.BelowMinEdge, right.Reason);
    }

    [Fact]
    public void Both_rates_negative_longs_the_more_negative_venue()
    {
        var h = new DecisionHarness(DecisionConfig.Default with { MinEdgeBps = -100 });
        h.StandardRules();
        h.Funding(h.Binance, "-0.0005", DecisionHarness.Next8h);
        h.Funding(h.Bybit, "-0.0001", DecisionHarness.Next8h);
        h.Book(h.Binance);
        h.Book(h.Bybit);
        h.Evaluate();

        Assert.Equal(RejectReason.NegativeDiff, h.Reason(h.Bybit, h.Binance));
        var right = h.Last(h.Binance, h.Bybit); // a negative rate pays longs: long binance collects 0.05 %, short bybit pays 0.01 %
        Assert.Equal(Verdict.Open, right.Verdict);
        Assert.Equal(12, right.FundingBps, 9);
    }

    [Fact]
    public void Okx_legs_are_sized_in_contracts_of_the_same_base_quantity()
    {
        var h = new DecisionHarness(DecisionConfig.Default with { TargetNotional = 1_234 });
        h.StandardRules();
        h.Funding(h.Okx, "0.0001", DecisionHarness.Next8h);
        h.Funding(h.Bybit, "0.001", DecisionHarness.Next8h);
        h.Book(h.Okx, quantity: "100");
        h.Book(h.Bybit);
        h.Evaluate();

        var intent = h.TakeIntents().Single();
        Assert.Equal(h.Okx, intent.LongVenue);
        // 1 234 / 100 000 = 0.01234 BTC → 0.012 on bybit's 0.001 lot (okx's is 0.0001 BTC: 0.01 contracts × 0.01).
        Assert.Equal(Quantity.Parse("0.012"), intent.BaseQuantity);
        Assert.Equal(Quantity.Parse("1.2"), intent.LongQuantity);     // contracts
        Assert.Equal(Quantity.Parse("0.012"), intent.ShortQuantity);
    }

    [Fact]
    public void A_record_is_written_only_when_a_pairs_verdict_or_reason_changes()
    {
        var h = new DecisionHarness();
        h.StandardRules();
        h.Funding(h.Binance, "0.0001", DecisionHarness.Next8h);
        h.Funding(h.Bybit, "0.0003", DecisionHarness.Next8h);
        h.Book(h.Binance);
        h.Book(h.Bybit);
        h.Evaluate();
        var before = h.Records.All.Count(r => r.Long == h.Binance && r.Short == h.Bybit);
        for (var i = 0; i < 5; i++)
        {
            h.Book(h.Bybit);
            h.Evaluate();
        }
        Assert.Equal(1, before);
        Assert.Single(h.Records.All, r => r.Long == h.Binance && r.Short == h.Bybit);
        Assert.True(h.Core.Evaluations >= 6 * 2);

        h.Funding(h.Bybit, "0.00001", DecisionHarness.Next8h);
        h.Evaluate();
        Assert.Equal(RejectReason.NegativeDiff, h.Reason(h.Binance, h.Bybit));
        Assert.Equal(2, h.Records.All.Count(r => r.Long == h.Binance && r.Short == h.Bybit));
    }

    [Fact]
    public void A_change_the_record_sink_could_not_take_is_written_at_the_next_evaluation()
    {
        var h = new DecisionHarness();
        h.StandardRules();
        h.Funding(h.Binance, "0.0001", DecisionHarness.Next8h);
        h.Funding(h.Bybit, "0.00001", DecisionHarness.Next8h);
        h.Book(h.Binance);
        h.Book(h.Bybit);
        h.Evaluate();
        Assert.Equal(RejectReason.NegativeDiff, h.Reason(h.Binance, h.Bybit));

        h.Records.Accepting = false; // the record ring is full when the verdict changes
        h.Funding(h.Bybit, "0.000101", DecisionHarness.Next8h);
        h.Evaluate();
        Assert.Single(h.Records.All, r => r.Long == h.Binance && r.Short == h.Bybit);

        h.Records.Accepting = true;
        h.Book(h.Bybit);
        h.Evaluate();
        Assert.Equal([RejectReason.NegativeDiff, RejectReason.BelowMinDiff],
            h.Records.All.Where(r => r.Long == h.Binance && r.Short == h.Bybit).Select(r => r.Reason));
    }

    [Fact]
    public void A_cooldown_ends_and_a_closed_position_frees_its_limits()
    {
        var h = new DecisionHarness();
        h.ProfitablePair();
        h.Evaluate();
        var first = h.TakeIntents().Single(i => i.LongVenue == h.Binance && i.ShortVenue == h.Bybit);
        h.Core.OnAttemptEnded(first.IntentId, opened: false);
        Assert.Equal(RejectReason.Cooldown, h.Reason(h.Binance, h.Bybit));
        Assert.Equal(0, h.Core.Risk.OpenPositions(h.Btc, h.Binance, h.Bybit));

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.ProfitablePair();
        h.Evaluate();
        Assert.Equal(Verdict.Open, h.Last(h.Binance, h.Bybit).Verdict);
        var second = h.TakeIntents().Single(i => i.LongVenue == h.Binance && i.ShortVenue == h.Bybit);
        Assert.True(second.IntentId > first.IntentId);

        h.Core.OnAttemptEnded(second.IntentId, opened: true);
        Assert.Equal(RejectReason.RiskLimit, h.Reason(h.Binance, h.Bybit));
        h.Core.OnPositionClosed(second.IntentId);
        Assert.Equal(Verdict.Open, h.Last(h.Binance, h.Bybit).Verdict);
    }

    [Fact]
    public void The_gateways_outcomes_arrive_as_events_on_the_market_ring_and_unknown_ids_are_counted_not_thrown()
    {
        var h = new DecisionHarness();
        h.ProfitablePair();
        h.Evaluate();
        var intent = h.TakeIntents().Single(i => i.LongVenue == h.Binance && i.ShortVenue == h.Bybit);
        MarketEvent Outcome(MarketEventKind kind, long id, bool opened)
        {
            var evt = new MarketEvent();
            evt.Reset(kind, default, 0);
            evt.Outcome = new AttemptOutcome { IntentId = id, Opened = opened };
            return evt;
        }

        var ended = Outcome(MarketEventKind.AttemptEnded, intent.IntentId, opened: true);
        h.Core.OnEvent(ref ended, 0, endOfBatch: true);
        Assert.Equal(RejectReason.RiskLimit, h.Reason(h.Binance, h.Bybit));
        var again = Outcome(MarketEventKind.AttemptEnded, intent.IntentId, opened: false); // a duplicate must not release it
        h.Core.OnEvent(ref again, 1, endOfBatch: true);
        var stranger = Outcome(MarketEventKind.PositionClosed, 999_999, opened: false);
        h.Core.OnEvent(ref stranger, 2, endOfBatch: true);
        Assert.Equal(2, h.Core.UnmatchedOutcomes);
        Assert.Equal(1, h.Core.Risk.OpenPositions(h.Btc, h.Binance, h.Bybit));

        var closed = Outcome(MarketEventKind.PositionClosed, intent.IntentId, opened: false);
        h.Core.OnEvent(ref closed, 3, endOfBatch: true);
        Assert.Equal(Verdict.Open, h.Last(h.Binance, h.Bybit).Verdict); // the limits are free: the pair opens again
        var kill = Outcome(MarketEventKind.KillSwitchEngaged, 0, opened: false);
        h.Core.OnEvent(ref kill, 4, endOfBatch: true);
        Assert.True(h.Core.Risk.KillSwitchEngaged);
    }

    [Fact]
    public void A_full_gateway_ring_is_never_waited_on()
    {
        var h = new DecisionHarness(intentCapacity: 1);
        h.ProfitablePair();
        h.Funding(h.Okx, "0.0001", DecisionHarness.Next8h); // okx→bybit pays as well
        h.Evaluate(); // binance→bybit sent: the ring (never drained here) is full
        var first = h.Intents[0];
        h.Core.OnAttemptEnded(first.IntentId, opened: false); // binance→bybit cools down; okx→bybit is next in line
        Assert.Equal(1, h.Core.IntentsSent);
        Assert.True(h.Core.IntentsRefused > 0);
        Assert.Equal(RejectReason.VenueDown, h.Reason(h.Okx, h.Bybit));
    }

    [Fact]
    public void No_second_attempt_is_judged_on_books_an_attempt_in_flight_is_about_to_trade()
    {
        var h = new DecisionHarness(DecisionConfig.Default with { MaxOpenPositionsPerPair = 3 });
        h.ProfitablePair();
        h.Funding(h.Okx, "0.0001", DecisionHarness.Next8h); // okx→bybit pays as well
        h.Evaluate();
        for (var i = 0; i < 3; i++)
        {
            h.Book(h.Bybit);
            h.Evaluate();
        }
        var first = Assert.Single(h.TakeIntents()); // okx→bybit also pays, but bybit's book is spoken for
        Assert.Equal((h.Binance, h.Bybit), (first.LongVenue, first.ShortVenue));
        Assert.Equal(RejectReason.RiskLimit, h.Reason(h.Okx, h.Bybit));

        h.Core.OnAttemptEnded(first.IntentId, opened: true); // a second position on the pair is allowed now
        var second = Assert.Single(h.TakeIntents());
        Assert.Equal(2, h.Records.All.Count(r => r.Verdict == Verdict.Open)); // every intent has its open record
        Assert.True(second.IntentId > first.IntentId);
    }

    [Fact]
    public void A_favourable_entry_basis_is_not_counted_as_income_and_an_adverse_one_is_a_cost()
    {
        var h = new DecisionHarness(DecisionConfig.Default with { MinEdgeBps = -1_000 });
        h.ProfitablePair();
        h.Book(h.Binance, mid: 99_900); // we buy on binance 10 bps below where we sell on bybit
        h.Evaluate();
        var favourable = h.Last(h.Binance, h.Bybit);
        Assert.Equal(0, favourable.BasisBps, 9);
        Assert.Equal(favourable.FundingBps - favourable.FeesBps - favourable.SlippageBps, favourable.EdgeBps, 9);

        var h2 = new DecisionHarness(DecisionConfig.Default with { MinEdgeBps = -1_000 });
        h2.ProfitablePair();
        h2.Book(h2.Binance, mid: 100_100); // buying 10 bps above where we sell
        h2.Evaluate();
        var adverse = h2.Last(h2.Binance, h2.Bybit);
        Assert.Equal(100 / 100_050.0 * 10_000, adverse.BasisBps, 9);
        Assert.Equal(adverse.FundingBps - adverse.FeesBps - adverse.SlippageBps - adverse.BasisBps, adverse.EdgeBps, 9);
    }

    [Fact]
    public void Funding_for_a_settlement_already_passed_is_stale()
    {
        var h = new DecisionHarness(start: DecisionHarness.Start.AddHours(7).AddMinutes(59));
        h.ProfitablePair();
        h.Clock.Advance(TimeSpan.FromMinutes(2)); // 08:01: the rate we hold was paid at 08:00
        h.Book(h.Binance);
        h.Book(h.Bybit);
        h.Evaluate();
        Assert.Equal(RejectReason.StaleData, h.Reason(h.Binance, h.Bybit));
    }

    [Fact]
    public void A_venue_with_no_interval_anywhere_is_not_normalised_but_refused()
    {
        var h = new DecisionHarness();
        h.StandardRules();
        h.Funding(h.Binance, "0.0001", DecisionHarness.Next8h);
        h.Funding(h.Okx, "0.002", DecisionHarness.Next8h, intervalHours: null); // okx has no default and its spec says nothing
        h.Book(h.Binance);
        h.Book(h.Okx, quantity: "100");
        h.Evaluate();
        Assert.Equal(RejectReason.StaleData, h.Reason(h.Binance, h.Okx));
    }

    [Fact]
    public void An_event_on_one_venue_re_evaluates_only_the_pairs_that_include_it()
    {
        var h = new DecisionHarness();
        h.ProfitablePair();
        h.Evaluate();
        var before = h.Core.Evaluations;
        h.Book(h.Okx, quantity: "100");
        h.Evaluate();
        Assert.Equal(4, h.Core.Evaluations - before); // okx→binance, okx→bybit, binance→okx, bybit→okx; not binance↔bybit
        h.Core.EvaluateAll();
        Assert.Equal(4 + 6, h.Core.Evaluations - before);
    }

    [Fact]
    public void Config_errors_name_the_field_and_the_fix()
    {
        var problems = (DecisionConfig.Default with { NearBand = 0.06, MinHold = TimeSpan.FromDays(2) }).Validate();
        Assert.Contains(problems, p => p.StartsWith("NearBand:", StringComparison.Ordinal) && p.Contains("FarBand", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MinHold:", StringComparison.Ordinal));
        Assert.Empty(DecisionConfig.Default.Validate());
    }
}
