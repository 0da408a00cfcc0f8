namespace FundingArb.Decision;

/// <summary>What the decision core accepts as an opportunity, and how large it trades. Every default is the safe side of
/// what a desk would run unattended; <see cref="Validate"/> names each bad field and its fix.</summary>
public sealed record DecisionConfig
{
    // Protection 1–2: funding difference and net edge.
    /// <summary>Smallest normalised diff, short minus long, as a fraction per hour (1.25e-5 = 0.01 % per 8 h).</summary>
    public double MinDiffPerHour { get; init; } = 0.0000125;
    /// <summary>Smallest net edge after funding over the hold, four taker fees, slippage and entry basis, in bps of notional.</summary>
    public double MinEdgeBps { get; init; } = 1.0;
    /// <summary>Taker fee per fill as a fraction, by venue name; a venue not listed pays its published regular-user rate.</summary>
    public IReadOnlyDictionary<string, double> TakerFeeRates { get; init; } = new Dictionary<string, double>();

    // Protection 3: settlement timing.
    /// <summary>The hold over which expected funding is counted, settlement by settlement on each venue.</summary>
    public TimeSpan PlannedHold { get; init; } = TimeSpan.FromHours(24);
    /// <summary>A position is held at least this long; the planned hold must cover it.</summary>
    public TimeSpan MinHold { get; init; } = TimeSpan.FromHours(1);
    /// <summary>No entry this close before either venue's next settlement (prices and books jump around it).</summary>
    public TimeSpan SettlementBlackoutBefore { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>No entry this soon after either venue's last settlement (the new rate is not settled in yet).</summary>
    public TimeSpan SettlementBlackoutAfter { get; init; } = TimeSpan.FromMinutes(2);

    // Protection 4: liquidity, on the side each leg takes.
    /// <summary>The near band around mid (1 %): the order may take at most <see cref="MaxImpactNear"/> of what rests in it.</summary>
    public double NearBand { get; init; } = 0.01;
    /// <summary>The far band around mid (5 %): what rests in it must be deep enough to close the leg in a hurry.</summary>
    public double FarBand { get; init; } = 0.05;
    /// <summary>Largest impact, notional ÷ depth within the near band (SPEC: 50 %).</summary>
    public double MaxImpactNear { get; init; } = 0.5;
    /// <summary>Largest impact within the far band: 0.1 asks for ten times the order's notional within 5 % of mid.</summary>
    public double MaxImpactFar { get; init; } = 0.1;
    /// <summary>Each leg's limit price is mid ± this fraction; a size whose book walk goes beyond it is refused.</summary>
    public double SlippageTolerance { get; init; } = 0.002;

    // Data freshness.
    /// <summary>Oldest funding rate accepted (OKX pushes its funding channel every 30–90 s).</summary>
    public TimeSpan MaxFundingAge { get; init; } = TimeSpan.FromMinutes(3);
    /// <summary>Oldest book update accepted.</summary>
    public TimeSpan MaxBookAge { get; init; } = TimeSpan.FromSeconds(30);

    // Size and risk, in quote currency (USDT).
    /// <summary>Notional of each leg of a new position, before the headroom below caps it.</summary>
    public double TargetNotional { get; init; } = 1_000;
    public double MaxNotionalPerPair { get; init; } = 5_000;
    public double MaxNotionalPerVenue { get; init; } = 20_000;
    public double MaxNotionalTotal { get; init; } = 50_000;
    /// <summary>Open (or in-flight) positions per instrument and venue pair, whichever way round.</summary>
    public int MaxOpenPositionsPerPair { get; init; } = 1;
    /// <summary>No new attempt on a pair this long after one failed.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(5);

    public static DecisionConfig Default { get; } = new();

    /// <summary>Every problem, one line each, naming the field and the fix; empty when the config is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Require(bool ok, string field, string fix)
        {
            if (!ok) problems.Add($"{field}: {fix}");
        }
        static bool Finite(double x) => double.IsFinite(x);

        Require(Finite(MinDiffPerHour) && MinDiffPerHour >= 0, nameof(MinDiffPerHour), "must be 0 or more (a fraction per hour, e.g. 0.0000125 = 0.01 % per 8 h)");
        Require(Finite(MinEdgeBps), nameof(MinEdgeBps), "must be a number of basis points, e.g. 1");
        foreach (var (venue, fee) in TakerFeeRates)
            Require(Finite(fee) && fee is >= 0 and < 0.01, $"{nameof(TakerFeeRates)}.{venue}", "must be a fraction from 0 to 0.01 (0.0005 = 0.05 %)");
        Require(PlannedHold > TimeSpan.Zero && PlannedHold <= TimeSpan.FromDays(30), nameof(PlannedHold), "must be between 1 s and 30 days, e.g. 24h");
        Require(MinHold >= TimeSpan.Zero && MinHold <= PlannedHold, nameof(MinHold), $"must be from 0 to {nameof(PlannedHold)} ({PlannedHold})");
        Require(SettlementBlackoutBefore >= TimeSpan.Zero && SettlementBlackoutBefore < TimeSpan.FromHours(1), nameof(SettlementBlackoutBefore), "must be from 0 to under 1 h, e.g. 5m");
        Require(SettlementBlackoutAfter >= TimeSpan.Zero && SettlementBlackoutAfter < TimeSpan.FromHours(1), nameof(SettlementBlackoutAfter), "must be from 0 to under 1 h, e.g. 2m");
        Require(Finite(NearBand) && NearBand > 0 && NearBand < FarBand, nameof(NearBand), $"must be above 0 and below {nameof(FarBand)}, e.g. 0.01");
        Require(Finite(FarBand) && FarBand > 0 && FarBand < 0.5, nameof(FarBand), "must be above 0 and below 0.5, e.g. 0.05");
        Require(Finite(MaxImpactNear) && MaxImpactNear is > 0 and <= 1, nameof(MaxImpactNear), "must be above 0 and at most 1, e.g. 0.5");
        Require(Finite(MaxImpactFar) && MaxImpactFar is > 0 and <= 1, nameof(MaxImpactFar), "must be above 0 and at most 1, e.g. 0.1");
        Require(Finite(SlippageTolerance) && SlippageTolerance > 0 && SlippageTolerance <= NearBand, nameof(SlippageTolerance), $"must be above 0 and at most {nameof(NearBand)}, e.g. 0.002");
        Require(MaxFundingAge > TimeSpan.Zero, nameof(MaxFundingAge), "must be positive, e.g. 3m");
        Require(MaxBookAge > TimeSpan.Zero, nameof(MaxBookAge), "must be positive, e.g. 30s");
        Require(Finite(TargetNotional) && TargetNotional > 0, nameof(TargetNotional), "must be a positive quote amount, e.g. 1000");
        Require(Finite(MaxNotionalPerPair) && MaxNotionalPerPair > 0, nameof(MaxNotionalPerPair), "must be a positive quote amount");
        Require(Finite(MaxNotionalPerVenue) && MaxNotionalPerVenue > 0, nameof(MaxNotionalPerVenue), "must be a positive quote amount");
        Require(Finite(MaxNotionalTotal) && MaxNotionalTotal > 0, nameof(MaxNotionalTotal), "must be a positive quote amount");
        Require(MaxOpenPositionsPerPair >= 1, nameof(MaxOpenPositionsPerPair), "must be 1 or more");
        Require(Cooldown >= TimeSpan.Zero, nameof(Cooldown), "must be 0 or more, e.g. 5m");
        return problems;
    }
}
