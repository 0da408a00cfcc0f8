using System.Text.Json;

namespace FundingArb.VenueSim.Bybit;

/// <summary>A control message on a public or private stream: <c>{"req_id": …, "op": …, "args": […]}</c>
/// (docs/v5/ws/connect). <c>req_id</c> is optional; a number is read as its text.</summary>
public sealed record BybitStreamRequest(string? RequestId, string Op, JsonElement Args)
{
    /// <summary>Null with <paramref name="error"/> set when the text is not such an object; the error reads like the
    /// venue's JSON decoder ("Failed to decode incoming data:…").</summary>
    public static BybitStreamRequest? Parse(string text, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = DecodeError(text);
                return null;
            }
            string? requestId = null;
            if (root.TryGetProperty("req_id", out var id))
                requestId = id.ValueKind == JsonValueKind.String ? id.GetString() : id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null;
            var op = root.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : "";
            var args = root.TryGetProperty("args", out var a) ? a.Clone() : default;
            return new BybitStreamRequest(requestId, op, args);
        }
        catch (JsonException)
        {
            error = DecodeError(text);
            return null;
        }
    }

    /// <summary>The topic names in <c>args</c>; non-strings are kept as their JSON text so they can be refused by name.</summary>
    public List<string> Topics() =>
        Args.ValueKind != JsonValueKind.Array ? [] : [.. Args.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText())];

    private static string DecodeError(string text)
    {
        var first = text.TrimStart();
        var found = first.Length == 0 ? "EOF" : first[0].ToString();
        var context = text.Length > 50 ? text[..50] : text;
        return $"Failed to decode incoming data:readObjectStart: expect {{ or n, but found {found}, error found in #1 byte of ...|{context}|..., bigger context ...|{context}|...";
    }
}
