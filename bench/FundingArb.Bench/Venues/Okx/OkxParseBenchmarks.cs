using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Bench.Venues.Okx;

/// <summary>Parsing OKX's <c>funding-rate</c> push (the docs' example) and a 20-level <c>books</c> update into ring slots,
/// against the conventional client: source-generated <see cref="JsonSerializer"/> into classes, then
/// <see cref="decimal.Parse(string, IFormatProvider)"/> of every numeric field.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OkxParseBenchmarks
{
    /// <summary>The docs' funding-rate push, as sent (no whitespace).</summary>
    public const string FundingFrame =
        """{"arg":{"channel":"funding-rate","instId":"BTC-USD-SWAP"},"data":[{"formulaType":"noRate","fundingRate":"0.0001875391284828","fundingTime":"1700726400000","impactValue":"","instId":"BTC-USD-SWAP","instType":"SWAP","interestRate":"","method":"current_period","maxFundingRate":"0.00375","minFundingRate":"-0.00375","nextFundingRate":"","nextFundingTime":"1700755200000","premium":"0.0001233824646391","settFundingRate":"0.0001699799259033","settState":"settled","ts":"1700724675402"}]}""";

    private readonly BufferedEventSink _sink = new();
    private byte[] _funding = [];
    private byte[] _book = [];
    private OkxMarketParser _parser = null!;
    private VenueId _venue;

    /// <summary>A <c>books</c> update with 10 bids and 10 asks in the docs' level format.</summary>
    public static string BookFrame()
    {
        var sb = new StringBuilder("""{"arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"action":"update","data":[{"asks":[""");
        for (var i = 0; i < 10; i++)
            sb.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[\"{8476.98m + i * 0.01m}\",\"{415 + i}\",\"0\",\"{i + 1}\"]");
        sb.Append("""],"bids":[""");
        for (var i = 0; i < 10; i++)
            sb.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[\"{8476.97m - i * 0.01m}\",\"{256 + i}\",\"0\",\"{i + 1}\"]");
        sb.Append("""],"ts":"1597026383085","checksum":0,"prevSeqId":123456,"seqId":123457}]}""");
        return sb.ToString();
    }

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        _venue = registry.AddVenue("okx");
        registry.MapSymbol(_venue, "BTC-USD-SWAP", registry.Intern("BTC", "USD"));
        registry.MapSymbol(_venue, "BTC-USDT-SWAP", registry.Intern("BTC", "USDT"));
        _parser = new OkxMarketParser(_venue, registry);
        _funding = Encoding.UTF8.GetBytes(FundingFrame);
        _book = Encoding.UTF8.GetBytes(BookFrame());
        if (ParseFunding() == 0 || ParseBook() != 20 || BaselineFunding() == 0 || BaselineBook() == 0)
            throw new InvalidOperationException("The benchmark frames do not parse.");
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer + decimal.Parse"), BenchmarkCategory("Funding")]
    public decimal BaselineFunding()
    {
        var push = JsonSerializer.Deserialize(_funding, OkxBaselineJsonContext.Default.OkxFundingRatePushDto)!;
        decimal sum = 0;
        foreach (var d in push.Data!)
        {
            sum += decimal.Parse(d.FundingRate!, CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.FundingTime!, CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.NextFundingTime!, CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.MaxFundingRate!, CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.MinFundingRate!, CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.Premium!, CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.SettFundingRate!, CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.Ts!, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    [Benchmark(Description = "OkxMarketParser"), BenchmarkCategory("Funding")]
    public long ParseFunding()
    {
        _sink.Begin(_venue, 1);
        _parser.Parse(_funding, _sink);
        var rate = _sink[0].Funding.Rate.Raw;
        _sink.Commit();
        return rate;
    }

    /// <summary>The floor under any Utf8JsonReader parser: reading every token of the frame and nothing else.</summary>
    [Benchmark(Description = "Utf8JsonReader tokens only"), BenchmarkCategory("Funding")]
    public int TokensOnlyFunding() => CountTokens(_funding);

    [Benchmark(Description = "Utf8JsonReader tokens only"), BenchmarkCategory("Book20")]
    public int TokensOnlyBook() => CountTokens(_book);

    private static int CountTokens(byte[] frame)
    {
        var reader = new Utf8JsonReader(frame, isFinalBlock: true, state: default);
        var tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer + decimal.Parse"), BenchmarkCategory("Book20")]
    public decimal BaselineBook()
    {
        var push = JsonSerializer.Deserialize(_book, OkxBaselineJsonContext.Default.OkxBooksPushDto)!;
        decimal sum = 0;
        foreach (var d in push.Data!)
        {
            foreach (var level in d.Bids!)
                sum += decimal.Parse(level[0], CultureInfo.InvariantCulture) + decimal.Parse(level[1], CultureInfo.InvariantCulture);
            foreach (var level in d.Asks!)
                sum += decimal.Parse(level[0], CultureInfo.InvariantCulture) + decimal.Parse(level[1], CultureInfo.InvariantCulture);
            sum += decimal.Parse(d.Ts!, CultureInfo.InvariantCulture) + d.SeqId + d.PrevSeqId;
        }
        return sum;
    }

    [Benchmark(Description = "OkxMarketParser"), BenchmarkCategory("Book20")]
    public int ParseBook()
    {
        _sink.Begin(_venue, 1);
        _parser.Parse(_book, _sink);
        var levels = _sink[0].Book.BidCount + _sink[0].Book.AskCount;
        _sink.Commit();
        return levels;
    }
}
