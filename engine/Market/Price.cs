namespace FundingArb.Market;

/// <summary>A price as a fixed-point integer: <see cref="Raw"/> units of 10^-<see cref="Scale"/> quote currency.</summary>
/// <remarks>Scale 10 covers the finest tick any of our venues quotes (sub-satoshi meme coins) and keeps
/// ±922 million as the largest price, far above any perpetual's.</remarks>
public readonly record struct Price(long Raw) : IComparable<Price>, IUtf8SpanFormattable
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

    /// <summary>Parses the exact decimal (grammar on <see cref="FixedPoint"/>); false if it is malformed or not a
    /// whole number of 10^-10 units.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price value) => TryParse(utf8, out value, out _);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out Price)"/>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price value, out FixedPointError error)
    {
        bool ok = FixedPoint.TryParse(utf8, Scale, out long raw, out error);
        value = new Price(raw);
        return ok;
    }

    /// <summary>For config and tests: throws <see cref="FormatException"/> with the reason.</summary>
    public static Price Parse(string s) => new(FixedPoint.Parse(s, Scale));

    /// <summary>Writes the exact decimal, trailing zeros trimmed; <see cref="FixedPoint.MaxFormattedLength"/> bytes suffice.</summary>
    public bool TryFormat(Span<byte> destination, out int bytesWritten) =>
        FixedPoint.TryFormat(Raw, Scale, destination, out bytesWritten);

    /// <remarks>Format and provider are ignored: the output is always the exact, culture-invariant decimal.</remarks>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <summary>The exact decimal, e.g. <c>67321.45</c>.</summary>
    public override string ToString() => FixedPoint.Format(Raw, Scale);

    /// <summary>The largest multiple of <paramref name="tick"/> not above this price.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not positive.</exception>
    /// <exception cref="OverflowException">The result is below <see cref="long.MinValue"/> units.</exception>
    public Price RoundDown(Price tick) => new(checked(Raw - FloorRemainder(tick)));

    /// <summary>The smallest multiple of <paramref name="tick"/> not below this price.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not positive.</exception>
    /// <exception cref="OverflowException">The result is above <see cref="long.MaxValue"/> units.</exception>
    public Price RoundUp(Price tick)
    {
        long remainder = FloorRemainder(tick);
        return remainder == 0 ? this : new(checked(Raw - remainder + tick.Raw));
    }

    /// <summary>The nearest multiple of <paramref name="tick"/>; halfway rounds away from zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not positive.</exception>
    /// <exception cref="OverflowException">The result is outside the range of <see cref="long"/> units.</exception>
    public Price RoundNearest(Price tick)
    {
        long remainder = FloorRemainder(tick);
        long above = tick.Raw - remainder; // distance to the multiple above; compared, not doubled, so it cannot overflow
        bool up = remainder > above || (remainder == above && Raw > 0);
        return new(up ? checked(Raw + above) : checked(Raw - remainder));
    }

    // Raw mod tick in [0, tick): C#'s % truncates toward zero, so a negative remainder is shifted up.
    private long FloorRemainder(Price tick)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tick.Raw, nameof(tick));
        long remainder = Raw % tick.Raw;
        return remainder < 0 ? remainder + tick.Raw : remainder;
    }
}
