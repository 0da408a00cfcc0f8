namespace FundingArb.Market;

/// <summary>Which fields of a <see cref="FundingUpdate"/> the frame carried. Venues send partial updates
/// (Bybit ticker deltas carry only what changed; OKX splits funding, mark and index into channels),
/// so absent fields must be merged, never read as zero.</summary>
[Flags]
public enum FundingFields : byte
{
    None = 0,
    MarkPrice = 1 << 0,
    IndexPrice = 1 << 1,
    Rate = 1 << 2,
    NextFundingTime = 1 << 3,
    IntervalHours = 1 << 4,
}
