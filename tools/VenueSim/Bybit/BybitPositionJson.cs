using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Bybit;

/// <summary>A one-way, cross-margin position as Bybit prints it: the list item of GET /v5/position/list
/// (docs/v5/position/position) and, with <c>category</c> and <c>entryPrice</c> in place of <c>avgPrice</c>, the item of
/// the private <c>position</c> topic (docs/v5/websocket/private/position). Caller holds the exchange's Gate.</summary>
public static class BybitPositionJson
{
    /// <summary>One risk tier, as for a new account: the venue's tiered limits are not modelled.</summary>
    private const string RiskLimitValue = "2000000";

    public static void Write(Utf8JsonWriter w, SimulatedExchange exchange, BybitLedger ledger, TradingAccount account, string symbol, bool stream)
    {
        var spec = exchange.Markets[symbol].Spec;
        var position = account.Position(symbol, exchange.LeverageOf(account, symbol));
        var realized = ledger.Realized(account, symbol);
        var size = Math.Abs(position.Quantity);
        var initialMargin = BybitWire.Money(exchange.PositionInitialMargin(account, symbol));
        var maintenanceMargin = BybitWire.Money(exchange.MaintenanceMargin(account, symbol));
        var liquidation = exchange.LiquidationPrice(account, symbol);
        w.WriteStartObject();
        if (stream) w.WriteString("category"u8, "linear");
        w.WriteNumber("positionIdx"u8, 0);
        w.WriteNumber("riskId"u8, 1);
        w.WriteString("riskLimitValue"u8, RiskLimitValue);
        w.WriteString("symbol"u8, symbol);
        w.WriteString("side"u8, position.Quantity > 0 ? "Buy" : position.Quantity < 0 ? "Sell" : "");
        w.WriteString("size"u8, BybitWire.Quantity(size, spec));
        w.WriteString(stream ? "entryPrice"u8 : "avgPrice"u8, BybitWire.Money(position.EntryPrice));
        w.WriteString("positionValue"u8, BybitWire.Money(size * position.EntryPrice * spec.ContractSize));
        w.WriteNumber("tradeMode"u8, 0);
        w.WriteString("positionStatus"u8, "Normal");
        w.WriteNumber("autoAddMargin"u8, 0);
        w.WriteNumber("adlRankIndicator"u8, size == 0 ? 0 : 2);
        w.WriteString("leverage"u8, position.Leverage.ToString(CultureInfo.InvariantCulture));
        w.WriteString("breakEvenPrice"u8, BybitWire.Money(BreakEvenPrice(position.Quantity, position.EntryPrice, realized.Current, spec.TakerFeeRate)));
        w.WriteString("positionBalance"u8, initialMargin);
        w.WriteString("markPrice"u8, BybitWire.Price(exchange.MarkOf(symbol), spec));
        // "keeps "" when liqPrice <= minPrice": no liquidation price exists.
        w.WriteString("liqPrice"u8, liquidation <= spec.TickSize ? "" : BybitWire.Price(liquidation, spec));
        w.WriteString("bustPrice"u8, "");
        w.WriteString("positionIM"u8, initialMargin);
        w.WriteString("positionIMByMp"u8, initialMargin);
        w.WriteString("positionMM"u8, maintenanceMargin);
        w.WriteString("positionMMByMp"u8, maintenanceMargin);
        w.WriteString("tpslMode"u8, "Full");
        w.WriteString("takeProfit"u8, "0");
        w.WriteString("stopLoss"u8, "0");
        w.WriteString("trailingStop"u8, "0");
        w.WriteString("unrealisedPnl"u8, BybitWire.Money(exchange.UnrealizedPnl(account, symbol)));
        w.WriteString("curRealisedPnl"u8, BybitWire.Money(realized.Current));
        w.WriteString("cumRealisedPnl"u8, BybitWire.Money(realized.Cumulative));
        w.WriteString("sessionAvgPrice"u8, "");
        w.WriteNumber("seq"u8, realized.Sequence);
        w.WriteBoolean("isReduceOnly"u8, false);
        w.WriteString("mmrSysUpdatedTime"u8, "");
        // The REST page's example spells this field without the "d"; its table and the stream spell it with. Both are sent.
        if (!stream) w.WriteString("mmrSysUpdateTime"u8, "");
        w.WriteString("leverageSysUpdatedTime"u8, "");
        w.WriteString("createdTime"u8, BybitWire.Milliseconds(realized.CreatedAt == default ? DateTimeOffset.UnixEpoch : realized.CreatedAt));
        w.WriteString("updatedTime"u8, BybitWire.Milliseconds(position.UpdatedAt == default ? DateTimeOffset.UnixEpoch : position.UpdatedAt));
        w.WriteEndObject();
    }

    /// <summary>The docs' definition (position topic): (entry × qty − realized) / (qty − |qty| × max(taker fee, 0.00055)),
    /// qty signed, realized the current position's (fees and funding in it); 0 without a position.</summary>
    public static decimal BreakEvenPrice(decimal quantity, decimal entryPrice, decimal realized, decimal takerFeeRate)
    {
        if (quantity == 0) return 0;
        var denominator = quantity - Math.Abs(quantity) * Math.Max(takerFeeRate, 0.00055m);
        return denominator == 0 ? 0 : (entryPrice * quantity - realized) / denominator;
    }
}
