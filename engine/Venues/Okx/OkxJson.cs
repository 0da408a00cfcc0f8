using System.Buffers.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>Value readers for OKX's private payloads on top of the feeds' <see cref="FrameReader"/>: numbers are JSON
/// strings and an absent value is <c>""</c> (a market order's <c>px</c>, an unfilled order's <c>avgPx</c>, a flat
/// position's <c>avgPx</c>), codes are numeric strings, enums are lower-case words. No allocation.</summary>
internal static class OkxJson
{
    public static bool IsEmptyString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty;

    /// <summary>A price ≥ 0; <c>""</c> is zero.</summary>
    public static FrameIssue ReadPriceOrEmpty(ref Utf8JsonReader reader, out Price price)
    {
        price = default;
        if (IsEmptyString(ref reader)) return FrameIssue.None;
        var issue = FrameReader.ReadFixed(ref reader, Price.Scale, out var raw);
        if (issue != FrameIssue.None) return issue;
        if (raw < 0) return FrameIssue.NegativeValue;
        price = new Price(raw);
        return FrameIssue.None;
    }

    /// <summary>A quantity ≥ 0; <c>""</c> is zero.</summary>
    public static FrameIssue ReadQuantityOrEmpty(ref Utf8JsonReader reader, out Quantity quantity)
    {
        quantity = default;
        return IsEmptyString(ref reader) ? FrameIssue.None : FrameReader.ReadQuantity(ref reader, out quantity);
    }

    /// <summary>A signed amount at quantity scale (fee, balance change, position size); <c>""</c> is zero.</summary>
    public static FrameIssue ReadSigned(ref Utf8JsonReader reader, out Quantity amount)
    {
        amount = default;
        if (IsEmptyString(ref reader)) return FrameIssue.None;
        var issue = FrameReader.ReadFixed(ref reader, Quantity.Scale, out var raw);
        amount = new Quantity(raw);
        return issue;
    }

