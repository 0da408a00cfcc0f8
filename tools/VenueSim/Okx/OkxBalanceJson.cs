using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Okx;

/// <summary>The account as GET /api/v5/account/balance and the "account" channel show it
/// (#trading-account-rest-api-get-balance): a Futures-mode (acctLv 2) account whose only asset is USDT, 1 USDT = 1 USD.
/// Caller holds the Gate.</summary>
public static class OkxBalanceJson
{
    public static void Write(Utf8JsonWriter w, SimulatedExchange exchange, TradingAccount account)
    {
        var upl = exchange.TotalUnrealizedPnl(account);
        var equity = account.WalletBalance + upl;
        var positionMargin = exchange.TotalPositionInitialMargin(account);
        var orderMargin = exchange.TotalOpenOrderInitialMargin(account);
        var mmr = exchange.TotalMaintenanceMargin(account);
        var available = exchange.AvailableBalance(account);
        var notional = account.Positions.Sum(p => Math.Abs(p.Value.Quantity) * exchange.Markets[p.Key].Spec.ContractSize * exchange.MarkOf(p.Key));
        string N(decimal value) => OkxWire.Number(Math.Round(value, 8));
        w.WriteStartObject();
        w.WriteString("adjEq"u8, "");
        w.WriteString("availEq"u8, "");
        w.WriteString("borrowFroz"u8, "");
        w.WriteString("delta"u8, "");
        w.WriteString("deltaLever"u8, "");
        w.WriteString("deltaNeutralStatus"u8, "0");
        w.WriteStartArray("details"u8);
        w.WriteStartObject();
        w.WriteString("autoLendStatus"u8, "off");
        w.WriteString("autoLendMtAmt"u8, "0");
        w.WriteString("availBal"u8, N(available));
        w.WriteString("availEq"u8, N(available));
        w.WriteString("borrowFroz"u8, "");
        w.WriteString("cashBal"u8, N(account.WalletBalance));
        w.WriteString("ccy"u8, account.Asset);
        w.WriteString("crossLiab"u8, "");
        w.WriteString("colRes"u8, "0");
        w.WriteBoolean("collateralEnabled"u8, false);
        w.WriteBoolean("collateralRestrict"u8, false);
        w.WriteString("colBorrAutoConversion"u8, "0");
        w.WriteString("disEq"u8, N(equity));
        w.WriteString("eq"u8, N(equity));
        w.WriteString("eqUsd"u8, N(equity));
        w.WriteString("smtSyncEq"u8, "0");
        w.WriteString("spotCopyTradingEq"u8, "0");
        w.WriteString("fixedBal"u8, "0");
        w.WriteString("frozenBal"u8, N(positionMargin + orderMargin));
        w.WriteString("frpType"u8, "0");
        w.WriteString("imr"u8, N(positionMargin));
        w.WriteString("interest"u8, "");
        w.WriteString("isoEq"u8, "0");
        w.WriteString("isoLiab"u8, "");
        w.WriteString("isoUpl"u8, "0");
        w.WriteString("liab"u8, "");
        w.WriteString("maxLoan"u8, "");
        w.WriteString("mgnRatio"u8, mmr == 0 ? "" : N(equity / mmr));
        w.WriteString("mmr"u8, N(mmr));
        w.WriteString("notionalLever"u8, equity == 0 ? "" : N(notional / equity));
        w.WriteString("ordFrozen"u8, N(orderMargin));
        w.WriteString("rewardBal"u8, "0");
        w.WriteString("spotInUseAmt"u8, "");
        w.WriteString("clSpotInUseAmt"u8, "");
        w.WriteString("maxSpotInUse"u8, "");
        w.WriteString("spotIsoBal"u8, "0");
        w.WriteString("stgyEq"u8, "0");
        w.WriteString("twap"u8, "0");
        w.WriteString("uTime"u8, OkxWire.Ms(account.UpdatedAt));
        w.WriteString("upl"u8, N(upl));
        w.WriteString("uplLiab"u8, "");
        foreach (var empty in (ReadOnlySpan<string>)["spotBal", "openAvgPx", "accAvgPx", "spotUpl", "spotUplRatio", "totalPnl", "totalPnlRatio"])
            w.WriteString(empty, "");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("imr"u8, N(positionMargin + orderMargin));
        w.WriteString("isoEq"u8, "0");
        w.WriteString("mgnRatio"u8, mmr == 0 ? "" : N(equity / mmr));
        w.WriteString("mmr"u8, N(mmr));
        w.WriteString("notionalUsd"u8, N(notional));
        w.WriteString("notionalUsdForBorrow"u8, "0");
        w.WriteString("notionalUsdForFutures"u8, "0");
        w.WriteString("notionalUsdForOption"u8, "0");
        w.WriteString("notionalUsdForSwap"u8, N(notional));
        w.WriteString("ordFroz"u8, N(orderMargin));
        w.WriteString("totalEq"u8, N(equity));
        w.WriteString("uTime"u8, OkxWire.Ms(account.UpdatedAt));
        w.WriteString("upl"u8, N(upl));
        w.WriteEndObject();
    }
}
