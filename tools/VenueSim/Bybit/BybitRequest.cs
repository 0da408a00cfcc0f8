using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Hosting;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Bybit;

/// <summary>A Bybit v5 request as the venue reads it: GET parameters from the query string, POST parameters from the
/// JSON body, plus both raw texts exactly as sent (the signature covers one of them). A JSON value may be a string, a
/// number or a boolean — clients send <c>reduceOnly</c> as <c>true</c> or <c>"true"</c> and <c>positionIdx</c> as
/// <c>0</c> or <c>"0"</c>; both are read alike. <c>null</c> counts as absent.</summary>
public sealed class BybitRequest
{
    private readonly Dictionary<string, (string Text, JsonValueKind Kind)> _parameters;

    private BybitRequest(HttpContext? http, string rawQuery, string rawBody, Dictionary<string, (string, JsonValueKind)> parameters)
    {
        Http = http;
        RawQuery = rawQuery;
        RawBody = rawBody;
        _parameters = parameters;
    }

    /// <summary>The HTTP request; null for a WebSocket trade request, whose parameters come as one JSON object.</summary>
    public HttpContext? Http { get; }
    /// <summary>The query string as received, still percent-encoded, without the '?'.</summary>
    public string RawQuery { get; }
    public string RawBody { get; }
    public TradingAccount? Account { get; set; }

    public static async Task<(BybitRequest? Request, BybitError? Error)> ReadAsync(HttpContext http)
    {
        var (query, body) = await LoopbackHost.ReadRawAsync(http);
        var parameters = new Dictionary<string, (string, JsonValueKind)>(StringComparer.Ordinal);
        if (HttpMethods.IsPost(http.Request.Method))
        {
            if (body.Trim().Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(body);
                    if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, BybitError.Params("request body must be a JSON object"));
                    AddJson(parameters, document.RootElement);
                }
                catch (JsonException)
                {
                    return (null, BybitError.Params("request body is not valid JSON"));
                }
            }
        }
        else
        {
            foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                var name = Decode(eq < 0 ? part : part[..eq]);
                parameters.TryAdd(name, (eq < 0 ? "" : Decode(part[(eq + 1)..]), JsonValueKind.String));
            }
        }
        return (new BybitRequest(http, query, body, parameters), null);
    }

    /// <summary>A WebSocket trade request: the single object of its <c>args</c>.</summary>
    public static BybitRequest FromJson(JsonElement parameters, TradingAccount account)
    {
        var values = new Dictionary<string, (string, JsonValueKind)>(StringComparer.Ordinal);
        AddJson(values, parameters);
        return new BybitRequest(null, "", "", values) { Account = account };
    }

    private static void AddJson(Dictionary<string, (string, JsonValueKind)> into, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            };
            if (text is not null) into.TryAdd(property.Name, (text, value.ValueKind));
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>The parameter's text; null when absent, null or empty.</summary>
    public string? Get(string name) =>
        _parameters.TryGetValue(name, out var v) && v.Text.Length > 0 && v.Kind is not (JsonValueKind.Object or JsonValueKind.Array) ? v.Text : null;

    /// <summary>A boolean given as JSON true/false or the strings "true"/"false"; false when absent. Null when malformed.</summary>
    public bool? GetBoolean(string name) => Get(name) switch
    {
        null => false,
        "true" => true,
        "false" => false,
        _ => null,
    };

    public static bool TryParseLong(string? text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDecimal(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary><c>limit</c> within [1, <paramref name="max"/>], <paramref name="fallback"/> when absent.</summary>
    public BybitError? TryGetLimit(int fallback, int max, out int limit)
    {
        limit = fallback;
        if (Get("limit") is not { } text) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max
            ? null : BybitError.Params("limit invalid");
    }

    /// <summary>Null when <c>category</c> is <c>linear</c>, the only product the simulator trades.</summary>
    public BybitError? CheckLinear() => Get("category") == "linear" ? null : BybitError.IllegalCategory;
}
