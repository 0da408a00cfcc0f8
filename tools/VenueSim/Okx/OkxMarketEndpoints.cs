using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Okx;

/// <summary>The public REST endpoints, shaped as the docs' response examples (#public-data-rest-api-*,
/// #order-book-trading-market-data-get-order-book). Market times are the market clock's; /public/time is the wall clock,
/// which signatures are checked against.</summary>
public sealed class OkxMarketEndpoints(SimulatedExchange exchange, OkxInstrumentCodes codes, OkxIndexTickers indexes, TimeProvider wallClock)
{
    private const int MaxBookDepth = 400;

    public OkxReply Time() => OkxReply.Ok(wallClock.GetUtcNow(), static (w, now) =>
    {
        w.WriteStartObject();
        w.WriteString("ts"u8, OkxWire.Ms(now));
        w.WriteEndObject();
    });

    /// <summary>instType is required; only SWAP instruments exist here, so another type lists nothing.</summary>
    public OkxReply Instruments(OkxRequest request)
    {
        if (request.Get("instType") is not { } type) return OkxError.Empty("instType");
        if (type is not ("SPOT" or "MARGIN" or "SWAP" or "FUTURES" or "OPTION" or "EVENTS")) return OkxError.Invalid("instType");
        var instId = request.Get("instId");
        if (instId is not null && !exchange.Markets.ContainsKey(instId)) return OkxError.InstrumentNotFound;
        var markets = type != OkxWire.InstrumentType ? [] : exchange.Markets.Values.Where(m => instId is null || m.Symbol == instId).ToList();
        return OkxReply.Ok((markets, codes), static (w, s) =>
        {
            foreach (var market in s.markets) WriteInstrument(w, market, s.codes.CodeOf(market.Symbol));
        });
    }

    private static void WriteInstrument(Utf8JsonWriter w, InstrumentMarket market, long code)
    {
        var spec = market.Spec;
        w.WriteStartObject();
        w.WriteString("alias"u8, "");
        w.WriteString("auctionEndTime"u8, "");
        w.WriteString("baseCcy"u8, "");
        w.WriteString("category"u8, "1");
        w.WriteString("ctMult"u8, "1");
        w.WriteString("ctType"u8, "linear");
        w.WriteString("ctVal"u8, OkxWire.Number(spec.ContractSize));
        w.WriteString("ctValCcy"u8, spec.BaseAsset);
        w.WriteString("contTdSwTime"u8, "");
        w.WriteString("expTime"u8, "");
        w.WriteBoolean("futureSettlement"u8, false);
        w.WriteString("groupId"u8, "1");
        w.WriteString("instFamily"u8, OkxWire.Family(spec));
        w.WriteString("instId"u8, spec.Symbol);
        w.WriteString("instType"u8, OkxWire.InstrumentType);
        w.WriteString("lever"u8, spec.MaxLeverage.ToString(CultureInfo.InvariantCulture));
        w.WriteString("listTime"u8, "1573557408000");
        w.WriteString("lotSz"u8, OkxWire.Number(spec.StepSize));
        w.WriteString("maxIcebergSz"u8, OkxWire.Number(spec.MaxQty));
        w.WriteString("maxLmtAmt"u8, "20000000");
        w.WriteString("maxLmtSz"u8, OkxWire.Number(spec.MaxQty));
        w.WriteString("maxMktAmt"u8, "");
        w.WriteString("maxMktSz"u8, OkxWire.Number(spec.MaxQty));
        w.WriteString("maxStopSz"u8, OkxWire.Number(spec.MaxQty));
        w.WriteString("maxTriggerSz"u8, OkxWire.Number(spec.MaxQty));
        w.WriteString("maxTwapSz"u8, OkxWire.Number(spec.MaxQty));
        w.WriteString("minSz"u8, OkxWire.Number(spec.MinQty));
        w.WriteString("optType"u8, "");
        w.WriteString("openType"u8, "");
        w.WriteString("preMktSwTime"u8, "");
        w.WriteString("quoteCcy"u8, "");
        w.WriteStartArray("tradeQuoteCcyList"u8);
        w.WriteEndArray();
        w.WriteString("settleCcy"u8, spec.QuoteAsset);
        w.WriteString("state"u8, "live");
        w.WriteString("ruleType"u8, "normal");
        w.WriteString("stk"u8, "");
        w.WriteString("tickSz"u8, OkxWire.Number(spec.TickSize));
        w.WriteString("uly"u8, OkxWire.Family(spec));
        w.WriteNumber("instIdCode"u8, code);
        w.WriteString("instCategory"u8, "1");
        w.WriteStartArray("upcChg"u8);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>instId is required; "ANY" lists every perpetual.</summary>
    public OkxReply FundingRate(OkxRequest request)
    {
        if (request.Get("instId") is not { } instId) return OkxError.Empty("instId");
        if (instId != "ANY" && !exchange.Markets.ContainsKey(instId)) return OkxError.InstrumentNotFound;
        lock (exchange.Gate)
        {
            var markets = exchange.Markets.Values.Where(m => instId == "ANY" || m.Symbol == instId).ToList();
            return OkxReply.Ok((markets, exchange.Now), static (w, s) =>
            {
                foreach (var market in s.markets) OkxMarketJson.WriteFundingRate(w, market, s.Now);
            });
        }
    }

    /// <summary>Settlements so far, newest first; before/after page by fundingTime (exclusive), limit up to 400.</summary>
    public OkxReply FundingRateHistory(OkxRequest request)
    {
        if (request.Get("instId") is not { } instId) return OkxError.Empty("instId");
        if (!exchange.Markets.TryGetValue(instId, out var market)) return OkxError.InstrumentNotFound;
        var limit = 400;
        if (request.Get("limit") is { } l && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit < 1)) return OkxError.Invalid("limit");
        limit = Math.Min(limit, 400);
        long? before = null, after = null;
        if (request.Get("before") is { } b) { if (!OkxArgs.TryLong(b, out var v)) return OkxError.Invalid("before"); before = v; }
        if (request.Get("after") is { } a) { if (!OkxArgs.TryLong(a, out var v)) return OkxError.Invalid("after"); after = v; }
        lock (exchange.Gate)
        {
            var records = market.FundingHistory.AsEnumerable().Reverse()
                .Where(r => (before is null || r.Time.ToUnixTimeMilliseconds() > before) && (after is null || r.Time.ToUnixTimeMilliseconds() < after))
                .Take(limit).ToList();
            return OkxReply.Ok(records, static (w, list) =>
            {
                foreach (var r in list)
                {
                    w.WriteStartObject();
                    w.WriteString("formulaType"u8, "noRate");
                    w.WriteString("fundingRate"u8, OkxWire.Rate(r.Rate));
                    w.WriteString("fundingTime"u8, OkxWire.Ms(r.Time));
                    w.WriteString("instId"u8, r.Symbol);
                    w.WriteString("instType"u8, OkxWire.InstrumentType);
                    w.WriteString("method"u8, "current_period");
                    w.WriteString("realizedRate"u8, OkxWire.Rate(r.Rate));
                    w.WriteEndObject();
                }
            });
        }
    }

