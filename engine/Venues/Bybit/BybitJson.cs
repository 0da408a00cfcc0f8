using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>Value readers and enum texts for Bybit's private payloads on top of the feeds' <see cref="FrameReader"/>:
/// decimals that may be <c>""</c> (an unfilled order's <c>avgPrice</c>, a market order's <c>price</c>), signed amounts,
/// the venue's order statuses and sides (docs/v5/enum). No allocation.</summary>
internal static class BybitJson
{
    /// <summary>A price ≥ 0; <c>""</c> reads as 0 ("returns "" for those orders without avg price").</summary>
    public static FrameIssue ReadPriceOrEmpty(ref Utf8JsonReader reader, out Price price)
    {
        price = default;
        if (IsEmptyString(reader)) return FrameIssue.None;
        var issue = FrameReader.ReadFixed(ref reader, Price.Scale, out var raw);
        if (issue != FrameIssue.None) return issue;
        if (raw < 0) return FrameIssue.NegativeValue;
        price = new Price(raw);
        return FrameIssue.None;
    }

    /// <summary>A quantity ≥ 0; <c>""</c> reads as 0 (the docs' option order example has <c>"leavesQty": ""</c>).</summary>
    public static FrameIssue ReadQuantityOrEmpty(ref Utf8JsonReader reader, out Quantity quantity)
    {
        quantity = default;
        return IsEmptyString(reader) ? FrameIssue.None : FrameReader.ReadQuantity(ref reader, out quantity);
    }

    /// <summary>A signed amount at quantity scale (fees, funding, balances); <c>""</c> reads as 0.</summary>
    public static FrameIssue ReadSigned(ref Utf8JsonReader reader, out Quantity amount)
    {
        amount = default;
        if (IsEmptyString(reader)) return FrameIssue.None;
        var issue = FrameReader.ReadFixed(ref reader, Quantity.Scale, out var raw);
        amount = new Quantity(raw);
        return issue;
    }

    private static bool IsEmptyString(in Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty;

    /// <summary>docs/v5/enum#orderstatus. Conditional orders not yet triggered (Untriggered, Triggered, Active) are live:
    /// New. Derivatives end a partly executed order as Cancelled (PartiallyFilledCanceled is spot only).</summary>
    public static OrderStatus Status(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("New"u8) || text.SequenceEqual("Untriggered"u8) || text.SequenceEqual("Triggered"u8)
            || text.SequenceEqual("Active"u8) => OrderStatus.New,
        _ when text.SequenceEqual("PartiallyFilled"u8) => OrderStatus.PartiallyFilled,
        _ when text.SequenceEqual("Filled"u8) => OrderStatus.Filled,
        _ when text.SequenceEqual("Cancelled"u8) || text.SequenceEqual("PartiallyFilledCanceled"u8) => OrderStatus.Canceled,
        _ when text.SequenceEqual("Deactivated"u8) => OrderStatus.Expired,
        _ when text.SequenceEqual("Rejected"u8) => OrderStatus.Rejected,
        _ => OrderStatus.Unknown,
    };

    public static OrderSide Side(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("Buy"u8) ? OrderSide.Buy : text.SequenceEqual("Sell"u8) ? OrderSide.Sell : OrderSide.None;

    /// <summary>Why the venue ended an order it had acknowledged (docs/v5/enum#rejectreason): a post-only order that would
    /// take, an FOK order it could not fill; None for the rest.</summary>
    public static ExecutionErrorKind CancelReason(ReadOnlySpan<byte> rejectReason) => rejectReason switch
    {
        _ when rejectReason.SequenceEqual("EC_PostOnlyWillTakeLiquidity"u8) => ExecutionErrorKind.PostOnlyWouldTake,
        _ when rejectReason.SequenceEqual("EC_CancelForNoFullFill"u8) => ExecutionErrorKind.FillOrKillUnfilled,
        _ => ExecutionErrorKind.None,
    };

    /// <summary>A message string's bytes, at most <see cref="ExecutionError.MaxMessageLength"/> of them (kept with the error).</summary>
    public static ReadOnlySpan<byte> Message(scoped ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (reader.TokenType != JsonTokenType.String) return default;
        var text = FrameReader.ReadString(ref reader, scratch);
        if (text.IsEmpty && !reader.HasValueSequence) text = reader.ValueSpan; // escaped and longer than the scratch: raw bytes
        return text[..Math.Min(text.Length, ExecutionError.MaxMessageLength)];
    }
}
