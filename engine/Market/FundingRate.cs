namespace FundingArb.Market;

/// <summary>A funding rate per settlement as a fixed-point fraction: <see cref="Raw"/> units of 10^-18.</summary>
/// <remarks>Kept exact because venues send up to 16 decimals (OKX) and the decode contract prints the exact
/// value; arithmetic on rates happens in <c>double</c> via <see cref="ToDouble"/>. Positive: longs pay shorts.</remarks>
public readonly record struct FundingRate(long Raw) : IComparable<FundingRate>
{
    public const int Scale = 18;
    public const long One = 1_000_000_000_000_000_000L;

    public double ToDouble() => Raw / (double)One;
    public int CompareTo(FundingRate other) => Raw.CompareTo(other.Raw);
}