    /// <summary>sz levels per side (default 1, at most 400); seqId is the id of the last level change in the book.</summary>
    public OkxReply Books(OkxRequest request)
    {
        if (request.Get("instId") is not { } instId) return OkxError.Empty("instId");
        if (!exchange.Markets.TryGetValue(instId, out var market)) return OkxError.InstrumentNotFound;
        var depth = 1;
        if (request.Get("sz") is { } sz && (!int.TryParse(sz, CultureInfo.InvariantCulture, out depth) || depth < 1)) return OkxError.Invalid("sz");
        depth = Math.Min(depth, MaxBookDepth);
        lock (exchange.Gate)
            return OkxReply.Ok((market, depth, exchange.Now), static (w, s) =>
            {
                w.WriteStartObject();
                OkxMarketJson.WriteLevels(w, "asks"u8, s.market.Book.Top(BookSide.Ask, s.depth));
                OkxMarketJson.WriteLevels(w, "bids"u8, s.market.Book.Top(BookSide.Bid, s.depth));
                w.WriteString("ts"u8, OkxWire.Ms(s.Now));
                w.WriteNumber("seqId"u8, s.market.Book.UpdateId);
                w.WriteEndObject();
            });
    }

    /// <summary>instType is required (SWAP here); instId narrows it to one.</summary>
    public OkxReply MarkPrice(OkxRequest request)
    {
        if (request.Get("instType") is not { } type) return OkxError.Empty("instType");
        if (type is not ("MARGIN" or "SWAP" or "FUTURES" or "OPTION")) return OkxError.Invalid("instType");
        var instId = request.Get("instId");
        if (instId is not null && !exchange.Markets.ContainsKey(instId)) return OkxError.InstrumentNotFound;
        lock (exchange.Gate)
        {
            var markets = type != OkxWire.InstrumentType ? [] : exchange.Markets.Values.Where(m => instId is null || m.Symbol == instId).ToList();
            return OkxReply.Ok((markets, exchange.Now), static (w, s) =>
            {
                foreach (var market in s.markets) OkxMarketJson.WriteMarkPrice(w, market, s.Now);
            });
        }
    }

    /// <summary>quoteCcy or instId (an index, e.g. BTC-USDT) is required; an index that does not exist is 51001 (the
    /// code other public endpoints give an unknown instId; the page names none), a quote currency with no index lists
    /// nothing.</summary>
    public OkxReply IndexTickers(OkxRequest request)
    {
        var instId = request.Get("instId");
        var quote = request.Get("quoteCcy");
        if (instId is null && quote is null) return OkxError.Empty("quoteCcy");
        lock (exchange.Gate)
        {
            if (instId is not null && indexes.Find(instId) is null) return OkxError.InstrumentNotFound;
            var tickers = indexes.All
                .Where(t => (instId is null || t.Name == instId) && (quote is null || exchange.Markets[t.Symbol].Spec.QuoteAsset == quote))
                .ToList();
            return OkxReply.Ok((tickers, exchange.Now), static (w, s) =>
            {
                foreach (var ticker in s.tickers) ticker.Write(w, s.Now);
            });
        }
    }
}
