using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Bench.Venues.Bybit;

/// <summary>Parse cost per frame of Bybit's funding frames (the docs' linear <c>tickers</c> snapshot, 27 fields, and a
/// typical ticker delta) and of a 20-level-a-side <c>orderbook.50</c> delta, each against a conventional client:
/// source-generated <c>JsonSerializer.Deserialize</c> into plain classes, then <c>decimal.Parse</c> of every numeric
/// field. "Utf8JsonReader scan alone" reads every token and nothing else: the floor of any Utf8JsonReader parser.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BybitParserBenchmarks
{
    /// <summary>The docs' linear ticker snapshot (https://bybit-exchange.github.io/docs/v5/websocket/public/ticker).</summary>
    private static readonly byte[] TickerFrame = Encoding.UTF8.GetBytes(
        """{"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","tickDirection":"MinusTick","price24hPcnt":"-0.158315","lastPrice":"66666.60","prevPrice24h":"79206.20","highPrice24h":"79266.30","lowPrice24h":"65076.90","prevPrice1h":"66666.60","markPrice":"66666.60","indexPrice":"115418.19","openInterest":"492373.72","openInterestValue":"32824881841.75","turnover24h":"4936790807.6521","volume24h":"73191.3870","fundingIntervalHour":"8","fundingCap":"0.005","nextFundingTime":"1760342400000","fundingRate":"-0.005","bid1Price":"66666.60","bid1Size":"23789.165","ask1Price":"66666.70","ask1Size":"23775.469","preOpenPrice":"","preQty":"","curPreListingPhase":""},"cs":9532239429,"ts":1760325052630}""");

    /// <summary>A ticker delta as it streams every 100 ms: only the changed fields (shape of the docs' field list).</summary>
    private static readonly byte[] TickerDeltaFrame = Encoding.UTF8.GetBytes(
        """{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","lastPrice":"66670.10","markPrice":"66668.25","fundingRate":"-0.00498","bid1Price":"66670.00","bid1Size":"11.402"},"cs":9532239441,"ts":1760325052730}""");

    private static readonly byte[] BookFrame = Encoding.UTF8.GetBytes(BuildBookFrame(20));

    private readonly BufferedEventSink _sink = new();
    private BybitMarketParser _parser = null!;
    private VenueId _venue;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        _venue = registry.AddVenue(BybitMarketData.VenueName);
        registry.MapSymbol(_venue, "BTCUSDT", registry.Intern("BTC", "USDT"));
        _parser = new BybitMarketParser(_venue, registry);
        if (Funding() != Price.Parse("66666.60").Raw + FundingRate.Parse("-0.005").Raw || FundingDelta() == 0 || Book() != 40
            || FundingBaseline() == 0 || FundingDeltaBaseline() == 0 || BookBaseline() == 0)
            throw new InvalidOperationException("The benchmark frames do not parse.");
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer + decimal.Parse"), BenchmarkCategory("Funding frame (ticker snapshot)")]
    public decimal FundingBaseline() => ConventionalTicker(TickerFrame);

    [Benchmark(Description = "BybitMarketParser"), BenchmarkCategory("Funding frame (ticker snapshot)")]
    public long Funding() => ParseTicker(TickerFrame);

    [Benchmark(Description = "Utf8JsonReader scan alone (floor)"), BenchmarkCategory("Funding frame (ticker snapshot)")]
    public int FundingReaderOnly() => Scan(TickerFrame);

    [Benchmark(Baseline = true, Description = "JsonSerializer + decimal.Parse"), BenchmarkCategory("Funding frame (ticker delta)")]
    public decimal FundingDeltaBaseline() => ConventionalTicker(TickerDeltaFrame);

    [Benchmark(Description = "BybitMarketParser"), BenchmarkCategory("Funding frame (ticker delta)")]
    public long FundingDelta() => ParseTicker(TickerDeltaFrame);

    [Benchmark(Description = "Utf8JsonReader scan alone (floor)"), BenchmarkCategory("Funding frame (ticker delta)")]
    public int FundingDeltaReaderOnly() => Scan(TickerDeltaFrame);

    [Benchmark(Baseline = true, Description = "JsonSerializer + decimal.Parse"), BenchmarkCategory("20-level book frame")]
    public decimal BookBaseline()
    {
        var message = JsonSerializer.Deserialize(BookFrame, ConventionalBybitJsonContext.Default.ConventionalBookMessage)!;
        var book = message.Data!;
        decimal sum = book.U + message.Ts;
        foreach (var level in book.B!) sum += Parse(level[0]) + Parse(level[1]);
        foreach (var level in book.A!) sum += Parse(level[0]) + Parse(level[1]);
        return sum;
    }

    [Benchmark(Description = "BybitMarketParser"), BenchmarkCategory("20-level book frame")]
    public int Book()
    {
        _sink.Begin(_venue, 0);
        _parser.Parse(BookFrame, _sink);
        var levels = _sink[0].Book.BidCount + _sink[0].Book.AskCount;
        _sink.Commit();
        return levels;
    }

    [Benchmark(Description = "Utf8JsonReader scan alone (floor)"), BenchmarkCategory("20-level book frame")]
    public int BookReaderOnly() => Scan(BookFrame);

    private static decimal ConventionalTicker(byte[] frame)
    {
        var message = JsonSerializer.Deserialize(frame, ConventionalBybitJsonContext.Default.ConventionalTickerMessage)!;
        var t = message.Data!;
        return Parse(t.Price24hPcnt) + Parse(t.LastPrice) + Parse(t.PrevPrice24h) + Parse(t.HighPrice24h)
               + Parse(t.LowPrice24h) + Parse(t.PrevPrice1h) + Parse(t.MarkPrice) + Parse(t.IndexPrice)
               + Parse(t.OpenInterest) + Parse(t.OpenInterestValue) + Parse(t.Turnover24h) + Parse(t.Volume24h)
               + Parse(t.FundingIntervalHour) + Parse(t.FundingCap) + Parse(t.NextFundingTime) + Parse(t.FundingRate)
               + Parse(t.Bid1Price) + Parse(t.Bid1Size) + Parse(t.Ask1Price) + Parse(t.Ask1Size)
               + Parse(t.PreOpenPrice) + Parse(t.PreQty) + message.Ts;
    }

    private long ParseTicker(byte[] frame)
    {
        _sink.Begin(_venue, 0);
        _parser.Parse(frame, _sink);
        var value = _sink[0].Funding.MarkPrice.Raw + _sink[0].Funding.Rate.Raw;
        _sink.Commit();
        return value;
    }

    private static int Scan(byte[] frame)
    {
        var reader = new Utf8JsonReader(frame);
        var n = 0;
        while (reader.Read()) n++;
        return n;
    }

    private static decimal Parse(string? text) =>
        string.IsNullOrEmpty(text) ? 0m : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>An <c>orderbook.50</c> delta shaped like the docs' example, <paramref name="levels"/> levels a side.</summary>
    private static string BuildBookFrame(int levels)
    {
        var text = new StringBuilder("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT","b":[""");
        for (var i = 0; i < levels; i++)
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[\"{30247.20m - i * 0.7m:F2}\",\"{1.5m + i * 0.113m:F3}\"]");
        text.Append("""],"a":[""");
        for (var i = 0; i < levels; i++)
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[\"{30248.70m + i * 0.6m:F2}\",\"{0.892m + i * 0.257m:F3}\"]");
        text.Append("""],"u":177400507,"seq":66544703342},"cts":1687940967464}""");
        return text.ToString();
    }
}
