using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>What a conventional C# client serializes a WS API <c>order.place</c> into: a request class holding a
/// params class, INT params as numbers, DECIMAL and STRING ones as strings (websocket-api-general-info).</summary>
public static class BinanceOrderBaselineModels
{
    public sealed class WsApiRequest
    {
        [JsonPropertyName("id")] public long Id { get; set; }
        [JsonPropertyName("method")] public string? Method { get; set; }
        [JsonPropertyName("params")] public PlaceParams? Params { get; set; }
    }

    public sealed class PlaceParams
    {
        [JsonPropertyName("apiKey")] public string? ApiKey { get; set; }
        [JsonPropertyName("newClientOrderId")] public string? NewClientOrderId { get; set; }
        [JsonPropertyName("newOrderRespType")] public string? NewOrderRespType { get; set; }
        [JsonPropertyName("price")] public string? Price { get; set; }
        [JsonPropertyName("quantity")] public string? Quantity { get; set; }
        [JsonPropertyName("recvWindow")] public long RecvWindow { get; set; }
        [JsonPropertyName("side")] public string? Side { get; set; }
        [JsonPropertyName("symbol")] public string? Symbol { get; set; }
        [JsonPropertyName("timeInForce")] public string? TimeInForce { get; set; }
        [JsonPropertyName("timestamp")] public long Timestamp { get; set; }
        [JsonPropertyName("type")] public string? Type { get; set; }
        [JsonPropertyName("signature")] public string? Signature { get; set; }
    }
}
