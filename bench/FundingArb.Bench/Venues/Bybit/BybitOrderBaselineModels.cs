using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Bybit;

/// <summary>What a conventional C# client serializes a WS trade <c>order.create</c> into (docs/v5/websocket/trade/guideline):
/// a request class with a header dictionary and the create-order request class as its one arg, numbers as strings.</summary>
public static class BybitOrderBaselineModels
{
    public sealed class TradeRequest
    {
        [JsonPropertyName("reqId")] public string? ReqId { get; set; }
        [JsonPropertyName("header")] public Dictionary<string, string>? Header { get; set; }
        [JsonPropertyName("op")] public string? Op { get; set; }
        [JsonPropertyName("args")] public List<CreateArgs>? Args { get; set; }
    }

    public sealed class CreateArgs
    {
        [JsonPropertyName("category")] public string? Category { get; set; }
        [JsonPropertyName("symbol")] public string? Symbol { get; set; }
        [JsonPropertyName("side")] public string? Side { get; set; }
        [JsonPropertyName("orderType")] public string? OrderType { get; set; }
        [JsonPropertyName("qty")] public string? Qty { get; set; }
        [JsonPropertyName("price")] public string? Price { get; set; }
        [JsonPropertyName("timeInForce")] public string? TimeInForce { get; set; }
        [JsonPropertyName("positionIdx")] public int PositionIdx { get; set; }
        [JsonPropertyName("orderLinkId")] public string? OrderLinkId { get; set; }
        [JsonPropertyName("reduceOnly")] public bool ReduceOnly { get; set; }
    }
}
