using FundingArb.Decision;
using FundingArb.Market;

namespace FundingArb.Tests.Decision;

/// <summary>Every reject reason, made to fire by the market (or engine state) that should cause it, starting from a pair
/// that opens: long binance at 0.01 % / short bybit at 0.1 % per 8 h, books at 100 000.</summary>
public sealed class EntryProtectionTests
{
    private static readonly DateTimeOffset Day = new(DecisionHarness.Start.UtcDateTime.Date, TimeSpan.Zero);

    internal sealed record Case(string Name, RejectReason Expected, Action<DecisionHarness> Act, bool LongBybit = false,
        DecisionConfig? Config = null, TimeSpan? StartAt = null, Action<DecisionHarness>? Before = null)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    [
        new("a pair that pays and clears every check opens", RejectReason.None, _ => { }),
        new("the reverse pair pays us negatively", RejectReason.NegativeDiff, _ => { }, LongBybit: true),
        new("both rates negative: long the less negative pays us negatively", RejectReason.NegativeDiff, h =>
        {
            h.Funding(h.Binance, "-0.0005", DecisionHarness.Next8h);
            h.Funding(h.Bybit, "-0.0001", DecisionHarness.Next8h);
        }, LongBybit: true),
        new("a diff under the minimum per hour", RejectReason.BelowMinDiff, h => h.Funding(h.Bybit, "0.00019", DecisionHarness.Next8h)),
        new("a diff that clears the threshold but not four taker fees", RejectReason.BelowMinEdge,
            h => h.Funding(h.Bybit, "0.0003", DecisionHarness.Next8h)),
        new("three minutes before a settlement", RejectReason.SettlementWindow, _ => { }, StartAt: TimeSpan.FromMinutes(7 * 60 + 57)),
        new("one minute after a settlement", RejectReason.SettlementWindow, h =>
        {
            h.Funding(h.Binance, "0.0001", DecisionHarness.Next8h);
            h.Funding(h.Bybit, "0.001", DecisionHarness.Next8h);
        }, StartAt: TimeSpan.FromMinutes(1)),
        new("the only paying settlement is beyond a 4 h planned hold", RejectReason.HoldTooShort, _ => { },
            Config: DecisionConfig.Default with { PlannedHold = TimeSpan.FromHours(4), MinHold = TimeSpan.FromHours(1), MinEdgeBps = -100 }),
        new("book deep at 5 % but thin at 1 %", RejectReason.InsufficientLiquidity, h => h.Book(h.Bybit,
            bids: [(99_999.95, "0.015"), (97_000, "5")], asks: [(100_000.05, "1")])),
        new("book deep at 1 % but thin at 5 %", RejectReason.InsufficientLiquidity, h => h.Book(h.Bybit,
            bids: [(99_999.95, "0.05")], asks: [(100_000.05, "1")])),
        new("the walk for the size goes past the limit price", RejectReason.InsufficientLiquidity, h =>
        {
            h.Funding(h.Bybit, "0.003", DecisionHarness.Next8h);
            h.Book(h.Bybit, bids: [(99_999.95, "0.005"), (99_700, "1")], asks: [(100_000.05, "1")]);
        }),
        new("stale funding on one venue", RejectReason.StaleData, h =>
        {
            h.Clock.Advance(TimeSpan.FromMinutes(4));
            h.Funding(h.Bybit, "0.001", DecisionHarness.Next8h);
            h.Book(h.Binance);
            h.Book(h.Bybit);
        }),
        new("a stale book", RejectReason.StaleData, h =>
        {
            h.Clock.Advance(TimeSpan.FromSeconds(31));
            h.Funding(h.Binance, "0.0001", DecisionHarness.Next8h);
            h.Funding(h.Bybit, "0.001", DecisionHarness.Next8h);
        }),
        new("an out-of-sync book", RejectReason.BookOutOfSync, h => h.InvalidateBook(h.Bybit)),
        new("a venue down", RejectReason.VenueDown, h => h.Core.SetVenueUp(h.Bybit, false)),
        new("the pair already holds its one position", RejectReason.RiskLimit, h =>
        {
            h.Evaluate();
            Assert.Equal(RejectReason.None, h.Reason(h.Binance, h.Bybit));
            h.Book(h.Binance);
        }),
        new("rounding to the lot makes the short leg below its minimum notional", RejectReason.RiskLimit, _ => { },
            Config: DecisionConfig.Default with { TargetNotional = 199 },
            Before: h => h.Rules(h.Bybit, new InstrumentSpec { VenueSymbol = "BTCUSDT", MinNotional = 100 })),
        new("no notional headroom on a venue", RejectReason.RiskLimit, _ => { },
            Config: DecisionConfig.Default with { MaxNotionalPerVenue = 50 }),
        new("a failed attempt on the pair cools it down", RejectReason.Cooldown, h =>
        {
            h.Evaluate();
            h.Core.OnAttemptEnded(h.TakeIntents().Single(i => i.LongVenue == h.Binance && i.ShortVenue == h.Bybit).IntentId, opened: false);
            h.Book(h.Binance);
        }),
        new("the kill switch", RejectReason.KillSwitch, h =>
        {
            h.Evaluate();
            h.Core.OnAttemptEnded(h.TakeIntents().Single(i => i.LongVenue == h.Binance && i.ShortVenue == h.Bybit).IntentId, opened: false);
            h.Clock.Advance(TimeSpan.FromMinutes(6));
            h.Core.EngageKillSwitch();
            h.ProfitablePair();
        }),
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_protection_fires_on_its_market(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        var h = new DecisionHarness(c.Config, start: c.StartAt is { } at ? Day + at : null);
        h.StandardRules();
        c.Before?.Invoke(h);
        h.ProfitablePair(withRules: false);
        c.Act(h);
        h.Evaluate();
        var (longVenue, shortVenue) = c.LongBybit ? (h.Bybit, h.Binance) : (h.Binance, h.Bybit);
        var record = h.Last(longVenue, shortVenue);
        Assert.Equal(c.Expected, record.Reason);
        Assert.Equal(c.Expected == RejectReason.None ? Verdict.Open : Verdict.Reject, record.Verdict);
    }

    [Fact]
    public void Every_reason_code_has_a_case()
    {
        var covered = Cases.Select(c => c.Expected).Where(r => r != RejectReason.None).ToHashSet();
        foreach (var reason in RejectReasonCode.All) Assert.Contains(reason, covered);
    }

    [Fact]
    public void Reason_codes_are_spelled_as_DESIGN_lists_them()
    {
        string[] design = ["NEGATIVE_DIFF", "BELOW_MIN_DIFF", "BELOW_MIN_EDGE", "SETTLEMENT_WINDOW", "HOLD_TOO_SHORT",
            "INSUFFICIENT_LIQUIDITY", "STALE_DATA", "BOOK_OUT_OF_SYNC", "VENUE_DOWN", "RISK_LIMIT", "COOLDOWN", "KILL_SWITCH"];
        var codes = new List<string>();
        foreach (var reason in RejectReasonCode.All) codes.Add(RejectReasonCode.Of(reason));
        Assert.Equal(design, codes);
    }
}
