using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Okx;

/// <summary>What a conventional C# client serializes an OKX place-order body into (#order-book-trading-trade-post-place-order):
/// every value a string, <c>reduceOnly</c> a boolean.</summary>
public static class OkxOrderBaselineModels
{
    public sealed class PlaceOrder
    {
        [JsonPropertyName("instId")] public string? InstId { get; set; }
        [JsonPropertyName("tdMode")] public string? TdMode { get; set; }
        [JsonPropertyName("clOrdId")] public string? ClOrdId { get; set; }
        [JsonPropertyName("side")] public string? Side { get; set; }
        [JsonPropertyName("posSide")] public string? PosSide { get; set; }
        [JsonPropertyName("ordType")] public string? OrdType { get; set; }
        [JsonPropertyName("sz")] public string? Sz { get; set; }
        [JsonPropertyName("px")] public string? Px { get; set; }
    }
}
