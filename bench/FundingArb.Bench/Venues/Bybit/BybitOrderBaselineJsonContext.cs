using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Bybit;

/// <summary>Source-generated serializer metadata for the order baseline (AOT-compatible JsonSerializer).</summary>
[JsonSerializable(typeof(BybitOrderBaselineModels.TradeRequest))]
[JsonSerializable(typeof(BybitOrderBaselineModels.CreateArgs))]
internal sealed partial class BybitOrderBaselineJsonContext : JsonSerializerContext;
