namespace FundingArb.Market;

/// <summary>A quantity as a fixed-point integer: <see cref="Raw"/> units of 10^-<see cref="Scale"/>
/// of whatever unit the venue quotes (base currency, or contracts on OKX).</summary>
/// <remarks>Scale 8 is the finest lot step any of our venues uses and keeps ±92 billion as the largest size.</remarks>
public readonly record struct Quantity(long Raw) : IComparable<Quantity>
{
    public const int Scale = 8;
    public const long One = 100_000_000L;

    public static Quantity Zero => default;
    public bool IsZero => Raw == 0;
    public bool IsPositive => Raw > 0;

    public double ToDouble() => Raw / (double)One;
    public int CompareTo(Quantity other) => Raw.CompareTo(other.Raw);

    public static bool operator <(Quantity a, Quantity b) => a.Raw < b.Raw;
    public static bool operator >(Quantity a, Quantity b) => a.Raw > b.Raw;
    public static bool operator <=(Quantity a, Quantity b) => a.Raw <= b.Raw;
    public static bool operator >=(Quantity a, Quantity b) => a.Raw >= b.Raw;
    public static Quantity operator +(Quantity a, Quantity b) => new(checked(a.Raw + b.Raw));
    public static Quantity operator -(Quantity a, Quantity b) => new(checked(a.Raw - b.Raw));
}
