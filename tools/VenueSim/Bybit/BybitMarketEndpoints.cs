using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>The public REST market endpoints for <c>category=linear</c>, shaped as the docs' response examples
/// (docs/v5/market/*). Book and ticker answers come from what the public stream last published, so REST and stream
/// agree: the orderbook's <c>u</c> is the 1000-level topic's.</summary>
public sealed class BybitMarketEndpoints(SimulatedExchange exchange, BybitPublicHub hub, TimeProvider wallClock)
{
    /// <summary>Server time is the wall clock: it is what signed requests' timestamps are checked against.</summary>
    public BybitReply Time() => BybitReply.Ok(wallClock.GetUtcNow(), static (w, now) =>
    {
        var nanoseconds = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        w.WriteStartObject();
        w.WriteString("timeSecond"u8, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        w.WriteString("timeNano"u8, nanoseconds.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    });

    /// <summary>Trading perpetuals, by symbol; filters symbol, status (only Trading exists here) and baseCoin; cursor
    /// pagination with <c>limit</c> 1 to 1000, default 500.</summary>
    public BybitReply InstrumentsInfo(BybitRequest request)
    {
        if (request.CheckLinear() is { } category) return category;
        var symbol = request.Get("symbol");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BybitError.SymbolInvalid;
        if (request.TryGetLimit(500, 1000, out var limit) is { } limitError) return limitError;
        var status = request.Get("status") ?? "Trading";
        var baseCoin = request.Get("baseCoin");
        var specs = exchange.Markets.Values.Select(m => m.Spec)
            .Where(s => (symbol is null || s.Symbol == symbol) && (baseCoin is null || s.BaseAsset == baseCoin) && status == "Trading")
            .OrderBy(s => s.Symbol, StringComparer.Ordinal).ToList();
        if (BybitCursor.Page(specs, s => s.Symbol, request.Get("cursor"), limit) is not { } paged) return BybitError.Params("cursor invalid");
        return BybitReply.Ok(paged, static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("category"u8, "linear");
            w.WriteStartArray("list"u8);
            foreach (var spec in s.Page) WriteInstrument(w, spec);
            w.WriteEndArray();
            w.WriteString("nextPageCursor"u8, s.Next);
            w.WriteEndObject();
        });
    }

    private static void WriteInstrument(Utf8JsonWriter w, InstrumentSpec spec)
    {
        var cap = spec.FundingRateCap ?? BybitTickerTopic.DefaultFundingCap;
        w.WriteStartObject();
        w.WriteString("symbol"u8, spec.Symbol);
        w.WriteString("contractType"u8, "LinearPerpetual");
        w.WriteString("status"u8, "Trading");
        w.WriteString("baseCoin"u8, spec.BaseAsset);
        w.WriteString("quoteCoin"u8, spec.QuoteAsset);
        w.WriteString("launchTime"u8, "1585526400000");
        w.WriteString("deliveryTime"u8, "0");
        w.WriteString("deliveryFeeRate"u8, "");
        w.WriteString("priceScale"u8, spec.PricePrecision.ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("leverageFilter"u8);
        w.WriteString("minLeverage"u8, "1");
        w.WriteString("maxLeverage"u8, JsonFrame.Fixed(spec.MaxLeverage, 2));
        // Whole leverages only: set-leverage takes no fractions here.
        w.WriteString("leverageStep"u8, "1");
        w.WriteEndObject();
        w.WriteStartObject("priceFilter"u8);
        w.WriteString("minPrice"u8, BybitWire.Price(spec.TickSize, spec));
        w.WriteString("maxPrice"u8, BybitWire.Price(Math.Floor(1_999_999m / spec.TickSize) * spec.TickSize, spec));
        w.WriteString("tickSize"u8, BybitWire.Price(spec.TickSize, spec));
        w.WriteEndObject();
        w.WriteStartObject("lotSizeFilter"u8);
        w.WriteString("maxOrderQty"u8, BybitWire.Quantity(spec.MaxQty, spec));
        w.WriteString("minOrderQty"u8, BybitWire.Quantity(spec.MinQty, spec));
        w.WriteString("qtyStep"u8, BybitWire.Quantity(spec.StepSize, spec));
        w.WriteString("postOnlyMaxOrderQty"u8, BybitWire.Quantity(spec.MaxQty, spec));
        w.WriteString("maxMktOrderQty"u8, BybitWire.Quantity(spec.MaxQty, spec));
        w.WriteString("minNotionalValue"u8, JsonFrame.Plain(spec.MinNotional));
        w.WriteEndObject();
        w.WriteBoolean("unifiedMarginTrade"u8, true);
        w.WriteNumber("fundingInterval"u8, (int)spec.FundingInterval.TotalMinutes);
        w.WriteString("settleCoin"u8, spec.QuoteAsset);
        w.WriteString("copyTrading"u8, "both");
        w.WriteString("upperFundingRate"u8, JsonFrame.Plain(cap));
        w.WriteString("lowerFundingRate"u8, JsonFrame.Plain(spec.FundingRateFloor ?? -cap));
        w.WriteBoolean("isPreListing"u8, false);
        w.WriteNull("preListingInfo"u8);
        w.WriteStartObject("riskParameters"u8);
        w.WriteString("priceLimitRatioX"u8, JsonFrame.Plain(spec.PercentPriceUp - 1));
        w.WriteString("priceLimitRatioY"u8, JsonFrame.Plain(1 - spec.PercentPriceDown));
        w.WriteEndObject();
        w.WriteString("symbolType"u8, "");
        w.WriteString("displayName"u8, "");
        w.WriteBoolean("forbidUplWithdrawal"u8, false);
        w.WriteEndObject();
    }

    /// <summary>All symbols, or one (<c>symbol</c>), or those of a <c>baseCoin</c>: the stream's last ticker values plus
    /// the REST-only delivery and basis fields, empty for a perpetual.</summary>
    public BybitReply Tickers(BybitRequest request)
    {
        if (request.CheckLinear() is { } category) return category;
        var symbol = request.Get("symbol");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BybitError.SymbolInvalid;
        var baseCoin = request.Get("baseCoin");
        var tickers = exchange.Markets.Values
            .Where(m => (symbol is null || m.Symbol == symbol) && (baseCoin is null || m.Spec.BaseAsset == baseCoin))
            .OrderBy(m => m.Symbol, StringComparer.Ordinal)
            .Select(m => hub.Ticker(m.Symbol)).ToList();
        return BybitReply.Ok(tickers, static (w, list) =>
        {
            w.WriteStartObject();
            w.WriteString("category"u8, "linear");
            w.WriteStartArray("list"u8);
            foreach (var fields in list)
            {
                w.WriteStartObject();
                foreach (var (name, value) in fields) w.WriteString(name, value);
                w.WriteString("predictedDeliveryPrice"u8, "");
                w.WriteString("basisRate"u8, "");
                w.WriteString("deliveryFeeRate"u8, "");
                w.WriteString("deliveryTime"u8, "0");
                w.WriteString("basis"u8, "");
                w.WriteString("basisRateYear"u8, "");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>limit</c> 1 to 500 (default 25); more is served as 500, as live.</summary>
    public BybitReply Orderbook(BybitRequest request)
    {
        if (request.CheckLinear() is { } category) return category;
        if (request.Get("symbol") is not { } symbol || !exchange.Markets.TryGetValue(symbol, out var market)) return BybitError.SymbolInvalid;
        var limit = 25;
        if (request.Get("limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
            return BybitError.Params("limit invalid");
        var book = hub.Orderbook(symbol, Math.Min(limit, 500));
        return BybitReply.Ok((book, market.Spec), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("s"u8, s.Spec.Symbol);
            BybitBookTopic.WriteLevels(w, "a"u8, s.book.Asks, s.Spec);
            BybitBookTopic.WriteLevels(w, "b"u8, s.book.Bids, s.Spec);
            w.WriteNumber("ts"u8, JsonFrame.UnixMs(s.book.PublishedAt));
            w.WriteNumber("u"u8, s.book.UpdateId);
            w.WriteNumber("seq"u8, s.book.Sequence);
            w.WriteNumber("cts"u8, JsonFrame.UnixMs(s.book.MatchedAt));
            w.WriteEndObject();
        });
    }

    /// <summary>Settlements made so far, newest first, at most <c>limit</c> (1 to 200, default 200) up to <c>endTime</c>
    /// (default now) and from <c>startTime</c>; "Passing only startTime returns an error".</summary>
    public BybitReply FundingHistory(BybitRequest request)
    {
        if (request.CheckLinear() is { } category) return category;
        if (request.Get("symbol") is not { } symbol || !exchange.Markets.TryGetValue(symbol, out var market)) return BybitError.SymbolInvalid;
        if (request.TryGetLimit(200, 200, out var limit) is { } limitError) return limitError;
        var startText = request.Get("startTime");
        var endText = request.Get("endTime");
        if (startText is not null && endText is null) return BybitError.Params("endTime is required when startTime is passed");
        long start = long.MinValue, end = long.MaxValue;
        if (startText is not null && !BybitRequest.TryParseLong(startText, out start)) return BybitError.Params("startTime invalid");
        if (endText is not null && !BybitRequest.TryParseLong(endText, out end)) return BybitError.Params("endTime invalid");
        List<FundingRecord> records;
        lock (exchange.Gate)
            records = [.. market.FundingHistory.Where(r => JsonFrame.UnixMs(r.Time) >= start && JsonFrame.UnixMs(r.Time) <= end).Reverse().Take(limit)];
        return BybitReply.Ok(records, static (w, list) =>
        {
            w.WriteStartObject();
            w.WriteString("category"u8, "linear");
            w.WriteStartArray("list"u8);
            foreach (var record in list)
            {
                w.WriteStartObject();
                w.WriteString("symbol"u8, record.Symbol);
                w.WriteString("fundingRate"u8, BybitWire.Money(record.Rate));
                w.WriteString("fundingRateTimestamp"u8, BybitWire.Milliseconds(record.Time));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
