using System.Text.Json;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Binance;

/// <summary>The public REST market-data endpoints, shaped as the docs' response examples
/// (derivatives/usds-margined-futures/market-data/rest-api/*).</summary>
public sealed class BinanceMarketEndpoints(SimulatedExchange exchange, TimeProvider wallClock)
{
    private static readonly int[] DepthLimits = [5, 10, 20, 50, 100, 500, 1000];

    public static BinanceReply Ping() => BinanceReply.Ok("{}");

    /// <summary>Server time is the wall clock: it is what signed requests' timestamps are checked against.</summary>
    public BinanceReply Time() => BinanceReply.Ok(wallClock.GetUtcNow(), static (w, now) =>
    {
        w.WriteStartObject();
        w.WriteNumber("serverTime"u8, JsonFrame.UnixMs(now));
        w.WriteEndObject();
    });

    public BinanceReply ExchangeInfo()
    {
        lock (exchange.Gate)
            return BinanceReply.Ok((exchange, now: wallClock.GetUtcNow()), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("timezone"u8, "UTC");
                w.WriteNumber("serverTime"u8, JsonFrame.UnixMs(s.now));
                w.WriteString("futuresType"u8, "U_MARGINED");
                w.WriteStartArray("rateLimits"u8);
                RateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, 2400);
                RateLimit(w, "ORDERS", "MINUTE", 1, 1200);
                RateLimit(w, "ORDERS", "SECOND", 10, 300);
                w.WriteEndArray();
                w.WriteStartArray("exchangeFilters"u8);
                w.WriteEndArray();
                w.WriteStartArray("assets"u8);
                foreach (var asset in s.exchange.Markets.Values.Select(m => m.Spec.QuoteAsset).Distinct())
                {
                    w.WriteStartObject();
                    w.WriteString("asset"u8, asset);
                    w.WriteBoolean("marginAvailable"u8, true);
                    w.WriteNumber("autoAssetExchange"u8, 0);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("symbols"u8);
                foreach (var market in s.exchange.Markets.Values) WriteSymbol(w, market.Spec);
                w.WriteEndArray();
                w.WriteEndObject();
            });
    }

    private static void RateLimit(Utf8JsonWriter w, string type, string interval, int number, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType"u8, type);
        w.WriteString("interval"u8, interval);
        w.WriteNumber("intervalNum"u8, number);
        w.WriteNumber("limit"u8, limit);
        w.WriteEndObject();
    }

    private static void WriteSymbol(Utf8JsonWriter w, InstrumentSpec spec)
    {
        w.WriteStartObject();
        w.WriteString("symbol"u8, spec.Symbol);
        w.WriteString("pair"u8, spec.Symbol);
        w.WriteString("contractType"u8, "PERPETUAL");
        w.WriteNumber("deliveryDate"u8, 4133404800000);
        w.WriteNumber("onboardDate"u8, 1569398400000);
        w.WriteString("status"u8, "TRADING");
        w.WriteString("maintMarginPercent"u8, JsonFrame.Fixed(spec.MaintenanceMarginRate * 100, 4));
        w.WriteString("requiredMarginPercent"u8, JsonFrame.Fixed(100m / spec.MaxLeverage, 4));
        w.WriteString("baseAsset"u8, spec.BaseAsset);
        w.WriteString("quoteAsset"u8, spec.QuoteAsset);
        w.WriteString("marginAsset"u8, spec.QuoteAsset);
        w.WriteNumber("pricePrecision"u8, spec.PricePrecision);
        w.WriteNumber("quantityPrecision"u8, spec.QuantityPrecision);
        w.WriteNumber("baseAssetPrecision"u8, 8);
        w.WriteNumber("quotePrecision"u8, 8);
        w.WriteString("underlyingType"u8, "COIN");
        w.WriteStartArray("underlyingSubType"u8);
        w.WriteEndArray();
        w.WriteNumber("settlePlan"u8, 0);
        w.WriteString("triggerProtect"u8, "0.0500");
        w.WriteString("liquidationFee"u8, "0.012500");
        w.WriteString("marketTakeBound"u8, "0.05");
        w.WriteNumber("maxMoveOrderLimit"u8, 10000);
        w.WriteStartArray("filters"u8);
        w.WriteStartObject();
        w.WriteString("filterType"u8, "PRICE_FILTER");
        w.WriteString("maxPrice"u8, "4529764");
        w.WriteString("minPrice"u8, JsonFrame.Plain(spec.TickSize));
        w.WriteString("tickSize"u8, JsonFrame.Plain(spec.TickSize));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType"u8, "LOT_SIZE");
        w.WriteString("maxQty"u8, JsonFrame.Plain(spec.MaxQty));
        w.WriteString("minQty"u8, JsonFrame.Plain(spec.MinQty));
        w.WriteString("stepSize"u8, JsonFrame.Plain(spec.StepSize));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType"u8, "MARKET_LOT_SIZE");
        w.WriteString("maxQty"u8, JsonFrame.Plain(spec.MaxQty));
        w.WriteString("minQty"u8, JsonFrame.Plain(spec.MinQty));
        w.WriteString("stepSize"u8, JsonFrame.Plain(spec.StepSize));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType"u8, "MAX_NUM_ORDERS");
        w.WriteNumber("limit"u8, 200);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType"u8, "MAX_NUM_ALGO_ORDERS");
        w.WriteNumber("limit"u8, 10);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType"u8, "MIN_NOTIONAL");
        w.WriteString("notional"u8, JsonFrame.Plain(spec.MinNotional));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType"u8, "PERCENT_PRICE");
        w.WriteString("multiplierUp"u8, JsonFrame.Fixed(spec.PercentPriceUp, 4));
        w.WriteString("multiplierDown"u8, JsonFrame.Fixed(spec.PercentPriceDown, 4));
        w.WriteString("multiplierDecimal"u8, "4");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("orderTypes"u8);
        w.WriteStringValue("LIMIT");
        w.WriteStringValue("MARKET");
        w.WriteEndArray();
        w.WriteStartArray("timeInForce"u8);
        foreach (var tif in (ReadOnlySpan<string>)["GTC", "IOC", "FOK", "GTX", "GTD"]) w.WriteStringValue(tif);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public BinanceReply Depth(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (symbol is null) return BinanceError.MandatoryParameter("symbol");
        var limit = 500;
        if (request.Get("limit") is { } text && (!int.TryParse(text, out limit) || !DepthLimits.Contains(limit)))
            return BinanceError.InvalidDepthLimit;
        lock (exchange.Gate)
        {
            if (!exchange.Markets.TryGetValue(symbol, out var market)) return BinanceError.InvalidSymbol;
            return BinanceReply.Ok((market, limit, now: exchange.Now), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteNumber("lastUpdateId"u8, s.market.Book.UpdateId);
                w.WriteNumber("E"u8, JsonFrame.UnixMs(s.now));
                w.WriteNumber("T"u8, JsonFrame.UnixMs(s.market.Book.LastChange));
                BinanceMarketJson.WriteLevels(w, "bids"u8, s.market.Book.Top(BookSide.Bid, s.limit), s.market.Spec);
                BinanceMarketJson.WriteLevels(w, "asks"u8, s.market.Book.Top(BookSide.Ask, s.limit), s.market.Spec);
                w.WriteEndObject();
            });
        }
    }

    /// <summary>Mark price and funding: an object with symbol, an array of all symbols without.</summary>
    public BinanceReply PremiumIndex(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        lock (exchange.Gate)
        {
            if (symbol is not null)
            {
                if (!exchange.Markets.TryGetValue(symbol, out var market)) return BinanceError.InvalidSymbol;
                return BinanceReply.Ok((market, now: exchange.Now), static (w, s) => WritePremium(w, s.market, s.now));
            }
            return BinanceReply.Ok((exchange, now: exchange.Now), static (w, s) =>
            {
                w.WriteStartArray();
                foreach (var market in s.exchange.Markets.Values) WritePremium(w, market, s.now);
                w.WriteEndArray();
            });
        }
    }

    private static void WritePremium(Utf8JsonWriter w, InstrumentMarket market, DateTimeOffset now)
    {
        var point = market.Point;
        w.WriteStartObject();
        w.WriteString("symbol"u8, market.Symbol);
        w.WriteString("markPrice"u8, JsonFrame.Fixed(point.Mark, 8));
        w.WriteString("indexPrice"u8, JsonFrame.Fixed(point.Index, 8));
        w.WriteString("estimatedSettlePrice"u8, JsonFrame.Fixed(point.Index, 8));
        w.WriteString("lastFundingRate"u8, JsonFrame.Fixed(point.FundingRate, 8));
        w.WriteString("interestRate"u8, JsonFrame.Fixed(market.Spec.InterestRate, 8));
        w.WriteNumber("nextFundingTime"u8, JsonFrame.UnixMs(market.NextSettlement));
        w.WriteNumber("time"u8, JsonFrame.UnixMs(now));
        w.WriteEndObject();
    }

    /// <summary>Only symbols whose funding was adjusted are listed, as live: here those with an interval other than
    /// 8 h or an explicit cap/floor in the scenario. A client must treat a missing symbol as the 8 h default.</summary>
    public BinanceReply FundingInfo()
    {
        lock (exchange.Gate)
            return BinanceReply.Ok(exchange, static (w, ex) =>
            {
                w.WriteStartArray();
                foreach (var market in ex.Markets.Values)
                {
                    var spec = market.Spec;
                    if (spec.FundingInterval == TimeSpan.FromHours(8) && spec.FundingRateCap is null && spec.FundingRateFloor is null) continue;
                    w.WriteStartObject();
                    w.WriteString("symbol"u8, spec.Symbol);
                    w.WriteString("adjustedFundingRateCap"u8, JsonFrame.Fixed(spec.FundingRateCap ?? 0.02m, 8));
                    w.WriteString("adjustedFundingRateFloor"u8, JsonFrame.Fixed(spec.FundingRateFloor ?? -0.02m, 8));
                    w.WriteNumber("fundingIntervalHours"u8, (int)spec.FundingInterval.TotalHours);
                    w.WriteBoolean("disclaimer"u8, false);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
    }

    /// <summary>Settlements made so far, oldest first: startTime/endTime inclusive, default limit 100, max 1000; with
    /// neither time the most recent ones.</summary>
    public BinanceReply FundingRate(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (request.TryGetHistoryPage(out var limit, out var start, out var end) is { } pageError) return pageError;
        lock (exchange.Gate)
        {
            IEnumerable<FundingRecord> records;
            if (symbol is not null)
            {
                if (!exchange.Markets.TryGetValue(symbol, out var market)) return BinanceError.InvalidSymbol;
                records = market.FundingHistory;
            }
            else records = exchange.Markets.Values.SelectMany(m => m.FundingHistory).OrderBy(r => r.Time);
            var selected = records.Where(r => (start is null || JsonFrame.UnixMs(r.Time) >= start) && (end is null || JsonFrame.UnixMs(r.Time) <= end)).ToList();
            selected = start is null && end is null ? selected.TakeLast(limit).ToList() : selected.Take(limit).ToList();
            return BinanceReply.Ok((selected, exchange), static (w, s) =>
            {
                w.WriteStartArray();
                foreach (var r in s.selected)
                {
                    w.WriteStartObject();
                    w.WriteString("symbol"u8, r.Symbol);
                    w.WriteString("fundingRate"u8, JsonFrame.Fixed(r.Rate, 8));
                    w.WriteNumber("fundingTime"u8, JsonFrame.UnixMs(r.Time));
                    w.WriteString("markPrice"u8, JsonFrame.Fixed(r.MarkPrice, 8));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }
    }
}
