using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>Reads an order as Bybit prints it — an item of <c>GET /v5/order/realtime</c> (docs/v5/order/open-order) or of
/// the private <c>order</c> topic (docs/v5/websocket/private/order), the same fields — into an <see cref="OrderReport"/>,
/// field order free, unknown fields skipped. No allocation.</summary>
internal static class BybitOrderReader
{
    /// <summary>Reads the object whose StartObject the reader is on; returns the first problem, or None.
    /// <paramref name="cancelReason"/> says why the venue ended the order itself (post-only, FOK), None otherwise.</summary>
    public static FrameIssue Read(ref Utf8JsonReader reader, ISymbolResolver symbols, VenueId venue, ref OrderReport report, Span<byte> scratch,
        out ExecutionErrorKind cancelReason)
    {
        cancelReason = ExecutionErrorKind.None;
        if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
        var depth = reader.CurrentDepth;
        var issue = FrameIssue.None;
        var hasStatus = false;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var field = Field(reader.ValueSpan);
            reader.Read();
            var found = FrameIssue.None;
            switch (field)
            {
                case OrderField.Symbol: found = ExecutionJson.ReadSymbol(ref reader, symbols, venue, scratch, out report.Instrument); break;
                case OrderField.OrderLinkId: found = ExecutionJson.ReadClientOrderId(ref reader, scratch, out report.ClientOrderId); break;
                case OrderField.OrderId: found = ReadVenueId(ref reader, scratch, out report.VenueOrderId); break;
                case OrderField.Status:
                    report.Status = BybitJson.Status(FrameReader.ReadString(ref reader, scratch));
                    hasStatus = true;
                    found = report.Status == OrderStatus.Unknown ? FrameIssue.UnexpectedShape : FrameIssue.None;
                    break;
                case OrderField.Side:
                    report.Side = BybitJson.Side(FrameReader.ReadString(ref reader, scratch));
                    found = report.Side == OrderSide.None ? FrameIssue.UnexpectedShape : FrameIssue.None;
                    break;
                case OrderField.Qty: found = BybitJson.ReadQuantityOrEmpty(ref reader, out report.Quantity); break;
                case OrderField.CumExecQty: found = BybitJson.ReadQuantityOrEmpty(ref reader, out report.ExecutedQuantity); break;
                case OrderField.Price: found = BybitJson.ReadPriceOrEmpty(ref reader, out report.LimitPrice); break;
                case OrderField.AvgPrice: found = BybitJson.ReadPriceOrEmpty(ref reader, out report.AveragePrice); break;
                case OrderField.ReduceOnly: found = ExecutionJson.ReadBool(ref reader, out report.ReduceOnly); break;
                case OrderField.UpdatedTime: found = FrameReader.ReadTimeMs(ref reader, out report.UpdateTimeMs); break;
                case OrderField.RejectReason: cancelReason = BybitJson.CancelReason(FrameReader.ReadString(ref reader, scratch)); break;
                default: reader.Skip(); break;
            }
            if (found != FrameIssue.None && (issue == FrameIssue.None || issue == FrameIssue.UnknownSymbol)) issue = found;
        }
        if (issue == FrameIssue.None && (!hasStatus || report.VenueOrderId.IsEmpty)) issue = FrameIssue.MissingField;
        return issue;
    }

    /// <summary>Bybit's order and execution ids are UUID strings; empty (a funding execution's orderId) stays empty.</summary>
    public static FrameIssue ReadVenueId(ref Utf8JsonReader reader, Span<byte> scratch, out VenueAssignedId id)
    {
        id = default;
        if (reader.TokenType != JsonTokenType.String) return FrameIssue.UnexpectedShape;
        var text = FrameReader.ReadString(ref reader, scratch);
        return text.IsEmpty || VenueAssignedId.TryCreate(text, out id) ? FrameIssue.None : FrameIssue.AbsurdValue;
    }

    private static OrderField Field(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("symbol"u8) => OrderField.Symbol,
        _ when name.SequenceEqual("orderLinkId"u8) => OrderField.OrderLinkId,
        _ when name.SequenceEqual("orderId"u8) => OrderField.OrderId,
        _ when name.SequenceEqual("orderStatus"u8) => OrderField.Status,
        _ when name.SequenceEqual("side"u8) => OrderField.Side,
        _ when name.SequenceEqual("qty"u8) => OrderField.Qty,
        _ when name.SequenceEqual("cumExecQty"u8) => OrderField.CumExecQty,
        _ when name.SequenceEqual("price"u8) => OrderField.Price,
        _ when name.SequenceEqual("avgPrice"u8) => OrderField.AvgPrice,
        _ when name.SequenceEqual("reduceOnly"u8) => OrderField.ReduceOnly,
        _ when name.SequenceEqual("updatedTime"u8) => OrderField.UpdatedTime,
        _ when name.SequenceEqual("rejectReason"u8) => OrderField.RejectReason,
        _ => OrderField.Skip,
    };

    private enum OrderField : byte
    {
        Skip,
        Symbol,
        OrderLinkId,
        OrderId,
        Status,
        Side,
        Qty,
        CumExecQty,
        Price,
        AvgPrice,
        ReduceOnly,
        UpdatedTime,
        RejectReason,
    }
}