    /// <summary>A signed money amount (fee, balance, balance change) at quantity scale; <c>""</c> is zero. OKX writes up to
    /// 16 decimals (<c>"0.0219338232210000"</c>); digits beyond 10^-8 are cut (toward zero), which no ledger of ours can
    /// tell apart.</summary>
    public static FrameIssue ReadAmount(ref Utf8JsonReader reader, out Quantity amount)
    {
        amount = default;
        if (IsEmptyString(ref reader)) return FrameIssue.None;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueIsEscaped || reader.HasValueSequence)
            return reader.TokenType == JsonTokenType.Null ? FrameIssue.MissingField : FrameIssue.InvalidNumber;
        if (!TryParseAmount(reader.ValueSpan, out var raw)) return FrameIssue.InvalidNumber;
        amount = new Quantity(raw);
        return FrameIssue.None;
    }

    /// <inheritdoc cref="ReadAmount"/>
    public static bool TryParseAmount(ReadOnlySpan<byte> text, out long raw)
    {
        var dot = text.IndexOf((byte)'.');
        if (dot >= 0 && text.Length - dot - 1 > Quantity.Scale) text = text[..(dot + 1 + Quantity.Scale)];
        return FixedPoint.TryParse(text, Quantity.Scale, out raw);
    }

    /// <summary>A time in unix ms; <c>""</c> is zero.</summary>
    public static FrameIssue ReadTimeOrEmpty(ref Utf8JsonReader reader, out long unixMs)
    {
        unixMs = 0;
        return IsEmptyString(ref reader) ? FrameIssue.None : FrameReader.ReadTimeMs(ref reader, out unixMs);
    }

    /// <summary>A code as OKX writes it (<c>"0"</c>, <c>"51008"</c>; a number is accepted too); <c>""</c> is 0. A code with
    /// a sub-code (<c>"51008_1000"</c>, as some sCodes come) is its main code.</summary>
    public static int ReadCode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetInt32(out var number) ? number : -1;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return -1;
        return ParseCode(reader.ValueSpan);
    }

    /// <summary>See <see cref="ReadCode"/>: digits, optionally followed by <c>_</c> and the sub-code's digits; -1 if not.</summary>
    public static int ParseCode(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) return 0;
        var main = text;
        var underscore = text.IndexOf((byte)'_');
        if (underscore >= 0)
        {
            var sub = text[(underscore + 1)..];
            if (sub.IsEmpty || !(Utf8Parser.TryParse(sub, out int _, out var subUsed) && subUsed == sub.Length)) return -1;
            main = text[..underscore];
        }
        return Utf8Parser.TryParse(main, out int code, out var used) && used == main.Length && code >= 0 ? code : -1;
    }

    /// <summary>Copies a message (unescaped) into <paramref name="destination"/>, cut to what it holds; returns its length.</summary>
    public static int ReadMessage(ref Utf8JsonReader reader, Span<byte> destination)
    {
        if (reader.TokenType != JsonTokenType.String) return 0;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var length = Math.Min(reader.ValueSpan.Length, destination.Length);
            reader.ValueSpan[..length].CopyTo(destination);
            return length;
        }
        Span<byte> whole = stackalloc byte[1024];
        var needed = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (needed > whole.Length) return 0;
        var written = reader.CopyString(whole);
        var cut = Math.Min(written, destination.Length);
        whole[..cut].CopyTo(destination);
        return cut;
    }

    public static OrderStatus State(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("live"u8) => OrderStatus.New,
        _ when text.SequenceEqual("partially_filled"u8) => OrderStatus.PartiallyFilled,
        _ when text.SequenceEqual("filled"u8) => OrderStatus.Filled,
        _ when text.SequenceEqual("canceled"u8) || text.SequenceEqual("mmp_canceled"u8) => OrderStatus.Canceled,
        _ => OrderStatus.Unknown,
    };

    public static OrderSide Side(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("buy"u8) ? OrderSide.Buy : text.SequenceEqual("sell"u8) ? OrderSide.Sell : OrderSide.None;

    /// <summary><c>reduceOnly</c>: a string <c>"true"</c>/<c>"false"</c> in order objects, a boolean in requests.</summary>
    public static bool ReadFlag(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.True || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("true"u8));

    /// <summary>An id the venue gave (ordId, tradeId, billId) as its text; empty for <c>""</c>.</summary>
    public static FrameIssue ReadVenueId(ref Utf8JsonReader reader, Span<byte> scratch, out VenueAssignedId id)
    {
        id = default;
        if (reader.TokenType != JsonTokenType.String) return FrameIssue.UnexpectedShape;
        var text = FrameReader.ReadString(ref reader, scratch);
        return text.IsEmpty || VenueAssignedId.TryCreate(text, out id) ? FrameIssue.None : FrameIssue.UnexpectedShape;
    }

    /// <summary>A client order id we did not give (another client's, empty) is left empty: not an issue.</summary>
    public static FrameIssue ReadClientOrderId(ref Utf8JsonReader reader, Span<byte> scratch, out ClientOrderId id)
    {
        ClientOrderId.TryCreate(FrameReader.ReadString(ref reader, scratch), out id);
        return reader.TokenType == JsonTokenType.String ? FrameIssue.None : FrameIssue.UnexpectedShape;
    }

    public static FrameIssue ReadInstrument(ref Utf8JsonReader reader, ISymbolResolver symbols, VenueId venue, Span<byte> scratch, out InstrumentId instrument)
    {
        instrument = default;
        var symbol = FrameReader.ReadString(ref reader, scratch);
        if (symbol.IsEmpty) return FrameIssue.UnexpectedShape;
        return symbols.TryResolve(venue, symbol, out instrument) ? FrameIssue.None : FrameIssue.UnknownSymbol;
    }

    public static FrameIssue Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return FrameIssue.None;
    }
}
