using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>Reads an order as Binance answers New/Cancel/Query Order over REST and order.place/cancel/status over the
/// WS API (the same object: trade/rest-api/New-Order response) into an <see cref="OrderReport"/>. No allocation.</summary>
internal static class BinanceOrderReader
{
    /// <summary>Reads the object whose StartObject the reader is on; returns the first problem, or None.</summary>
    public static FrameIssue Read(ref Utf8JsonReader reader, ISymbolResolver symbols, VenueId venue, ref OrderReport report, Span<byte> scratch) =>
        Read(ref reader, symbols, venue, ref report, scratch, default, out _);

    /// <summary>As <see cref="Read(ref Utf8JsonReader, ISymbolResolver, VenueId, ref OrderReport, Span{byte})"/>, and
    /// copies the venue symbol into <paramref name="symbol"/> (its length in <paramref name="symbolLength"/>; 0 if it
    /// did not fit), so that a caller can name an order in a symbol the registry does not map.</summary>
    public static FrameIssue Read(ref Utf8JsonReader reader, ISymbolResolver symbols, VenueId venue, ref OrderReport report, Span<byte> scratch,
        Span<byte> symbol, out int symbolLength)
    {
        symbolLength = 0;
        if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
        var depth = reader.CurrentDepth;
        var issue = FrameIssue.None;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var field = Field(reader.ValueSpan);
            reader.Read();
            var found = field switch
            {
                OrderField.Symbol => ExecutionJson.ReadSymbol(ref reader, symbols, venue, scratch, out report.Instrument, symbol, out symbolLength),
                OrderField.ClientOrderId => ExecutionJson.ReadClientOrderId(ref reader, scratch, out report.ClientOrderId),
                OrderField.OrderId => ReadOrderId(ref reader, out report.VenueOrderId),
                OrderField.Status => ReadEnum(ref reader, scratch, out report.Status),
                OrderField.Side => ReadSide(ref reader, scratch, out report.Side),
                OrderField.OrigQty => FrameReader.ReadQuantity(ref reader, out report.Quantity),
                OrderField.ExecutedQty => FrameReader.ReadQuantity(ref reader, out report.ExecutedQuantity),
                OrderField.Price => BinanceJson.ReadPriceOrZero(ref reader, out report.LimitPrice),
                OrderField.AvgPrice => BinanceJson.ReadPriceOrZero(ref reader, out report.AveragePrice),
                OrderField.ReduceOnly => ExecutionJson.ReadBool(ref reader, out report.ReduceOnly),
                OrderField.UpdateTime => FrameReader.ReadTimeMs(ref reader, out report.UpdateTimeMs),
                _ => Skip(ref reader),
            };
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        return issue;
    }

    public static FrameIssue ReadOrderId(ref Utf8JsonReader reader, out VenueAssignedId id)
    {
        id = default;
        var issue = FrameReader.ReadInt64(ref reader, out var value);
        if (issue != FrameIssue.None) return issue;
        id = VenueAssignedId.FromInteger(value);
        return FrameIssue.None;
    }

    private static FrameIssue ReadEnum(ref Utf8JsonReader reader, Span<byte> scratch, out OrderStatus status)
    {
        status = BinanceJson.Status(FrameReader.ReadString(ref reader, scratch));
        return status == OrderStatus.Unknown ? FrameIssue.UnexpectedShape : FrameIssue.None;
    }

    private static FrameIssue ReadSide(ref Utf8JsonReader reader, Span<byte> scratch, out OrderSide side)
    {
        side = BinanceJson.Side(FrameReader.ReadString(ref reader, scratch));
        return side == OrderSide.None ? FrameIssue.UnexpectedShape : FrameIssue.None;
    }

    private static FrameIssue Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return FrameIssue.None;
    }

    private static OrderField Field(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("symbol"u8) => OrderField.Symbol,
        _ when name.SequenceEqual("clientOrderId"u8) => OrderField.ClientOrderId,
        _ when name.SequenceEqual("orderId"u8) => OrderField.OrderId,
        _ when name.SequenceEqual("status"u8) => OrderField.Status,
        _ when name.SequenceEqual("side"u8) => OrderField.Side,
        _ when name.SequenceEqual("origQty"u8) => OrderField.OrigQty,
        _ when name.SequenceEqual("executedQty"u8) => OrderField.ExecutedQty,
        _ when name.SequenceEqual("price"u8) => OrderField.Price,
        _ when name.SequenceEqual("avgPrice"u8) => OrderField.AvgPrice,
        _ when name.SequenceEqual("reduceOnly"u8) => OrderField.ReduceOnly,
        _ when name.SequenceEqual("updateTime"u8) => OrderField.UpdateTime,
        _ => OrderField.Skip,
    };

    private enum OrderField : byte
    {
        Skip,
        Symbol,
        ClientOrderId,
        OrderId,
        Status,
        Side,
        OrigQty,
        ExecutedQty,
        Price,
        AvgPrice,
        ReduceOnly,
        UpdateTime,
    }
}
