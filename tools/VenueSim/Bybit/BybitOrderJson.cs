using System.Text.Json;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Bybit;

/// <summary>An order as Bybit prints it: the list item of GET /v5/order/realtime (docs/v5/order/open-order) and, with
/// <c>category</c>, <c>closedPnl</c> and <c>feeCurrency</c> added, the item of the private <c>order</c> topic
/// (docs/v5/websocket/private/order). Conditional and TP/SL fields keep their empty values: the simulator does not model
/// those orders.</summary>
public static class BybitOrderJson
{
    public static void Write(Utf8JsonWriter w, SimulatedOrder order, InstrumentSpec spec, BybitIds ids, bool stream)
    {
        var fees = order.Fills.Sum(f => f.Fee);
        var leaves = order.IsOpen ? order.RemainingQuantity : 0;
        w.WriteStartObject();
        if (stream) w.WriteString("category"u8, "linear");
        w.WriteString("orderId"u8, ids.Order(order.OrderId));
        w.WriteString("orderLinkId"u8, order.ClientOrderId);
        w.WriteString("parentOrderLinkId"u8, "");
        w.WriteString("blockTradeId"u8, "");
        w.WriteString("symbol"u8, order.Symbol);
        w.WriteString("price"u8, order.Kind == OrderKind.Limit ? BybitWire.Price(order.Price, spec) : "0");
        w.WriteString("qty"u8, BybitWire.Quantity(order.Quantity, spec));
        w.WriteString("side"u8, BybitWire.Side(order.Side));
        w.WriteString("isLeverage"u8, "");
        w.WriteNumber("positionIdx"u8, 0);
        w.WriteString("orderStatus"u8, BybitWire.OrderStatus(order));
        w.WriteString("createType"u8, "CreateByUser");
        w.WriteString("cancelType"u8, BybitWire.CancelType(order));
        w.WriteString("rejectReason"u8, BybitWire.RejectReason(order));
        w.WriteString("avgPrice"u8, order.ExecutedQuantity == 0 ? "" : BybitWire.Money(order.AveragePrice));
        w.WriteString("leavesQty"u8, BybitWire.Quantity(leaves, spec));
        w.WriteString("leavesValue"u8, BybitWire.Money(leaves * order.Price * order.ContractSize));
        w.WriteString("cumExecQty"u8, BybitWire.Quantity(order.ExecutedQuantity, spec));
        w.WriteString("cumExecValue"u8, BybitWire.Money(order.CumulativeQuote));
        w.WriteString("cumExecFee"u8, BybitWire.Money(fees));
        if (stream)
        {
            w.WriteString("closedPnl"u8, BybitWire.Money(order.Fills.Sum(f => f.RealizedPnl)));
            w.WriteString("feeCurrency"u8, "");
        }
        // Market orders run as IOC on the venue ("Market order will always use IOC").
        w.WriteString("timeInForce"u8, order.Kind == OrderKind.Market ? "IOC" : BybitWire.TimeInForce(order.TimeInForce));
        w.WriteString("orderType"u8, BybitWire.OrderType(order.Kind));
        w.WriteString("stopOrderType"u8, "UNKNOWN");
        w.WriteString("orderIv"u8, "");
        w.WriteString("marketUnit"u8, "");
        w.WriteString("slippageToleranceType"u8, "UNKNOWN");
        w.WriteString("slippageTolerance"u8, "0");
        w.WriteString("triggerPrice"u8, BybitWire.Price(0, spec));
        w.WriteString("takeProfit"u8, BybitWire.Price(0, spec));
        w.WriteString("stopLoss"u8, BybitWire.Price(0, spec));
        w.WriteString("tpTriggerBy"u8, "UNKNOWN");
        w.WriteString("slTriggerBy"u8, "UNKNOWN");
        w.WriteNumber("triggerDirection"u8, 0);
        w.WriteString("triggerBy"u8, "UNKNOWN");
        w.WriteString("ocoTriggerBy"u8, "OcoTriggerByUnknown");
        w.WriteString("lastPriceOnCreated"u8, "");
        w.WriteBoolean("reduceOnly"u8, order.ReduceOnly);
        w.WriteBoolean("closeOnTrigger"u8, false);
        w.WriteString("placeType"u8, "");
        w.WriteString("smpType"u8, "None");
        w.WriteNumber("smpGroup"u8, 0);
        w.WriteString("smpOrderId"u8, "");
        w.WriteString("tpslMode"u8, "");
        w.WriteString("tpLimitPrice"u8, "");
        w.WriteString("slLimitPrice"u8, "");
        w.WriteString("createdTime"u8, BybitWire.Milliseconds(order.CreatedAt));
        w.WriteString("updatedTime"u8, BybitWire.Milliseconds(order.UpdatedAt));
        w.WriteStartObject("cumFeeDetail"u8);
        if (fees != 0) w.WriteString(spec.QuoteAsset, BybitWire.Money(fees));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
