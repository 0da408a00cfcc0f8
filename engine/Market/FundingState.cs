namespace FundingArb.Market;

/// <summary>What is known of one instrument's funding on one venue, merged from partial updates.</summary>
/// <remarks>Venues send partial updates (Bybit ticker deltas carry only what changed; OKX sends funding and mark
/// price on separate channels), so each field keeps its last value and the time it arrived.</remarks>
public struct FundingState
{
    public FundingUpdate Latest;
    /// <summary>Engine-clock timestamp of the last update of any field.</summary>
    public long UpdatedTimestamp;
    public long RateTimestamp;
    public long MarkTimestamp;
    public long ExchangeTimeMs;

    public readonly bool Has(FundingFields fields) => Latest.Has(fields);

    public void Apply(in MarketEvent evt)
    {
        ref readonly var update = ref evt.Funding;
        var fields = update.Fields;
        if ((fields & FundingFields.MarkPrice) != 0)
        {
            Latest.MarkPrice = update.MarkPrice;
            MarkTimestamp = evt.ReceivedTimestamp;
        }
        if ((fields & FundingFields.IndexPrice) != 0) Latest.IndexPrice = update.IndexPrice;
        if ((fields & FundingFields.Rate) != 0)
        {
            Latest.Rate = update.Rate;
            RateTimestamp = evt.ReceivedTimestamp;
        }
        if ((fields & FundingFields.NextFundingTime) != 0) Latest.NextFundingTimeMs = update.NextFundingTimeMs;
        if ((fields & FundingFields.IntervalHours) != 0) Latest.IntervalHours = update.IntervalHours;
        Latest.Fields |= fields;
        UpdatedTimestamp = evt.ReceivedTimestamp;
        if (evt.ExchangeTimeMs > ExchangeTimeMs) ExchangeTimeMs = evt.ExchangeTimeMs;
    }
}
