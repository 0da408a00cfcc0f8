using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Binance;

/// <summary>What an endpoint answers: an HTTP status, a JSON body and, rarely, extra headers (a rate limit's Retry-After).</summary>
public readonly record struct BinanceReply(int Status, byte[] Body, IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public static BinanceReply Ok<TState>(TState state, Action<Utf8JsonWriter, TState> write) => new(200, JsonFrame.Build(state, write));

    public static BinanceReply Ok(string json) => new(200, Encoding.UTF8.GetBytes(json));

    public static BinanceReply From(BinanceError error) => new(error.HttpStatus, JsonFrame.Build(error, static (w, e) =>
    {
        w.WriteStartObject();
        w.WriteNumber("code"u8, e.Code);
        w.WriteString("msg"u8, e.Message);
        w.WriteEndObject();
    }));

    public static implicit operator BinanceReply(BinanceError error) => From(error);
}
