using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Items of the private <c>execution</c> topic (docs/v5/websocket/private/execution) and of Get Trade History's
/// list (docs/v5/order/execution, <c>stream: false</c>: no <c>category</c>, <c>isLeverage</c>, <c>marketUnit</c>,
/// <c>execPnl</c> or <c>extraFees</c>, which its table does not have): a trade, or a funding settlement (<c>execType</c>
/// "Funding": "Only USDT Perpetual has Funding feed"; its <c>orderType</c> reads "UNKNOWN" and its <c>execFee</c> is the
/// funding paid, negative when received). Caller holds the exchange's Gate.</summary>
public static class BybitExecutionJson
{
    /// <summary>A trade as it happens: the position before it and the mark from the account and market now.</summary>
    public static void WriteTrade(Utf8JsonWriter w, SimulatedExchange exchange, BybitIds ids, TradingAccount account, SimulatedOrder order, Fill fill)
    {
        var signed = order.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        WriteTrade(w, exchange, ids, order, fill, account.Positions[order.Symbol].Quantity - signed, exchange.MarkOf(order.Symbol), stream: true);
    }

    /// <summary>An execution the ledger kept, as the trade history lists it.</summary>
    public static void Write(Utf8JsonWriter w, SimulatedExchange exchange, BybitIds ids, BybitExecution execution)
    {
        if (execution.Settlement is { } settlement) WriteFunding(w, exchange, settlement, stream: false);
        else WriteTrade(w, exchange, ids, execution.Order!, execution.Fill!.Value, execution.PositionBefore, execution.MarkPrice, stream: false);
    }

    private static void WriteTrade(Utf8JsonWriter w, SimulatedExchange exchange, BybitIds ids, SimulatedOrder order, Fill fill, decimal before, decimal mark,
        bool stream)
    {
        var spec = exchange.Markets[order.Symbol].Spec;
        var signed = order.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        var closed = before != 0 && Math.Sign(before) != Math.Sign(signed) ? Math.Min(Math.Abs(before), fill.Quantity) : 0;
        w.WriteStartObject();
        if (stream) w.WriteString("category"u8, "linear");
        w.WriteString("symbol"u8, order.Symbol);
        w.WriteString("closedSize"u8, BybitWire.Quantity(closed, spec));
        w.WriteString("execFee"u8, BybitWire.Money(fill.Fee));
        w.WriteString("execId"u8, ids.Execution(fill.TradeId));
        w.WriteString("execPrice"u8, BybitWire.Price(fill.Price, spec));
        w.WriteString("execQty"u8, BybitWire.Quantity(fill.Quantity, spec));
        w.WriteString("execType"u8, "Trade");
        w.WriteString("execValue"u8, BybitWire.Money(fill.Price * fill.Quantity * spec.ContractSize));
        w.WriteString("feeRate"u8, BybitWire.Money(fill.Maker ? spec.MakerFeeRate : spec.TakerFeeRate));
        WriteEmptyOptionFields(w);
        w.WriteString("markPrice"u8, BybitWire.Price(mark, spec));
        w.WriteString("leavesQty"u8, BybitWire.Quantity(order.IsOpen ? order.RemainingQuantity : 0, spec));
        w.WriteString("orderId"u8, ids.Order(order.OrderId));
        w.WriteString("orderLinkId"u8, order.ClientOrderId);
        w.WriteString("orderPrice"u8, order.Kind == OrderKind.Limit ? BybitWire.Price(order.Price, spec) : "0");
        w.WriteString("orderQty"u8, BybitWire.Quantity(order.Quantity, spec));
        w.WriteString("orderType"u8, BybitWire.OrderType(order.Kind));
        w.WriteString("stopOrderType"u8, "UNKNOWN");
        w.WriteString("side"u8, BybitWire.Side(order.Side));
        w.WriteString("execTime"u8, BybitWire.Milliseconds(fill.Time));
        if (stream) w.WriteString("isLeverage"u8, "0");
        w.WriteBoolean("isMaker"u8, fill.Maker);
        w.WriteNumber("seq"u8, fill.TradeId);
        if (stream)
        {
            w.WriteString("marketUnit"u8, "");
            w.WriteString("execPnl"u8, BybitWire.Money(fill.RealizedPnl));
        }
        w.WriteString("createType"u8, "CreateByUser");
        if (stream) w.WriteString("extraFees"u8, "");
        w.WriteString("feeCurrency"u8, spec.QuoteAsset);
        w.WriteEndObject();
    }

    /// <summary>A settlement as the ledger filed it: its quantity, the mark it was applied at, the amount received.</summary>
    public static void WriteFunding(Utf8JsonWriter w, SimulatedExchange exchange, BybitTransaction settlement, bool stream = true)
    {
        var spec = exchange.Markets[settlement.Symbol].Spec;
        w.WriteStartObject();
        if (stream) w.WriteString("category"u8, "linear");
        w.WriteString("symbol"u8, settlement.Symbol);
        w.WriteString("closedSize"u8, "0");
        w.WriteString("execFee"u8, BybitWire.Money(-(settlement.Funding ?? 0)));
        w.WriteString("execId"u8, settlement.TradeId);
        w.WriteString("execPrice"u8, BybitWire.Price(settlement.TradePrice, spec));
        w.WriteString("execQty"u8, BybitWire.Quantity(settlement.Quantity, spec));
        w.WriteString("execType"u8, "Funding");
        w.WriteString("execValue"u8, BybitWire.Money(settlement.Quantity * settlement.TradePrice * spec.ContractSize));
        // The ledger signs the rate by side, as the transaction log does; the execution carries the market's rate.
        w.WriteString("feeRate"u8, BybitWire.Money(settlement.Size > 0 ? settlement.FeeRate : -settlement.FeeRate));
        WriteEmptyOptionFields(w);
        w.WriteString("markPrice"u8, BybitWire.Price(settlement.TradePrice, spec));
        w.WriteString("leavesQty"u8, "0");
        w.WriteString("orderId"u8, "");
        w.WriteString("orderLinkId"u8, "");
        w.WriteString("orderPrice"u8, "0");
        w.WriteString("orderQty"u8, "0");
        w.WriteString("orderType"u8, "UNKNOWN");
        w.WriteString("stopOrderType"u8, "UNKNOWN");
        w.WriteString("side"u8, settlement.Side);
        w.WriteString("execTime"u8, BybitWire.Milliseconds(settlement.Time));
        if (stream) w.WriteString("isLeverage"u8, "0");
        w.WriteBoolean("isMaker"u8, false);
        w.WriteNumber("seq"u8, JsonFrame.UnixMs(settlement.Time));
        if (stream)
        {
            w.WriteString("marketUnit"u8, "");
            w.WriteString("execPnl"u8, "0");
        }
        w.WriteString("createType"u8, "");
        if (stream) w.WriteString("extraFees"u8, "");
        w.WriteString("feeCurrency"u8, spec.QuoteAsset);
        w.WriteEndObject();
    }

    /// <summary>Option-only and block-trade fields, empty for a linear execution as in the docs' example.</summary>
    private static void WriteEmptyOptionFields(Utf8JsonWriter w)
    {
        w.WriteString("tradeIv"u8, "");
        w.WriteString("markIv"u8, "");
        w.WriteString("blockTradeId"u8, "");
        w.WriteString("indexPrice"u8, "");
        w.WriteString("underlyingPrice"u8, "");
    }
}
