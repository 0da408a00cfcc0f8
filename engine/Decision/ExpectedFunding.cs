namespace FundingArb.Decision;

/// <summary>What a hedged pair — long on one venue, short on another — expects to collect in funding, as a fraction of
/// notional, if today's rates hold. Each side is counted settlement by settlement on its own venue's schedule: over the
/// same eight hours an 8 h venue settles once and a 1 h venue eight times, so raw rates of venues with different
/// intervals must never be compared directly (the audited bot's defect 6).</summary>
/// <remarks>Sign convention: a positive rate means longs pay shorts. So the short leg receives <c>+rate</c> per
/// settlement and the long leg receives <c>−rate</c> (a negative rate pays the long).</remarks>
public static class ExpectedFunding
{
    /// <summary>Funding income over the hold (<paramref name="openMs"/>, <paramref name="closeMs"/>), fraction of
    /// notional: positive means the pair is paid.</summary>
    public static double OverHold(in FundingLeg longLeg, in FundingLeg shortLeg, long openMs, long closeMs) =>
        shortLeg.RatePerSettlement * shortLeg.Schedule.CountWithin(openMs, closeMs)
        - longLeg.RatePerSettlement * longLeg.Schedule.CountWithin(openMs, closeMs);

    /// <summary>The normalised difference, short minus long, as a fraction per hour: the decision record's
    /// <c>diffPerHour</c>. Positive means the pair pays us (protection 1).</summary>
    public static double DiffPerHour(in FundingLeg longLeg, in FundingLeg shortLeg) =>
        shortLeg.RatePerHour - longLeg.RatePerHour;
}
