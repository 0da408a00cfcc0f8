using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Okx;

/// <summary>One order as GET /api/v5/trade/order, /orders-pending and the "orders" channel show it
/// (#order-book-trading-trade-get-order-details, #order-book-trading-trade-ws-order-channel). The fill fields describe
/// <paramref name="fill"/> in a push (the fill being reported), or the order's last fill in a REST answer; mark and
/// index come from <paramref name="market"/> as it stands, at the tick as the venue prints them.</summary>
public static class OkxOrderJson
{
    public static void Write(Utf8JsonWriter w, SimulatedOrder order, Fill? fill, int leverage, InstrumentMarket market, bool push)
    {
        var mark = OkxWire.PriceOf(market.Point.Mark, market.Spec);
        var index = OkxWire.PriceOf(market.Point.Index, market.Spec);
        var last = fill ?? (push || order.Fills.Count == 0 ? null : order.Fills[^1]);
        var (cancelSource, cancelReason) = OkxWire.CancelSource(order);
        var fee = -order.Fills.Sum(f => f.Fee);
        var notional = order.Quantity * order.ContractSize * (order.Kind == OrderKind.Limit ? order.Price : mark);
        w.WriteStartObject();
        w.WriteString("accFillSz"u8, OkxWire.Number(order.ExecutedQuantity));
        w.WriteString("algoClOrdId"u8, "");
        w.WriteString("algoId"u8, "");
        w.WriteString("amendResult"u8, "");
        w.WriteString("amendSource"u8, "");
        w.WriteString("attachAlgoClOrdId"u8, "");
        w.WriteStartArray("attachAlgoOrds"u8);
        w.WriteEndArray();
        // "If none is filled": REST answers "", the order channel "0".
        w.WriteString("avgPx"u8, order.ExecutedQuantity == 0 ? push ? "0" : "" : OkxWire.Number(Math.Round(order.AveragePrice, 8)));
        w.WriteString("cTime"u8, OkxWire.Ms(order.CreatedAt));
        w.WriteString("cancelSource"u8, cancelSource);
        w.WriteString("cancelSourceReason"u8, cancelReason);
        w.WriteString("category"u8, "normal");
        w.WriteString("ccy"u8, "");
        w.WriteString("clOrdId"u8, OkxTradingEndpoints.ShownClientOrderId(order.ClientOrderId));
        w.WriteString("code"u8, "0");
        w.WriteString("execType"u8, fill is { } e ? e.Maker ? "M" : "T" : "");
        w.WriteString("fee"u8, OkxWire.Number(fee));
        w.WriteString("feeCcy"u8, "USDT");
        w.WriteString("fillFee"u8, fill is { } charged ? OkxWire.Number(-charged.Fee) : "0");
        w.WriteString("fillFeeCcy"u8, fill is null ? "" : "USDT");
        w.WriteString("fillFwdPx"u8, "");
        w.WriteString("fillIdxPx"u8, fill is null ? "" : OkxWire.Number(index));
        w.WriteString("fillMarkPx"u8, fill is null ? "" : OkxWire.Number(mark));
        w.WriteString("fillMarkVol"u8, "");
        w.WriteString("fillNotionalUsd"u8, fill is { } n ? OkxWire.Number(n.Price * n.Quantity * order.ContractSize) : "");
        w.WriteString("fillPnl"u8, fill is { } p ? OkxWire.Number(Math.Round(p.RealizedPnl, 8)) : "0");
        w.WriteString("fillPx"u8, last is { } lp ? OkxWire.Number(lp.Price) : "");
        w.WriteString("fillPxUsd"u8, "");
        w.WriteString("fillPxVol"u8, "");
        w.WriteString("fillSz"u8, last is { } ls ? OkxWire.Number(ls.Quantity) : "0");
        w.WriteString("fillTime"u8, last is { } lt ? OkxWire.Ms(lt.Time) : "");
        w.WriteString("instId"u8, order.Symbol);
        w.WriteString("instType"u8, OkxWire.InstrumentType);
        w.WriteString("isTpLimit"u8, "false");
        w.WriteString("lastPx"u8, OkxWire.Number(last?.Price ?? mark));
        w.WriteString("lever"u8, leverage.ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("linkedAlgoOrd"u8);
        w.WriteString("algoId"u8, "");
        w.WriteEndObject();
        w.WriteString("msg"u8, "");
        w.WriteString("notionalUsd"u8, OkxWire.Number(Math.Round(notional, 8)));
        w.WriteString("ordId"u8, order.OrderId.ToString(CultureInfo.InvariantCulture));
        w.WriteString("ordType"u8, OkxWire.OrderType(order));
        w.WriteString("pnl"u8, OkxWire.Number(Math.Round(order.Fills.Sum(f => f.RealizedPnl), 8)));
        w.WriteString("posSide"u8, "net");
        w.WriteString("px"u8, order.Kind == OrderKind.Market ? "" : OkxWire.Number(order.Price));
        w.WriteString("pxType"u8, "");
        w.WriteString("pxUsd"u8, "");
        w.WriteString("pxVol"u8, "");
        w.WriteString("quickMgnType"u8, "");
        w.WriteString("rebate"u8, "0");
        w.WriteString("rebateCcy"u8, "USDT");
        w.WriteString("reduceOnly"u8, order.ReduceOnly ? "true" : "false");
        w.WriteString("reqId"u8, "");
        w.WriteString("side"u8, OkxWire.Side(order.Side));
        w.WriteString("slOrdPx"u8, "");
        w.WriteString("slTriggerPx"u8, "");
        w.WriteString("slTriggerPxType"u8, "");
        w.WriteString("source"u8, "");
        w.WriteString("state"u8, OkxWire.State(order.Status));
        w.WriteString("stpId"u8, "");
        w.WriteString("stpMode"u8, "cancel_maker");
        w.WriteString("sz"u8, OkxWire.Number(order.Quantity));
        w.WriteString("tag"u8, "");
        w.WriteString("tdMode"u8, "cross");
        w.WriteString("tgtCcy"u8, "");
        w.WriteString("tpOrdPx"u8, "");
        w.WriteString("tpTriggerPx"u8, "");
        w.WriteString("tpTriggerPxType"u8, "");
        w.WriteString("tradeId"u8, last is { } lid ? lid.TradeId.ToString(CultureInfo.InvariantCulture) : "");
        w.WriteString("tradeQuoteCcy"u8, "");
        w.WriteString("uTime"u8, OkxWire.Ms(order.UpdatedAt));
        w.WriteEndObject();
    }
}
