using System.Text.Json.Serialization;
using FundingArb.Bench.Venues.Okx;

namespace FundingArb.Bench.Gateway;

/// <summary>What a conventional C# client serializes an OKX WebSocket <c>order</c> op into
/// (#order-book-trading-trade-ws-place-order): <c>{"id","op","expTime","args":[{…}]}</c>, every value a string, the
/// argument the same class as the REST body's.</summary>
public static class TickToTradeBaselineModels
{
    public sealed class OkxWsOrderOp
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("op")] public string? Op { get; set; }
        [JsonPropertyName("expTime")] public string? ExpTime { get; set; }
        [JsonPropertyName("args")] public OkxOrderBaselineModels.PlaceOrder[]? Args { get; set; }
    }
}
