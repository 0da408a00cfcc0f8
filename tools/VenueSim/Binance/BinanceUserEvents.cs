using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Binance;

/// <summary>User-data stream payloads (user-data-streams/Event-Order-Update and Event-Balance-and-Position-Update).</summary>
public static class BinanceUserEvents
{
    public static void WriteOrderTradeUpdate(Utf8JsonWriter w, SimulatedOrder order, Fill? fill, InstrumentSpec spec, DateTimeOffset now)
    {
        var execution = fill is not null ? "TRADE"
            : order.Status switch { OrderStatus.Canceled => "CANCELED", OrderStatus.Expired => "EXPIRED", _ => "NEW" };
        var qtyDigits = spec.QuantityPrecision;
        w.WriteStartObject();
        w.WriteString("e"u8, "ORDER_TRADE_UPDATE");
        w.WriteNumber("E"u8, JsonFrame.UnixMs(now));
        w.WriteNumber("T"u8, JsonFrame.UnixMs(now));
        w.WriteStartObject("o"u8);
        w.WriteString("s"u8, order.Symbol);
        w.WriteString("c"u8, order.ClientOrderId);
        w.WriteString("S"u8, BinanceWire.Side(order.Side));
        w.WriteString("o"u8, BinanceWire.Type(order.Kind));
        w.WriteString("f"u8, BinanceWire.TimeInForce(order.TimeInForce));
        w.WriteString("q"u8, JsonFrame.Fixed(order.Quantity, qtyDigits));
        w.WriteString("p"u8, order.Kind == OrderKind.Market ? "0" : JsonFrame.Fixed(order.Price, spec.PricePrecision));
        w.WriteString("ap"u8, BinanceOrderJson.FormatAverage(order, spec));
        w.WriteString("sp"u8, "0");
        w.WriteString("x"u8, execution);
        w.WriteString("X"u8, BinanceWire.Status(order.Status));
        w.WriteNumber("i"u8, order.OrderId);
        w.WriteString("l"u8, JsonFrame.Fixed(fill?.Quantity ?? 0, qtyDigits));
        w.WriteString("z"u8, JsonFrame.Fixed(order.ExecutedQuantity, qtyDigits));
        w.WriteString("L"u8, fill is { } f ? JsonFrame.Fixed(f.Price, spec.PricePrecision) : "0");
        if (fill is { } charged)
        {
            // "N"/"n" are pushed only when there is a commission.
            w.WriteString("N"u8, spec.QuoteAsset);
            w.WriteString("n"u8, JsonFrame.Fixed(charged.Fee, 8));
        }
        w.WriteNumber("T"u8, JsonFrame.UnixMs(now));
        w.WriteNumber("t"u8, fill?.TradeId ?? 0);
        w.WriteString("b"u8, "0");
        w.WriteString("a"u8, "0");
        w.WriteBoolean("m"u8, fill?.Maker ?? false);
        w.WriteBoolean("R"u8, order.ReduceOnly);
        w.WriteString("wt"u8, "CONTRACT_PRICE");
        w.WriteString("ot"u8, BinanceWire.Type(order.Kind));
        w.WriteString("ps"u8, "BOTH");
        w.WriteBoolean("cp"u8, false);
        w.WriteString("rp"u8, JsonFrame.Fixed(fill?.RealizedPnl ?? 0, 8));
        w.WriteBoolean("pP"u8, false);
        w.WriteNumber("si"u8, 0);
        w.WriteNumber("ss"u8, 0);
        w.WriteString("V"u8, "EXPIRE_MAKER");
        w.WriteString("pm"u8, "NONE");
        w.WriteNumber("gtd"u8, 0);
        // Expire reason: 9 = a market order the book could not fill completely; 0 otherwise.
        w.WriteString("er"u8, order.Status == OrderStatus.Expired && order.Kind == OrderKind.Market ? "9" : "0");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>ACCOUNT_UPDATE: reason ORDER carries the wallet and the changed positions; FUNDING_FEE on a cross
    /// position carries the balance only, with "P" empty, as the docs describe.</summary>
    public static void WriteAccountUpdate(Utf8JsonWriter w, TradingAccount account, BalanceChange cause, decimal walletChange,
        IReadOnlyCollection<string> symbols, SimulatedExchange exchange, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("e"u8, "ACCOUNT_UPDATE");
        w.WriteNumber("E"u8, JsonFrame.UnixMs(now));
        w.WriteNumber("T"u8, JsonFrame.UnixMs(now));
        w.WriteStartObject("a"u8);
        w.WriteString("m"u8, cause == BalanceChange.FundingFee ? "FUNDING_FEE" : "ORDER");
        w.WriteStartArray("B"u8);
        w.WriteStartObject();
        w.WriteString("a"u8, account.Asset);
        w.WriteString("wb"u8, JsonFrame.Fixed(account.WalletBalance, 8));
        w.WriteString("cw"u8, JsonFrame.Fixed(account.WalletBalance, 8));
        w.WriteString("bc"u8, JsonFrame.Fixed(walletChange, 8));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("P"u8);
        foreach (var symbol in symbols)
        {
            var spec = exchange.Markets[symbol].Spec;
            var position = account.Positions[symbol];
            w.WriteStartObject();
            w.WriteString("s"u8, symbol);
            w.WriteString("pa"u8, JsonFrame.Fixed(position.Quantity, spec.QuantityPrecision));
            w.WriteString("ep"u8, JsonFrame.Fixed(position.EntryPrice, Math.Max(5, spec.PricePrecision + 2)));
            w.WriteString("bep"u8, JsonFrame.Fixed(BinanceTradingEndpoints.BreakEvenPrice(position, spec), Math.Max(5, spec.PricePrecision + 2)));
            w.WriteString("cr"u8, JsonFrame.Fixed(position.AccumulatedRealized, 8));
            w.WriteString("up"u8, JsonFrame.Fixed(exchange.UnrealizedPnl(account, symbol), 8));
            w.WriteString("mt"u8, "cross");
            w.WriteString("iw"u8, "0");
            w.WriteString("ps"u8, "BOTH");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
