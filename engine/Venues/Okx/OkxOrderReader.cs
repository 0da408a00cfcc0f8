using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>Reads OKX order objects and order acknowledgements into an <see cref="OrderReport"/>: the order as
/// <c>GET /api/v5/trade/order</c> and <c>orders-pending</c> answer it (#order-book-trading-trade-get-order-details), and the
/// <c>{ordId, clOrdId, ts, sCode, sMsg}</c> item of a place or cancel answer (REST and WS op alike). No allocation.</summary>
internal static class OkxOrderReader
{
    /// <summary>Reads the order object whose StartObject the reader is on; returns the first problem, or None.</summary>
    public static FrameIssue ReadOrder(ref Utf8JsonReader reader, ISymbolResolver symbols, VenueId venue, ref OrderReport report, Span<byte> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
        var depth = reader.CurrentDepth;
        var issue = FrameIssue.None;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = name switch
            {
                _ when name.SequenceEqual("instId"u8) => OkxJson.ReadInstrument(ref reader, symbols, venue, scratch, out report.Instrument),
                _ when name.SequenceEqual("clOrdId"u8) => OkxJson.ReadClientOrderId(ref reader, scratch, out report.ClientOrderId),
                _ when name.SequenceEqual("ordId"u8) => OkxJson.ReadVenueId(ref reader, scratch, out report.VenueOrderId),
                _ when name.SequenceEqual("state"u8) => ReadState(ref reader, scratch, out report.Status),
                _ when name.SequenceEqual("side"u8) => ReadSide(ref reader, scratch, out report.Side),
                _ when name.SequenceEqual("sz"u8) => OkxJson.ReadQuantityOrEmpty(ref reader, out report.Quantity),
                _ when name.SequenceEqual("accFillSz"u8) => OkxJson.ReadQuantityOrEmpty(ref reader, out report.ExecutedQuantity),
                _ when name.SequenceEqual("px"u8) => OkxJson.ReadPriceOrEmpty(ref reader, out report.LimitPrice),
                _ when name.SequenceEqual("avgPx"u8) => OkxJson.ReadPriceOrEmpty(ref reader, out report.AveragePrice),
                _ when name.SequenceEqual("reduceOnly"u8) => Flag(ref reader, out report.ReduceOnly),
                _ when name.SequenceEqual("uTime"u8) => OkxJson.ReadTimeOrEmpty(ref reader, out report.UpdateTimeMs),
                _ => OkxJson.Skip(ref reader),
            };
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        return issue;
    }

    /// <summary>Reads the ack item whose StartObject the reader is on: the venue's order id, our id, its time, and — when
    /// <c>sCode</c> is not "0" — the refusal in <see cref="OrderReport.Error"/>.</summary>
    public static FrameIssue ReadAck(ref Utf8JsonReader reader, ref OrderReport report, Span<byte> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
        var depth = reader.CurrentDepth;
        var code = -1;
        var messageLength = 0;
        var issue = FrameIssue.None;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            if (name.SequenceEqual("ordId"u8)) found = OkxJson.ReadVenueId(ref reader, scratch, out report.VenueOrderId);
            else if (name.SequenceEqual("clOrdId"u8)) found = OkxJson.ReadClientOrderId(ref reader, scratch, out report.ClientOrderId);
            else if (name.SequenceEqual("ts"u8)) found = OkxJson.ReadTimeOrEmpty(ref reader, out report.UpdateTimeMs);
            else if (name.SequenceEqual("sCode"u8)) code = OkxJson.ReadCode(ref reader);
            else if (name.SequenceEqual("sMsg"u8)) messageLength = OkxJson.ReadMessage(ref reader, scratch[128..]);
            else reader.Skip();
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        if (code < 0) return FrameIssue.MissingField;
        if (code != 0) report.Error = OkxErrorMap.FromVenue(code, scratch.Slice(128, messageLength), 200);
        return issue;
    }

    private static FrameIssue ReadState(ref Utf8JsonReader reader, Span<byte> scratch, out OrderStatus status)
    {
        status = OkxJson.State(FrameReader.ReadString(ref reader, scratch));
        return status == OrderStatus.Unknown ? FrameIssue.UnexpectedShape : FrameIssue.None;
    }

    private static FrameIssue ReadSide(ref Utf8JsonReader reader, Span<byte> scratch, out OrderSide side)
    {
        side = OkxJson.Side(FrameReader.ReadString(ref reader, scratch));
        return side == OrderSide.None ? FrameIssue.UnexpectedShape : FrameIssue.None;
    }

    private static FrameIssue Flag(ref Utf8JsonReader reader, out bool value)
    {
        value = OkxJson.ReadFlag(ref reader);
        return FrameIssue.None;
    }
}
