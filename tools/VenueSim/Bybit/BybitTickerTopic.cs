using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>One <c>tickers.{symbol}</c> topic (docs/v5/websocket/public/ticker): a snapshot on subscribe, then every
/// 100 ms a delta carrying only the fields that changed ("If a response param is not found in the message, then its
/// value has not changed"). The fields are the linear snapshot's; REST GET /v5/market/tickers lists the same values.
/// The last price is the mark (the simulated market has no public trades) and the 24 h statistics are not simulated:
/// they hold the last price and zero volume. Caller holds the hub's lock.</summary>
public sealed class BybitTickerTopic(string symbol)
{
    /// <summary>Bybit's default per-interval funding limit (instruments-info example) when the scenario sets none.</summary>
    public const decimal DefaultFundingCap = 0.00375m;

    private List<KeyValuePair<string, string>> _fields = [];

    public string Symbol { get; } = symbol;
    public string Name { get; } = "tickers." + symbol;
    /// <summary>The fields as last published, in the documented order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;
    public long CrossSequence { get; private set; }

    /// <summary>Takes the market's current values; returns the delta to publish, or null when nothing changed (and on
    /// the first call, which only sets the baseline).</summary>
    public byte[]? Update(InstrumentMarket market, BybitBookTopic topOfBook, DateTimeOffset now)
    {
        var next = FieldsOf(market, topOfBook, _fields);
        var changed = _fields.Count == 0 ? [] : next.Where((f, i) => f.Value != _fields[i].Value).ToList();
        var first = _fields.Count == 0;
        _fields = next;
        CrossSequence = topOfBook.Sequence;
        if (first || changed.Count == 0) return null;
        return Frame("delta", [new("symbol", Symbol), .. changed], now);
    }

    public byte[] Snapshot(DateTimeOffset now) => Frame("snapshot", _fields, now);

    private byte[] Frame(string type, IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset now) =>
        JsonFrame.Build((this, type, fields, now), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("topic"u8, s.Item1.Name);
            w.WriteString("type"u8, s.type);
            w.WriteStartObject("data"u8);
            foreach (var (name, value) in s.fields) w.WriteString(name, value);
            w.WriteEndObject();
            w.WriteNumber("cs"u8, s.Item1.CrossSequence);
            w.WriteNumber("ts"u8, JsonFrame.UnixMs(s.now));
            w.WriteEndObject();
        });

    private static List<KeyValuePair<string, string>> FieldsOf(InstrumentMarket market, BybitBookTopic topOfBook, List<KeyValuePair<string, string>> previous)
    {
        var spec = market.Spec;
        var point = market.Point;
        var last = BybitWire.Price(point.Mark, spec);
        var bid = topOfBook.Levels(BookSide.Bid).Select(l => ((decimal, decimal)?)(l.Key, l.Value)).FirstOrDefault();
        var ask = topOfBook.Levels(BookSide.Ask).Select(l => ((decimal, decimal)?)(l.Key, l.Value)).FirstOrDefault();
        return
        [
            new("symbol", spec.Symbol),
            new("tickDirection", TickDirection(previous, last)),
            new("price24hPcnt", "0"),
            new("lastPrice", last),
            new("prevPrice24h", last),
            new("highPrice24h", last),
            new("lowPrice24h", last),
            new("prevPrice1h", last),
            new("markPrice", BybitWire.Price(point.Mark, spec)),
            new("indexPrice", BybitWire.Price(point.Index, spec)),
            new("openInterest", "0"),
            new("openInterestValue", "0"),
            new("turnover24h", "0"),
            new("volume24h", "0"),
            new("fundingIntervalHour", ((int)spec.FundingInterval.TotalHours).ToString(CultureInfo.InvariantCulture)),
            new("fundingCap", JsonFrame.Plain(spec.FundingRateCap ?? DefaultFundingCap)),
            new("nextFundingTime", BybitWire.Milliseconds(market.NextSettlement)),
            new("fundingRate", BybitWire.Money(point.FundingRate)),
            new("bid1Price", bid is { } b ? BybitWire.Price(b.Item1, spec) : ""),
            new("bid1Size", bid is { } bs ? BybitWire.Quantity(bs.Item2, spec) : ""),
            new("ask1Price", ask is { } a ? BybitWire.Price(a.Item1, spec) : ""),
            new("ask1Size", ask is { } az ? BybitWire.Quantity(az.Item2, spec) : ""),
            new("preOpenPrice", ""),
            new("preQty", ""),
            new("curPreListingPhase", ""),
        ];
    }

    /// <summary>Plus/MinusTick when the last price moved, Zero… (keeping the direction) when it did not.</summary>
    private static string TickDirection(List<KeyValuePair<string, string>> previous, string last)
    {
        if (previous.Count == 0) return "ZeroPlusTick";
        var before = decimal.Parse(previous.First(f => f.Key == "lastPrice").Value, CultureInfo.InvariantCulture);
        var now = decimal.Parse(last, CultureInfo.InvariantCulture);
        if (now > before) return "PlusTick";
        if (now < before) return "MinusTick";
        return previous.First(f => f.Key == "tickDirection").Value is "PlusTick" or "ZeroPlusTick" ? "ZeroPlusTick" : "ZeroMinusTick";
    }
}
