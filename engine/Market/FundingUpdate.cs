namespace FundingArb.Market;

/// <summary>The funding part of a <see cref="MarketEvent"/>.</summary>
public struct FundingUpdate
{
    public FundingFields Fields;
    public Price MarkPrice;
    public Price IndexPrice;
    /// <summary>The rate settled at <see cref="NextFundingTimeMs"/>, per settlement (not normalised).</summary>
    public FundingRate Rate;
    /// <summary>Unix ms of the settlement the current rate is paid at.</summary>
    public long NextFundingTimeMs;
    public byte IntervalHours;

    public readonly bool Has(FundingFields field) => (Fields & field) == field;
}
