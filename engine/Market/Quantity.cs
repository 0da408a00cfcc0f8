namespace FundingArb.Market;

/// <summary>A quantity as a fixed-point integer: <see cref="Raw"/> units of 10^-<see cref="Scale"/>
/// of whatever unit the venue quotes (base currency, or contracts on OKX).</summary>
/// <remarks>Scale 8 is the finest lot step any of our venues uses and keeps ±92 billion as the largest size.</remarks>
public readonly record struct Quantity(long Raw) : IComparable<Quantity>, IUtf8SpanFormattable
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

    /// <summary>Parses the exact decimal (grammar on <see cref="FixedPoint"/>); false if it is malformed or not a
    /// whole number of 10^-8 units.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity value) => TryParse(utf8, out value, out _);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out Quantity)"/>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity value, out FixedPointError error)
    {
        bool ok = FixedPoint.TryParse(utf8, Scale, out long raw, out error);
        value = new Quantity(raw);
        return ok;
    }

    /// <summary>For config and tests: throws <see cref="FormatException"/> with the reason.</summary>
    public static Quantity Parse(string s) => new(FixedPoint.Parse(s, Scale));

    /// <summary>Writes the exact decimal, trailing zeros trimmed; <see cref="FixedPoint.MaxFormattedLength"/> bytes suffice.</summary>
    public bool TryFormat(Span<byte> destination, out int bytesWritten) =>
        FixedPoint.TryFormat(Raw, Scale, destination, out bytesWritten);

    /// <remarks>Format and provider are ignored: the output is always the exact, culture-invariant decimal.</remarks>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <summary>The exact decimal, e.g. <c>0.015</c>.</summary>
    public override string ToString() => FixedPoint.Format(Raw, Scale);

    /// <summary>The notional <c>quantity × price</c> in quote currency (per contract unit on OKX: multiply by the
    /// contract value). The product is exact in 128 bits and cannot overflow; only the final conversion rounds.</summary>
    public double NotionalAt(Price price) => (double)((Int128)Raw * price.Raw) / (One * (double)Price.One);

    /// <summary>This quantity rounded toward zero to a multiple of <paramref name="step"/> (a venue's lot size),
    /// so an order never exceeds the size asked for.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive.</exception>
    public Quantity RoundDown(Quantity step)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step.Raw, nameof(step));
        return new(Raw - Raw % step.Raw);
    }
}
