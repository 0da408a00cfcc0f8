namespace FundingArb.Market;

/// <summary>A price as a fixed-point integer: <see cref="Raw"/> units of 10^-<see cref="Scale"/> quote currency.</summary>
/// <remarks>Scale 10 covers the finest tick any of our venues quotes (sub-satoshi meme coins) and keeps
/// ±922 million as the largest price, far above any perpetual's.</remarks>
public readonly record struct Price(long Raw) : IComparable<Price>
{
    public const int Scale = 10;
    public const long One = 10_000_000_000L;

    public static Price Zero => default;
    public bool IsZero => Raw == 0;
    public bool IsPositive => Raw > 0;

    public double ToDouble() => Raw / (double)One;
    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);

    public static bool operator <(Price a, Price b) => a.Raw < b.Raw;
    public static bool operator >(Price a, Price b) => a.Raw > b.Raw;
    public static bool operator <=(Price a, Price b) => a.Raw <= b.Raw;
    public static bool operator >=(Price a, Price b) => a.Raw >= b.Raw;
}
