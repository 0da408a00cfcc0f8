using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Bybit;

/// <summary>What a conventional C# Bybit client deserializes into: plain classes, numbers as the strings the wire
/// carries (then <c>decimal.Parse</c>d), through a source-generated context (no reflection).</summary>
public sealed class ConventionalTickerMessage
{
    public string? Topic { get; set; }
    public string? Type { get; set; }
    public ConventionalTicker? Data { get; set; }
    public long Cs { get; set; }
    public long Ts { get; set; }
}

public sealed class ConventionalTicker
{
    public string? Symbol { get; set; }
    public string? TickDirection { get; set; }
    public string? Price24hPcnt { get; set; }
    public string? LastPrice { get; set; }
    public string? PrevPrice24h { get; set; }
    public string? HighPrice24h { get; set; }
    public string? LowPrice24h { get; set; }
    public string? PrevPrice1h { get; set; }
    public string? MarkPrice { get; set; }
    public string? IndexPrice { get; set; }
    public string? OpenInterest { get; set; }
    public string? OpenInterestValue { get; set; }
    public string? Turnover24h { get; set; }
    public string? Volume24h { get; set; }
    public string? FundingIntervalHour { get; set; }
    public string? FundingCap { get; set; }
    public string? NextFundingTime { get; set; }
    public string? FundingRate { get; set; }
    public string? Bid1Price { get; set; }
    public string? Bid1Size { get; set; }
    public string? Ask1Price { get; set; }
    public string? Ask1Size { get; set; }
    public string? PreOpenPrice { get; set; }
    public string? PreQty { get; set; }
    public string? CurPreListingPhase { get; set; }
}

public sealed class ConventionalBookMessage
{
    public string? Topic { get; set; }
    public string? Type { get; set; }
    public long Ts { get; set; }
    public ConventionalBook? Data { get; set; }
    public long Cts { get; set; }
}

public sealed class ConventionalBook
{
    public string? S { get; set; }
    public List<string[]>? B { get; set; }
    public List<string[]>? A { get; set; }
    public long U { get; set; }
    public long Seq { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConventionalTickerMessage))]
[JsonSerializable(typeof(ConventionalBookMessage))]
public sealed partial class ConventionalBybitJsonContext : JsonSerializerContext;
