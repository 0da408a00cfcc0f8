using System.Buffers.Text;
using System.Text.Json;
using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Reads validated values from the current token of a <see cref="Utf8JsonReader"/>, for every venue's parser:
/// numbers may come as JSON strings or numbers; out-of-range values are reported, never stored.</summary>
/// <remarks>Each method returns <see cref="FrameIssue.None"/> or the reason the value is unusable. No allocation.</remarks>
public static class FrameReader
{
    /// <summary>Above this a price is absurd for any perpetual we trade (in quote currency).</summary>
    public const long MaxPriceWhole = 100_000_000;
    /// <summary>Above this a quantity is absurd (venue units).</summary>
    public const long MaxQuantityWhole = 10_000_000_000;
    /// <summary>A funding rate beyond ±50 % per settlement is absurd (venue caps are a few percent).</summary>
    public const long MaxRateAbsRaw = FundingRate.One / 2;
    /// <summary>Unix ms bounds for event times: positive, and before 2100-01-01. No tighter lower bound: the venues' own
    /// documented examples carry placeholder times (Binance's diff-depth example has <c>"E": 123456789</c>).</summary>
    public const long MinTimeMs = 1;
    public const long MaxTimeMs = 4_102_444_800_000;
    /// <summary>Settlement times drive the settlement-window protection, so they get a real lower bound (2001-09-09):
    /// a time in seconds read as milliseconds, or a placeholder, must never pass as a settlement.</summary>
    public const long MinSettlementTimeMs = 1_000_000_000_000;

    /// <summary>A strictly positive price.</summary>
    public static FrameIssue ReadPrice(ref Utf8JsonReader reader, out Price price)
    {
        price = default;
        var issue = ReadFixed(ref reader, Price.Scale, out var raw);
        if (issue != FrameIssue.None) return issue;
        if (raw < 0) return FrameIssue.NegativeValue;
        if (raw == 0 || raw > MaxPriceWhole * Price.One) return FrameIssue.AbsurdValue;
        price = new Price(raw);
        return FrameIssue.None;
    }

    /// <summary>A quantity ≥ 0 (zero removes a book level).</summary>
    public static FrameIssue ReadQuantity(ref Utf8JsonReader reader, out Quantity quantity)
    {
        quantity = default;
        var issue = ReadFixed(ref reader, Quantity.Scale, out var raw);
        if (issue != FrameIssue.None) return issue;
        if (raw < 0) return FrameIssue.NegativeValue;
        if (raw > MaxQuantityWhole * Quantity.One) return FrameIssue.AbsurdValue;
        quantity = new Quantity(raw);
        return FrameIssue.None;
    }

    /// <summary>A funding rate per settlement (may be negative).</summary>
    public static FrameIssue ReadRate(ref Utf8JsonReader reader, out FundingRate rate)
    {
        rate = default;
        var issue = ReadFixed(ref reader, FundingRate.Scale, out var raw);
        if (issue != FrameIssue.None) return issue;
        if (raw > MaxRateAbsRaw || raw < -MaxRateAbsRaw) return FrameIssue.AbsurdValue;
        rate = new FundingRate(raw);
        return FrameIssue.None;
    }

    /// <summary>An event time in unix ms, as a JSON number or a numeric string.</summary>
    public static FrameIssue ReadTimeMs(ref Utf8JsonReader reader, out long unixMs) =>
        ReadBoundedTimeMs(ref reader, MinTimeMs, out unixMs);

    /// <summary>A funding settlement time in unix ms (bounded from below by <see cref="MinSettlementTimeMs"/>).</summary>
    public static FrameIssue ReadSettlementTimeMs(ref Utf8JsonReader reader, out long unixMs) =>
        ReadBoundedTimeMs(ref reader, MinSettlementTimeMs, out unixMs);

    private static FrameIssue ReadBoundedTimeMs(ref Utf8JsonReader reader, long minimum, out long unixMs)
    {
        var issue = ReadInt64(ref reader, out unixMs);
        if (issue != FrameIssue.None) return issue;
        if (unixMs < 0) return FrameIssue.NegativeValue;
        return unixMs < minimum || unixMs > MaxTimeMs ? FrameIssue.AbsurdValue : FrameIssue.None;
    }

    /// <summary>An integer (sequence ids, counts), as a JSON number or a numeric string.</summary>
    public static FrameIssue ReadInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out value) ? FrameIssue.None : FrameIssue.InvalidNumber;
            case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence:
                return Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length
                    ? FrameIssue.None
                    : FrameIssue.InvalidNumber;
            case JsonTokenType.Null:
                return FrameIssue.MissingField;
            default:
                return FrameIssue.InvalidNumber;
        }
    }

    /// <summary>The exact fixed-point value of a JSON string or number token.</summary>
    public static FrameIssue ReadFixed(ref Utf8JsonReader reader, int scale, out long raw)
    {
        raw = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.String or JsonTokenType.Number when !reader.ValueIsEscaped && !reader.HasValueSequence:
                return FixedPoint.TryParse(reader.ValueSpan, scale, out raw, out var error)
                    ? FrameIssue.None
                    : error == FixedPointError.Overflow ? FrameIssue.AbsurdValue : FrameIssue.InvalidNumber;
            case JsonTokenType.Null:
                return FrameIssue.MissingField;
            default:
                return FrameIssue.InvalidNumber;
        }
    }

    /// <summary>The unescaped bytes of a string token (symbols, enum values): the frame's own bytes when the value
    /// has no escapes, otherwise unescaped into <paramref name="scratch"/>. Empty when it is not a string or too long.</summary>
    public static ReadOnlySpan<byte> ReadString(scoped ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (reader.TokenType != JsonTokenType.String) return default;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return reader.ValueSpan;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > scratch.Length) return default;
        var written = reader.CopyString(scratch);
        return scratch[..written];
    }

    /// <summary>Book levels written as <c>[["price","qty"],…]</c> (Binance, Bybit): each level exactly two values, price &gt; 0,
    /// quantity ≥ 0 (0 removes the level), added to <paramref name="writer"/> in order.</summary>
    public static FrameIssue ReadPriceQuantityLevels(ref Utf8JsonReader reader, ref BookWriter writer, BookSideKind side)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return reader.TokenType == JsonTokenType.Null ? FrameIssue.MissingField : FrameIssue.UnexpectedShape;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray) return FrameIssue.UnexpectedShape;
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray) return FrameIssue.UnexpectedShape;
            var issue = ReadPrice(ref reader, out var price);
            if (issue != FrameIssue.None) return issue;
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray) return FrameIssue.UnexpectedShape;
            issue = ReadQuantity(ref reader, out var quantity);
            if (issue != FrameIssue.None) return issue;
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray) return FrameIssue.UnexpectedShape;
            writer.Add(side, price, quantity);
        }
        return FrameIssue.None;
    }
}
