using System.Text.Json;
using System.Text.Json.Serialization;

namespace FundingArb.VenueSim.Scenarios;

// The scenario file as written (tools/VenueSim/README.md documents every field). Numbers may be JSON numbers or
// decimal strings; prices and rates are read as decimal so "0.1" stays exactly 0.1. Validation and defaults live
// in ScenarioLoader, which turns this into a Scenario.

public sealed class ScenarioDocument
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("start")] public DateTimeOffset? Start { get; set; }
    [JsonPropertyName("loop")] public string? Loop { get; set; }
    [JsonPropertyName("instruments")] public List<InstrumentDocument>? Instruments { get; set; }
}

public sealed class InstrumentDocument
{
    [JsonPropertyName("venue")] public string? Venue { get; set; }
    [JsonPropertyName("symbol")] public string? Symbol { get; set; }
    [JsonPropertyName("base")] public string? Base { get; set; }
    [JsonPropertyName("quote")] public string? Quote { get; set; }
    [JsonPropertyName("tickSize")] public decimal? TickSize { get; set; }
    [JsonPropertyName("stepSize")] public decimal? StepSize { get; set; }
    [JsonPropertyName("minQty")] public decimal? MinQty { get; set; }
    [JsonPropertyName("maxQty")] public decimal? MaxQty { get; set; }
    [JsonPropertyName("minNotional")] public decimal? MinNotional { get; set; }
    [JsonPropertyName("contractSize")] public decimal? ContractSize { get; set; }
    [JsonPropertyName("fundingIntervalHours")] public int? FundingIntervalHours { get; set; }
    [JsonPropertyName("fundingRateCap")] public decimal? FundingRateCap { get; set; }
    [JsonPropertyName("fundingRateFloor")] public decimal? FundingRateFloor { get; set; }
    [JsonPropertyName("interestRate")] public decimal? InterestRate { get; set; }
    [JsonPropertyName("maxLeverage")] public int? MaxLeverage { get; set; }
    [JsonPropertyName("maintenanceMarginRate")] public decimal? MaintenanceMarginRate { get; set; }
    [JsonPropertyName("takerFee")] public decimal? TakerFee { get; set; }
    [JsonPropertyName("makerFee")] public decimal? MakerFee { get; set; }
    [JsonPropertyName("percentPriceUp")] public decimal? PercentPriceUp { get; set; }
    [JsonPropertyName("percentPriceDown")] public decimal? PercentPriceDown { get; set; }
    [JsonPropertyName("book")] public BookDocument? Book { get; set; }
    [JsonPropertyName("path")] public List<KeyframeDocument>? Path { get; set; }
}

public sealed class BookDocument
{
    [JsonPropertyName("levels")] public int? Levels { get; set; }
    [JsonPropertyName("spreadTicks")] public int? SpreadTicks { get; set; }
    [JsonPropertyName("stepTicks")] public int? StepTicks { get; set; }
    [JsonPropertyName("size")] public decimal? Size { get; set; }
    [JsonPropertyName("growth")] public decimal? Growth { get; set; }
    [JsonPropertyName("jitter")] public decimal? Jitter { get; set; }
}

public sealed class KeyframeDocument
{
    [JsonPropertyName("at")] public string? At { get; set; }
    [JsonPropertyName("mark")] public decimal? Mark { get; set; }
    [JsonPropertyName("index")] public decimal? Index { get; set; }
    [JsonPropertyName("rate")] public decimal? Rate { get; set; }
    [JsonPropertyName("book")] public BookDocument? Book { get; set; }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ScenarioDocument))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
