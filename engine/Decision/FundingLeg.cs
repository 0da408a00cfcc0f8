namespace FundingArb.Decision;

/// <summary>One side of a pair as funding sees it: the venue's current rate per settlement (positive: longs pay shorts)
/// and its settlement schedule.</summary>
public readonly record struct FundingLeg(double RatePerSettlement, SettlementSchedule Schedule)
{
    /// <summary>The rate normalised to one hour, so venues with different intervals compare (audit defect 6).</summary>
    public double RatePerHour => RatePerSettlement / Schedule.IntervalHours;
}
