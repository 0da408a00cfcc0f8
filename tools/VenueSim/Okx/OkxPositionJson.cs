using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Okx;

/// <summary>One net-mode cross position as GET /api/v5/account/positions and the "positions" channel show it
/// (#trading-account-rest-api-get-positions, #trading-account-websocket-positions-channel). Caller holds the Gate.</summary>
public static class OkxPositionJson
{
    public static void Write(Utf8JsonWriter w, SimulatedExchange exchange, TradingAccount account, string symbol, OkxPositionTally? tally,
        string positionId, DateTimeOffset now, bool push)
    {
        var market = exchange.Markets[symbol];
        var spec = market.Spec;
        var position = account.Position(symbol, exchange.LeverageOf(account, symbol));
        var mark = market.Point.Mark;
        var upl = exchange.UnrealizedPnl(account, symbol);
        var imr = exchange.PositionInitialMargin(account, symbol);
        var mmr = exchange.MaintenanceMargin(account, symbol);
        var totalMmr = exchange.TotalMaintenanceMargin(account);
        var equity = account.WalletBalance + exchange.TotalUnrealizedPnl(account);
        var liquidation = exchange.LiquidationPrice(account, symbol);
        w.WriteStartObject();
        w.WriteString("adl"u8, position.Quantity == 0 ? "0" : "1");
        w.WriteString("availPos"u8, "");
        w.WriteString("avgPx"u8, position.Quantity == 0 ? "" : OkxWire.Number(Math.Round(position.EntryPrice, 8)));
        foreach (var empty in (ReadOnlySpan<string>)["baseBal", "baseBorrowed", "baseInterest", "bePx", "bizRefId", "bizRefType"])
            w.WriteString(empty, "");
        w.WriteString("cTime"u8, OkxWire.Ms(tally?.CreatedAt ?? position.UpdatedAt));
        w.WriteString("ccy"u8, spec.QuoteAsset);
        w.WriteString("clSpotInUseAmt"u8, "");
        w.WriteStartArray("closeOrderAlgo"u8);
        w.WriteEndArray();
        w.WriteString("deltaBS"u8, "");
        w.WriteString("deltaPA"u8, "");
        w.WriteString("fee"u8, OkxWire.Number(Math.Round(tally?.Fee ?? 0, 8)));
        w.WriteString("fundingFee"u8, OkxWire.Number(Math.Round(tally?.FundingFee ?? 0, 8)));
        w.WriteString("gammaBS"u8, "");
        w.WriteString("gammaPA"u8, "");
        w.WriteString("hedgedPos"u8, "");
        w.WriteString("idxPx"u8, OkxWire.Price(market.Point.Index, spec));
        w.WriteString("imr"u8, OkxWire.Number(Math.Round(imr, 8)));
        w.WriteString("instId"u8, symbol);
        w.WriteString("instType"u8, OkxWire.InstrumentType);
        w.WriteString("interest"u8, "0");
        w.WriteString("last"u8, OkxWire.Price(mark, spec));
        w.WriteString("lever"u8, position.Leverage.ToString(CultureInfo.InvariantCulture));
        w.WriteString("liab"u8, "");
        w.WriteString("liabCcy"u8, "");
        w.WriteString("liqPenalty"u8, "0");
        w.WriteString("liqPx"u8, liquidation == 0 ? "" : OkxWire.Number(Math.Round(liquidation, 8)));
        w.WriteString("margin"u8, "");
        w.WriteString("markPx"u8, OkxWire.Price(mark, spec));
        w.WriteString("maxSpotInUseAmt"u8, "");
        w.WriteString("mgnMode"u8, "cross");
        w.WriteString("mgnRatio"u8, totalMmr == 0 ? "" : OkxWire.Number(Math.Round(equity / totalMmr, 8)));
        w.WriteString("mmr"u8, OkxWire.Number(Math.Round(mmr, 8)));
        w.WriteString("nonSettleAvgPx"u8, "");
        w.WriteString("notionalUsd"u8, OkxWire.Number(Math.Round(Math.Abs(position.Quantity) * spec.ContractSize * mark, 8)));
        w.WriteString("optVal"u8, "");
        if (push) w.WriteString("pTime"u8, OkxWire.Ms(now));
        w.WriteString("pendingCloseOrdLiabVal"u8, "");
        w.WriteString("pnl"u8, OkxWire.Number(Math.Round(tally?.Pnl ?? 0, 8)));
        w.WriteString("pos"u8, OkxWire.Number(position.Quantity));
        w.WriteString("posCcy"u8, "");
        w.WriteString("posId"u8, positionId);
        w.WriteString("posSide"u8, "net");
        w.WriteString("quoteBal"u8, "");
        w.WriteString("quoteBorrowed"u8, "");
        w.WriteString("quoteInterest"u8, "");
        w.WriteString("realizedPnl"u8, OkxWire.Number(Math.Round(tally?.RealizedPnl ?? 0, 8)));
        w.WriteString("settledPnl"u8, "");
        w.WriteString("spotInUseAmt"u8, "");
        w.WriteString("spotInUseCcy"u8, "");
        w.WriteString("thetaBS"u8, "");
        w.WriteString("thetaPA"u8, "");
        w.WriteString("tradeId"u8, tally?.LastTradeId ?? "");
        w.WriteString("uTime"u8, OkxWire.Ms(position.UpdatedAt));
        w.WriteString("upl"u8, OkxWire.Number(Math.Round(upl, 8)));
        w.WriteString("uplLastPx"u8, OkxWire.Number(Math.Round(upl, 8)));
        var ratio = imr == 0 ? 0 : Math.Round(upl / imr, 8);
        w.WriteString("uplRatio"u8, OkxWire.Number(ratio));
        w.WriteString("uplRatioLastPx"u8, OkxWire.Number(ratio));
        w.WriteString("usdPx"u8, "");
        w.WriteString("vegaBS"u8, "");
        w.WriteString("vegaPA"u8, "");
        w.WriteEndObject();
    }
}
