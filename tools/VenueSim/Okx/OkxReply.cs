using System.Text.Json;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Okx;

/// <summary>What a REST endpoint answers: an HTTP status and the v5 envelope {"code": "0", "msg": "", "data": […]}.</summary>
public readonly record struct OkxReply(int Status, byte[] Body)
{
    /// <summary>Success: <paramref name="writeItems"/> writes the elements of "data" (the array itself is written here).</summary>
    public static OkxReply Ok<TState>(TState state, Action<Utf8JsonWriter, TState> writeItems) => new(200, JsonFrame.Build((state, writeItems), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString("code"u8, "0");
        w.WriteString("msg"u8, "");
        w.WriteStartArray("data"u8);
        s.writeItems(w, s.state);
        w.WriteEndArray();
        w.WriteEndObject();
    }));

    public static OkxReply From(OkxError error) => new(error.HttpStatus, JsonFrame.Build(error, static (w, e) =>
    {
        w.WriteStartObject();
        w.WriteString("code"u8, e.Code);
        w.WriteString("msg"u8, e.Message);
        w.WriteStartArray("data"u8);
        w.WriteEndArray();
        w.WriteEndObject();
    }));

    public static implicit operator OkxReply(OkxError error) => From(error);
}
