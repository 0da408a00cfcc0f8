using System.Text.Json.Serialization;

namespace FundingArb.Venues.Binance;

/// <summary>Source-generated (AOT-safe) readers for Binance's metadata answers; see <see cref="BinanceInstrumentMetadata"/>.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(BinanceInstrumentMetadata.ExchangeInfoBody))]
[JsonSerializable(typeof(List<BinanceInstrumentMetadata.FundingInfoEntry?>))]
[JsonSerializable(typeof(BinanceInstrumentMetadata.ErrorBody))]
internal sealed partial class BinanceMetadataJsonContext : JsonSerializerContext;
