using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>Source-generated serializer metadata for the order-signing baseline (AOT-compatible JsonSerializer).</summary>
[JsonSerializable(typeof(BinanceOrderBaselineModels.WsApiRequest))]
internal sealed partial class BinanceOrderBaselineJsonContext : JsonSerializerContext;
