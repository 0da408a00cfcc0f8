using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Bybit;

/// <summary>A unified account as Bybit prints it: the list item of GET /v5/account/wallet-balance
/// (docs/v5/account/wallet-balance) and of the private <c>wallet</c> topic (docs/v5/websocket/private/wallet). The
/// account holds one coin (USDT), valued 1:1 in USD; cross margin, so account-wide figures equal the coin's. Caller
/// holds the exchange's Gate.</summary>
public static class BybitWalletJson
{
    public static void Write(Utf8JsonWriter w, SimulatedExchange exchange, BybitLedger ledger, TradingAccount account, bool includeCoin)
    {
        var unrealized = exchange.TotalUnrealizedPnl(account);
        var positionMargin = exchange.TotalPositionInitialMargin(account);
        var orderMargin = exchange.TotalOpenOrderInitialMargin(account);
        var maintenance = exchange.TotalMaintenanceMargin(account);
        var marginBalance = account.WalletBalance + unrealized;
        var initialRate = Ratio(positionMargin + orderMargin, marginBalance);
        var maintenanceRate = Ratio(maintenance, marginBalance);
        w.WriteStartObject();
        w.WriteString("accountType"u8, "UNIFIED");
        w.WriteString("accountLTV"u8, "0");
        w.WriteString("accountIMRate"u8, initialRate);
        w.WriteString("accountIMRateByMp"u8, initialRate);
        w.WriteString("accountMMRate"u8, maintenanceRate);
        w.WriteString("accountMMRateByMp"u8, maintenanceRate);
        w.WriteString("totalEquity"u8, BybitWire.Money(marginBalance));
        w.WriteString("totalWalletBalance"u8, BybitWire.Money(account.WalletBalance));
        w.WriteString("totalMarginBalance"u8, BybitWire.Money(marginBalance));
        w.WriteString("totalAvailableBalance"u8, BybitWire.Money(exchange.AvailableBalance(account)));
        w.WriteString("totalPerpUPL"u8, BybitWire.Money(unrealized));
        w.WriteString("totalInitialMargin"u8, BybitWire.Money(positionMargin + orderMargin));
        w.WriteString("totalInitialMarginByMp"u8, BybitWire.Money(positionMargin + orderMargin));
        w.WriteString("totalMaintenanceMargin"u8, BybitWire.Money(maintenance));
        w.WriteString("totalMaintenanceMarginByMp"u8, BybitWire.Money(maintenance));
        w.WriteStartArray("coin"u8);
        if (includeCoin)
        {
            w.WriteStartObject();
            w.WriteString("coin"u8, account.Asset);
            w.WriteString("equity"u8, BybitWire.Money(marginBalance));
            w.WriteString("usdValue"u8, BybitWire.Money(marginBalance));
            w.WriteString("walletBalance"u8, BybitWire.Money(account.WalletBalance));
            w.WriteString("free"u8, "");
            w.WriteString("locked"u8, "0");
            w.WriteString("spotHedgingQty"u8, "0");
            w.WriteString("borrowAmount"u8, "0");
            // Both deprecated for UNIFIED (always "" since 2025-01-09), as the docs say.
            w.WriteString("availableToBorrow"u8, "");
            w.WriteString("availableToWithdraw"u8, "");
            w.WriteString("accruedInterest"u8, "0");
            w.WriteString("totalOrderIM"u8, BybitWire.Money(orderMargin));
            w.WriteString("totalPositionIM"u8, BybitWire.Money(positionMargin));
            w.WriteString("totalPositionMM"u8, BybitWire.Money(maintenance));
            w.WriteString("unrealisedPnl"u8, BybitWire.Money(unrealized));
            w.WriteString("cumRealisedPnl"u8, BybitWire.Money(ledger.TotalRealized(account)));
            w.WriteString("bonus"u8, "0");
            w.WriteBoolean("marginCollateral"u8, true);
            w.WriteBoolean("collateralSwitch"u8, true);
            w.WriteString("spotBorrow"u8, "0");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Ratio(decimal part, decimal whole) => whole <= 0 ? "0" : BybitWire.Money(Math.Round(part / whole, 4));
}
