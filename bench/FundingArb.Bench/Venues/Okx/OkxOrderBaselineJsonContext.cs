using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Okx;

/// <summary>Source-generated serializer metadata for the OKX order-signing baseline (AOT-compatible JsonSerializer).</summary>
[JsonSerializable(typeof(OkxOrderBaselineModels.PlaceOrder))]
internal sealed partial class OkxOrderBaselineJsonContext : JsonSerializerContext;
