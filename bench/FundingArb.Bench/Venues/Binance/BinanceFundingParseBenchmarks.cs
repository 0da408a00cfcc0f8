using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>One <c>btcusdt@markPrice@1s</c> combined-stream frame: our parser into a sink slot vs a source-generated
/// <c>JsonSerializer</c> into plain classes plus <c>decimal.Parse</c> of each numeric string (baseline).</summary>
[MemoryDiagnoser]
public class BinanceFundingParseBenchmarks
{
    private readonly byte[] _frame = BinanceBenchFrames.MarkPrice;
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
        if (Parser() != 1) throw new InvalidOperationException("the frame does not parse");
        if (JsonSerializerAndDecimal() == 0) throw new InvalidOperationException("the baseline does not parse");
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer (source-gen) + decimal.Parse")]
    public decimal JsonSerializerAndDecimal()
    {
        var envelope = JsonSerializer.Deserialize(_frame, BinanceBaselineJsonContext.Default.MarkPriceEnvelope)!;
        var d = envelope.Data!;
        var mark = decimal.Parse(d.MarkPrice!, CultureInfo.InvariantCulture);
        var index = decimal.Parse(d.IndexPrice!, CultureInfo.InvariantCulture);
        var settle = decimal.Parse(d.EstimatedSettlePrice!, CultureInfo.InvariantCulture);
        var rate = decimal.Parse(d.FundingRate!, CultureInfo.InvariantCulture);
        return mark + index + settle + rate + d.EventTime + d.NextFundingTime;
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
