using System.Text.Json.Serialization;

namespace FundingArb.Venues.Bybit;

/// <summary>Source-generated System.Text.Json metadata for Bybit's REST metadata bodies (native AOT: no reflection).
/// Property names are the documented camelCase ones; integers may also come as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(BybitInstrumentsInfoResponse))]
internal sealed partial class BybitMetadataJsonContext : JsonSerializerContext;
