using System.Buffers.Text;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FundingArb.Market;

namespace FundingArb.Bench.Market;

/// <summary>Parsing and formatting the decimal strings venues send, against the BCL's <c>decimal</c> (baseline) and
/// <c>double</c> UTF-8 parsers and formatters on the same bytes.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FixedPointBenchmarks
{
    private byte[] _utf8 = [];
    private int _scale;
    private decimal _decimal;
    private double _double;
    private long _raw;
    private readonly byte[] _destination = new byte[64];

    /// <summary>A price, a Binance rate, an 8-decimal size with trailing zeros, an OKX 16-decimal rate.</summary>
    public static IEnumerable<Input> Inputs =>
    [
        new("67321.45", Price.Scale),
        new("0.00038167", FundingRate.Scale),
        new("11794.15000000", Quantity.Scale),
        new("0.0001128542114798", FundingRate.Scale),
    ];

    [ParamsSource(nameof(Inputs))]
    public Input Text { get; set; } = new("0", 0);

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = Encoding.ASCII.GetBytes(Text.Text);
        _scale = Text.Scale;
        if (!Utf8Parser.TryParse(_utf8, out _decimal, out _) || !Utf8Parser.TryParse(_utf8, out _double, out _)
            || !FixedPoint.TryParse(_utf8, _scale, out _raw))
            throw new InvalidOperationException($"cannot parse {Text}");
    }

    [Benchmark(Baseline = true, Description = "decimal Utf8Parser"), BenchmarkCategory("Parse")]
    public decimal ParseDecimal()
    {
        Utf8Parser.TryParse(_utf8, out decimal value, out _);
        return value;
    }

    [Benchmark(Description = "double Utf8Parser"), BenchmarkCategory("Parse")]
    public double ParseDouble()
    {
        Utf8Parser.TryParse(_utf8, out double value, out _);
        return value;
    }

    [Benchmark(Description = "FixedPoint.TryParse"), BenchmarkCategory("Parse")]
    public long ParseFixedPoint()
    {
        FixedPoint.TryParse(_utf8, _scale, out long raw);
        return raw;
    }

    [Benchmark(Baseline = true, Description = "decimal Utf8Formatter"), BenchmarkCategory("Format")]
    public int FormatDecimal()
    {
        Utf8Formatter.TryFormat(_decimal, _destination, out int written);
        return written;
    }

    [Benchmark(Description = "double Utf8Formatter"), BenchmarkCategory("Format")]
    public int FormatDouble()
    {
        Utf8Formatter.TryFormat(_double, _destination, out int written);
        return written;
    }

    [Benchmark(Description = "FixedPoint.TryFormat"), BenchmarkCategory("Format")]
    public int FormatFixedPoint()
    {
        FixedPoint.TryFormat(_raw, _scale, _destination, out int written);
        return written;
    }

    /// <summary>One input: the venue's text and the scale it is parsed at (shown as the text).</summary>
    public sealed record Input(string Text, int Scale)
    {
        public override string ToString() => Text;
    }
}
