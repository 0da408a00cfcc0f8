using System.Text.Json;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Binance;

/// <summary>An order as the REST endpoints print it: the fields of the docs' New Order / Query Order / Cancel Order
/// examples (derivatives/usds-margined-futures/trade/rest-api/*).</summary>
public static class BinanceOrderJson
{
    /// <summary>Which documented variant: New Order and Cancel Order carry cumQty and no time; Query Order and the
    /// open-orders list carry time and no cumQty.</summary>
    public enum Variant
    {
        Placed,
        Queried,
        Canceled,
    }

    public static void Write(Utf8JsonWriter w, SimulatedOrder order, InstrumentSpec spec, Variant variant)
    {
        var qtyDigits = spec.QuantityPrecision;
        w.WriteStartObject();
        w.WriteString("avgPrice"u8, FormatAverage(order, spec));
        w.WriteString("clientOrderId"u8, order.ClientOrderId);
        if (variant != Variant.Queried) w.WriteString("cumQty"u8, JsonFrame.Fixed(order.ExecutedQuantity, qtyDigits));
        w.WriteString("cumQuote"u8, JsonFrame.Fixed(order.CumulativeQuote, spec.PricePrecision + qtyDigits));
        w.WriteString("executedQty"u8, JsonFrame.Fixed(order.ExecutedQuantity, qtyDigits));
        w.WriteNumber("orderId"u8, order.OrderId);
        w.WriteString("origQty"u8, JsonFrame.Fixed(order.Quantity, qtyDigits));
        w.WriteString("origType"u8, BinanceWire.Type(order.Kind));
        w.WriteString("price"u8, order.Kind == OrderKind.Market ? "0" : JsonFrame.Fixed(order.Price, spec.PricePrecision));
        w.WriteBoolean("reduceOnly"u8, order.ReduceOnly);
        w.WriteString("side"u8, BinanceWire.Side(order.Side));
        w.WriteString("positionSide"u8, "BOTH");
        w.WriteString("status"u8, BinanceWire.Status(order.Status));
        w.WriteString("stopPrice"u8, "0");
        w.WriteBoolean("closePosition"u8, false);
        w.WriteString("symbol"u8, order.Symbol);
        if (variant == Variant.Queried) w.WriteNumber("time"u8, JsonFrame.UnixMs(order.CreatedAt));
        w.WriteString("timeInForce"u8, BinanceWire.TimeInForce(order.TimeInForce));
        w.WriteString("type"u8, BinanceWire.Type(order.Kind));
        w.WriteNumber("updateTime"u8, JsonFrame.UnixMs(order.UpdatedAt));
        w.WriteString("workingType"u8, "CONTRACT_PRICE");
        w.WriteBoolean("priceProtect"u8, false);
        w.WriteString("priceMatch"u8, "NONE");
        w.WriteString("selfTradePreventionMode"u8, "EXPIRE_MAKER");
        w.WriteNumber("goodTillDate"u8, 0);
        w.WriteEndObject();
    }

    /// <summary>Average fill price with two more digits than the tick, "0.00000"-style when nothing filled.</summary>
    public static string FormatAverage(SimulatedOrder order, InstrumentSpec spec) =>
        JsonFrame.Fixed(order.AveragePrice, Math.Max(5, spec.PricePrecision + 2));
}
