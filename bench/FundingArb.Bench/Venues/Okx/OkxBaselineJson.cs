using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Okx;

// What a conventional C# client does with an OKX push: deserialize into plain classes with strings for the numeric
// fields (OKX sends them as strings), through a source-generated context (no reflection), then decimal.Parse them.

public sealed class OkxArgDto
{
    public string? Channel { get; set; }
    public string? InstId { get; set; }
}

public sealed class OkxFundingRateDto
{
    public string? FormulaType { get; set; }
    public string? FundingRate { get; set; }
    public string? FundingTime { get; set; }
    public string? ImpactValue { get; set; }
    public string? InstId { get; set; }
    public string? InstType { get; set; }
    public string? InterestRate { get; set; }
    public string? Method { get; set; }
    public string? MaxFundingRate { get; set; }
    public string? MinFundingRate { get; set; }
    public string? NextFundingRate { get; set; }
    public string? NextFundingTime { get; set; }
    public string? Premium { get; set; }
    public string? SettFundingRate { get; set; }
    public string? SettState { get; set; }
    public string? Ts { get; set; }
}

public sealed class OkxFundingRatePushDto
{
    public OkxArgDto? Arg { get; set; }
    public List<OkxFundingRateDto>? Data { get; set; }
}

public sealed class OkxBookDto
{
    public List<List<string>>? Asks { get; set; }
    public List<List<string>>? Bids { get; set; }
    public string? Ts { get; set; }
    public long Checksum { get; set; }
    public long PrevSeqId { get; set; }
    public long SeqId { get; set; }
}

public sealed class OkxBooksPushDto
{
    public OkxArgDto? Arg { get; set; }
    public string? Action { get; set; }
    public List<OkxBookDto>? Data { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OkxFundingRatePushDto))]
[JsonSerializable(typeof(OkxBooksPushDto))]
public sealed partial class OkxBaselineJsonContext : JsonSerializerContext;
