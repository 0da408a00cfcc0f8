namespace FundingArb.Market;

/// <summary>A funding rate per settlement as a fixed-point fraction: <see cref="Raw"/> units of 10^-18.</summary>
/// <remarks>Kept exact because venues send up to 16 decimals (OKX) and the decode contract prints the exact
/// value; arithmetic on rates happens in <c>double</c> via <see cref="ToDouble"/>. Positive: longs pay shorts.</remarks>
public readonly record struct FundingRate(long Raw) : IComparable<FundingRate>, IUtf8SpanFormattable
{
    public const int Scale = 18;
    public const long One = 1_000_000_000_000_000_000L;

    public double ToDouble() => Raw / (double)One;
    public int CompareTo(FundingRate other) => Raw.CompareTo(other.Raw);

    /// <summary>Parses the exact decimal (grammar on <see cref="FixedPoint"/>); false if it is malformed, beyond
    /// about ±9.22, or not a whole number of 10^-18 units.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out FundingRate value) => TryParse(utf8, out value, out _);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out FundingRate)"/>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out FundingRate value, out FixedPointError error)
    {
        bool ok = FixedPoint.TryParse(utf8, Scale, out long raw, out error);
        value = new FundingRate(raw);
        return ok;
    }

    /// <summary>For config and tests: throws <see cref="FormatException"/> with the reason.</summary>
    public static FundingRate Parse(string s) => new(FixedPoint.Parse(s, Scale));

    /// <summary>Writes the exact decimal, trailing zeros trimmed; <see cref="FixedPoint.MaxFormattedLength"/> bytes suffice.</summary>
    public bool TryFormat(Span<byte> destination, out int bytesWritten) =>
        FixedPoint.TryFormat(Raw, Scale, destination, out bytesWritten);

    /// <remarks>Format and provider are ignored: the output is always the exact, culture-invariant decimal.</remarks>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <summary>The exact decimal, e.g. <c>0.0001128542114798</c>.</summary>
    public override string ToString() => FixedPoint.Format(Raw, Scale);
}
