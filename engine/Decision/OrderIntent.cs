using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>One slot on the gateway ring: open a hedged pair — buy <see cref="LongQuantity"/> on
/// <see cref="LongVenue"/>, sell <see cref="ShortQuantity"/> on <see cref="ShortVenue"/>, the same
/// <see cref="BaseQuantity"/> on both — each as a limit order no worse than its limit price.</summary>
public struct OrderIntent
{
    /// <summary>Monotonic per engine run, never reused: the gateway derives position and client order ids from it.</summary>
    public long IntentId;
    public InstrumentId Instrument;
    public VenueId LongVenue;
    public VenueId ShortVenue;
    /// <summary>Base units, a multiple of both venues' lot steps.</summary>
    public Quantity BaseQuantity;
    /// <summary>In each venue's own unit (contracts on OKX).</summary>
    public Quantity LongQuantity;
    public Quantity ShortQuantity;
    /// <summary>Highest price to buy at on the long venue, on its tick.</summary>
    public Price LongLimitPrice;
    /// <summary>Lowest price to sell at on the short venue, on its tick.</summary>
    public Price ShortLimitPrice;
    /// <summary>Notional per leg, quote currency, at the reference mid.</summary>
    public double Notional;
    public double ExpectedEdgeBps;
    public double DiffPerHour;
    /// <summary>Engine-clock timestamp of the decision.</summary>
    public long DecisionTimestamp;
    /// <summary>When the frame that triggered the decision was received (tick-to-trade starts here).</summary>
    public long TriggerReceivedTimestamp;
}
