using System.Text.Json;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Okx;

/// <summary>Market-data objects shared by the REST answers and the public channels. Caller holds the Gate.</summary>
public static class OkxMarketJson
{
    /// <summary>Default next-cycle rate limits when the scenario sets none (the docs' BTC example, ±0.375 %).</summary>
    private const decimal DefaultRateLimit = 0.00375m;

    /// <summary>Book levels as [price, size in contracts, "0" (deprecated), number of orders]; a size of 0 (a removed
    /// level in an update) has 0 orders, every resting synthetic level counts as one order.</summary>
    public static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, IEnumerable<(decimal Price, decimal Size)> levels)
    {
        w.WriteStartArray(name);
        foreach (var (price, size) in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(OkxWire.Number(price));
            w.WriteStringValue(OkxWire.Number(size));
            w.WriteStringValue("0");
            w.WriteStringValue(size == 0 ? "0" : "1");
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>GET /public/funding-rate and the funding-rate channel: the rate in force (paid at fundingTime, the next
    /// settlement), the interval readable as nextFundingTime − fundingTime, the last settled rate.</summary>
    public static void WriteFundingRate(Utf8JsonWriter w, InstrumentMarket market, DateTimeOffset now)
    {
        var spec = market.Spec;
        var point = market.Point;
        var settled = market.FundingHistory.Count > 0 ? market.FundingHistory[^1].Rate : point.FundingRate;
        w.WriteStartObject();
        w.WriteString("formulaType"u8, "noRate");
        w.WriteString("fundingRate"u8, OkxWire.Rate(point.FundingRate));
        w.WriteString("fundingTime"u8, OkxWire.Ms(market.NextSettlement));
        w.WriteString("impactValue"u8, "");
        w.WriteString("instId"u8, spec.Symbol);
        w.WriteString("instType"u8, OkxWire.InstrumentType);
        w.WriteString("interestRate"u8, OkxWire.Rate(spec.InterestRate));
        w.WriteString("maxFundingRate"u8, OkxWire.Rate(spec.FundingRateCap ?? DefaultRateLimit));
        w.WriteString("method"u8, "current_period");
        w.WriteString("minFundingRate"u8, OkxWire.Rate(spec.FundingRateFloor ?? -DefaultRateLimit));
        w.WriteString("nextFundingRate"u8, "");
        w.WriteString("nextFundingTime"u8, OkxWire.Ms(market.NextSettlement + spec.FundingInterval));
        w.WriteString("premium"u8, OkxWire.Rate(point.Index == 0 ? 0 : (point.Mark - point.Index) / point.Index));
        w.WriteString("settFundingRate"u8, OkxWire.Rate(settled));
        w.WriteString("settState"u8, "settled");
        w.WriteString("ts"u8, OkxWire.Ms(now));
        w.WriteEndObject();
    }

    public static void WriteMarkPrice(Utf8JsonWriter w, InstrumentMarket market, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("instType"u8, OkxWire.InstrumentType);
        w.WriteString("instId"u8, market.Symbol);
        w.WriteString("markPx"u8, OkxWire.Price(market.Point.Mark, market.Spec));
        w.WriteString("ts"u8, OkxWire.Ms(now));
        w.WriteEndObject();
    }
}
