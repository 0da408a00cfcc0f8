using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>Source-generated serializer metadata for the baseline (the AOT-compatible way to use JsonSerializer).</summary>
[JsonSerializable(typeof(BinanceBaselineModels.MarkPriceEnvelope))]
[JsonSerializable(typeof(BinanceBaselineModels.DepthEnvelope))]
internal sealed partial class BinanceBaselineJsonContext : JsonSerializerContext;
