using System.Text.Json.Serialization;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>What a conventional C# client deserializes Binance frames into: plain classes, numbers the wire sends as
/// strings kept as strings (then <c>decimal.Parse</c>d), times as <c>long</c>.</summary>
public static class BinanceBaselineModels
{
    public sealed class MarkPriceEnvelope
    {
        [JsonPropertyName("stream")] public string? Stream { get; set; }
        [JsonPropertyName("data")] public MarkPriceUpdate? Data { get; set; }
    }

    public sealed class MarkPriceUpdate
    {
        [JsonPropertyName("e")] public string? EventType { get; set; }
        [JsonPropertyName("E")] public long EventTime { get; set; }
        [JsonPropertyName("s")] public string? Symbol { get; set; }
        [JsonPropertyName("p")] public string? MarkPrice { get; set; }
        [JsonPropertyName("i")] public string? IndexPrice { get; set; }
        [JsonPropertyName("P")] public string? EstimatedSettlePrice { get; set; }
        [JsonPropertyName("r")] public string? FundingRate { get; set; }
        [JsonPropertyName("T")] public long NextFundingTime { get; set; }
    }

    public sealed class DepthEnvelope
    {
        [JsonPropertyName("stream")] public string? Stream { get; set; }
        [JsonPropertyName("data")] public DepthUpdate? Data { get; set; }
    }

    public sealed class DepthUpdate
    {
        [JsonPropertyName("e")] public string? EventType { get; set; }
        [JsonPropertyName("E")] public long EventTime { get; set; }
        [JsonPropertyName("T")] public long TransactionTime { get; set; }
        [JsonPropertyName("s")] public string? Symbol { get; set; }
        [JsonPropertyName("U")] public long FirstUpdateId { get; set; }
        [JsonPropertyName("u")] public long FinalUpdateId { get; set; }
        [JsonPropertyName("pu")] public long PreviousFinalUpdateId { get; set; }
        [JsonPropertyName("b")] public List<List<string>>? Bids { get; set; }
        [JsonPropertyName("a")] public List<List<string>>? Asks { get; set; }
    }
}
