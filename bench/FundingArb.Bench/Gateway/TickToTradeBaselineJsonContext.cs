using System.Text.Json.Serialization;

namespace FundingArb.Bench.Gateway;

/// <summary>Source-generated serializer metadata for the tick-to-trade baseline's OKX op (AOT-compatible JsonSerializer);
/// the Binance frame reuses <see cref="Venues.Binance.BinanceOrderBaselineJsonContext"/>.</summary>
[JsonSerializable(typeof(TickToTradeBaselineModels.OkxWsOrderOp))]
internal sealed partial class TickToTradeBaselineJsonContext : JsonSerializerContext;
