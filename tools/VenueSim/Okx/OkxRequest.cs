using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Okx;

/// <summary>A REST request as OKX reads it: GET parameters from the query string, POST parameters from a JSON object
/// body, and the raw request path with its query and the raw body, which is what the signature covers.</summary>
public sealed class OkxRequest
{
    private readonly Dictionary<string, string> _query;

    private OkxRequest(HttpContext http, string pathAndQuery, string rawBody, Dictionary<string, string> query, JsonElement? body)
    {
        Http = http;
        PathAndQuery = pathAndQuery;
        RawBody = rawBody;
        _query = query;
        Body = body;
    }

    public HttpContext Http { get; }
    public string Method => Http.Request.Method;
    /// <summary>The path with its '?query' exactly as sent (still percent-encoded): the signed requestPath.</summary>
    public string PathAndQuery { get; }
    public string RawBody { get; }
    /// <summary>The POST body's JSON object; null for a GET.</summary>
    public JsonElement? Body { get; }
    public TradingAccount? Account { get; set; }

    public static async Task<(OkxRequest? Request, OkxError? Error)> ReadAsync(HttpContext http)
    {
        var rawQuery = http.Request.QueryString.HasValue ? http.Request.QueryString.Value! : "";
        var body = "";
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            query[Decode(eq < 0 ? part : part[..eq])] = eq < 0 ? "" : Decode(part[(eq + 1)..]);
        }
        JsonElement? json = null;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            if (body.Length == 0) return (null, OkxError.PostBodyEmpty);
            try
            {
                using var document = JsonDocument.Parse(body);
                // Batch endpoints take an array of orders; every other POST takes one object.
                var expected = (http.Request.Path.Value ?? "").StartsWith("/api/v5/trade/batch-", StringComparison.Ordinal)
                    ? JsonValueKind.Array : JsonValueKind.Object;
                if (document.RootElement.ValueKind != expected) return (null, OkxError.JsonSyntax);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return (null, OkxError.JsonSyntax);
            }
        }
        return (new OkxRequest(http, (http.Request.Path.Value ?? "/") + rawQuery, body, query, json), null);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>A query-string parameter (GET) or a body field (POST); null when absent or empty.</summary>
    public string? Get(string name)
    {
        if (Body is { ValueKind: JsonValueKind.Object } body) return OkxArgs.Text(body, name);
        return _query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
    }

    public string? Header(string name) => Http.Request.Headers[name].ToString() is { Length: > 0 } value ? value : null;
}
