using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>Value readers for Binance's private payloads (orders, errors, account updates) on top of the feeds'
/// <see cref="FrameReader"/>: prices and averages that may be "0", signed amounts, the venue's enum texts. No allocation.</summary>
internal static class BinanceJson
{
    /// <summary>A price ≥ 0 (Binance writes "0" for a market order's price and an unfilled order's average).</summary>
    public static FrameIssue ReadPriceOrZero(ref Utf8JsonReader reader, out Price price)
    {
        price = default;
        var issue = FrameReader.ReadFixed(ref reader, Price.Scale, out var raw);
        if (issue != FrameIssue.None) return issue;
        if (raw < 0) return FrameIssue.NegativeValue;
        price = new Price(raw);
        return FrameIssue.None;
    }

    /// <summary>A signed amount or position size at quantity scale (positionAmt, balance change, commission).</summary>
    public static FrameIssue ReadSigned(ref Utf8JsonReader reader, out Quantity amount)
    {
        var issue = FrameReader.ReadFixed(ref reader, Quantity.Scale, out var raw);
        amount = new Quantity(raw);
        return issue;
    }

    public static OrderStatus Status(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("NEW"u8) => OrderStatus.New,
        _ when text.SequenceEqual("PARTIALLY_FILLED"u8) => OrderStatus.PartiallyFilled,
        _ when text.SequenceEqual("FILLED"u8) => OrderStatus.Filled,
        _ when text.SequenceEqual("CANCELED"u8) => OrderStatus.Canceled,
        _ when text.SequenceEqual("EXPIRED"u8) || text.SequenceEqual("EXPIRED_IN_MATCH"u8) => OrderStatus.Expired,
        _ when text.SequenceEqual("REJECTED"u8) => OrderStatus.Rejected,
        _ => OrderStatus.Unknown,
    };

    public static OrderSide Side(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("BUY"u8) ? OrderSide.Buy : text.SequenceEqual("SELL"u8) ? OrderSide.Sell : OrderSide.None;

    /// <summary>The <c>{"code": …, "msg": …}</c> object at the reader (positioned on its StartObject), as an error.</summary>
    public static ExecutionError ReadError(ref Utf8JsonReader reader, int httpStatus, long retryAfterMs, Span<byte> scratch)
    {
        var code = 0;
        ReadOnlySpan<byte> message = default;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number) reader.TryGetInt32(out code);
            }
            else if (reader.ValueTextEquals("msg"u8))
            {
                reader.Read();
                message = FrameReader.ReadString(ref reader, scratch);
                if (message.IsEmpty && reader.TokenType == JsonTokenType.String) message = reader.ValueSpan[..Math.Min(reader.ValueSpan.Length, ExecutionError.MaxMessageLength)];
                retryAfterMs = Math.Max(retryAfterMs, BannedUntil(message));
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                // WS API rate-limit errors: "data":{"serverTime":…,"retryAfter":<unix ms>}.
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var isRetryAfter = reader.ValueTextEquals("retryAfter"u8);
                    reader.Read();
                    if (isRetryAfter && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var until))
                        retryAfterMs = Math.Max(retryAfterMs, until);
                    else reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return BinanceErrorMap.FromVenue(code, message, httpStatus, retryAfterMs);
    }

    /// <summary>The end of an IP ban as -1003 messages state it ("… IP banned until 1659146400000. Please …"), unix ms;
    /// 0 when the message names none.</summary>
    public static long BannedUntil(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf("banned until "u8);
        if (at < 0) return 0;
        var digits = message[(at + "banned until "u8.Length)..];
        long value = 0;
        var n = 0;
        for (; n < digits.Length && n < 18 && digits[n] is >= (byte)'0' and <= (byte)'9'; n++) value = value * 10 + (digits[n] - '0');
        return n >= 12 ? value : 0; // a unix-ms time has 13 digits; fewer is not a time we can trust
    }
}
