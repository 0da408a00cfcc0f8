using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>What the decision core knows of one venue as a whole: its fees, its default funding interval, and whether
/// its feed and order path are up.</summary>
public sealed class VenueState(VenueId id, string name, double takerFeeRate, int defaultFundingIntervalHours)
{
    public VenueId Id { get; } = id;
    public string Name { get; } = name;
    /// <summary>Taker fee per fill, a fraction.</summary>
    public double TakerFeeRate { get; } = takerFeeRate;
    /// <summary>The interval to assume when neither the stream nor the metadata says; 0: none (the venue must say).</summary>
    public int DefaultFundingIntervalHours { get; } = defaultFundingIntervalHours;
    /// <summary>Connected and not in backoff; set by the feeds and the gateway through the decision thread.</summary>
    public bool IsUp { get; set; } = true;
}
