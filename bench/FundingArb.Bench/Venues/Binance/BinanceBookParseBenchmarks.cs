using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>One <c>btcusdt@depth@100ms</c> combined-stream frame with 20 levels per side: our parser into a sink slot vs a
/// source-generated <c>JsonSerializer</c> into plain classes plus <c>decimal.Parse</c> of every price and quantity
/// (baseline).</summary>
[MemoryDiagnoser]
public class BinanceBookParseBenchmarks
{
    private readonly byte[] _frame = BinanceBenchFrames.Depth20;
    private readonly BufferedEventSink _sink = new();
    private BinanceMarketParser _parser = null!;
    private VenueId _venue;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        _venue = registry.AddVenue("binance");
        registry.MapSymbol(_venue, "BTCUSDT", registry.Intern("BTC", "USDT"));
        _parser = new BinanceMarketParser(_venue, registry);
        if (Parser() != 1 || _sink.Committed[0].Book.BidCount != 20 || _sink.Committed[0].Book.AskCount != 20)
            throw new InvalidOperationException("the frame does not parse to 20 + 20 levels");
        if (JsonSerializerAndDecimal() == 0) throw new InvalidOperationException("the baseline does not parse");
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer (source-gen) + decimal.Parse")]
    public decimal JsonSerializerAndDecimal()
    {
        var envelope = JsonSerializer.Deserialize(_frame, BinanceBaselineJsonContext.Default.DepthEnvelope)!;
        var d = envelope.Data!;
        var sum = (decimal)(d.EventTime + d.FirstUpdateId + d.FinalUpdateId + d.PreviousFinalUpdateId);
        foreach (var level in d.Bids!)
            sum += decimal.Parse(level[0], CultureInfo.InvariantCulture) + decimal.Parse(level[1], CultureInfo.InvariantCulture);
        foreach (var level in d.Asks!)
            sum += decimal.Parse(level[0], CultureInfo.InvariantCulture) + decimal.Parse(level[1], CultureInfo.InvariantCulture);
        return sum;
    }

    [Benchmark(Description = "BinanceMarketParser")]
    public int Parser()
    {
        _sink.Begin(_venue, 1);
        _parser.Parse(_frame, _sink);
        _sink.Commit();
        return _sink.Committed.Length;
    }
}
