using System.Globalization;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Hosting;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Binance;

/// <summary>A REST request as Binance reads it: parameters from the query string and the form body (the query
/// string wins when both carry one), plus both raw strings exactly as sent, which is what the signature covers.</summary>
public sealed class BinanceRequest
{
    private readonly Dictionary<string, string> _parameters;

    private BinanceRequest(HttpContext? http, string rawQuery, string rawBody, Dictionary<string, string> parameters)
    {
        Http = http;
        RawQuery = rawQuery;
        RawBody = rawBody;
        _parameters = parameters;
    }

    /// <summary>The HTTP request; null for a WebSocket API request, whose parameters arrive as JSON.</summary>
    public HttpContext? Http { get; }
    /// <summary>The query string as received, still percent-encoded, without the '?'.</summary>
    public string RawQuery { get; }
    public string RawBody { get; }
    public TradingAccount? Account { get; set; }

    public static async Task<(BinanceRequest? Request, BinanceError? Error)> ReadAsync(HttpContext http)
    {
        var (query, body) = await LoopbackHost.ReadRawAsync(http);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryAdd(parameters, query, overwrite: false)) return (null, BinanceError.DuplicateParameter);
        var fromBody = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryAdd(fromBody, body, overwrite: false)) return (null, BinanceError.DuplicateParameter);
        foreach (var (name, value) in fromBody) parameters.TryAdd(name, value); // the query string's value wins
        return (new BinanceRequest(http, query, body, parameters), null);
    }

    /// <summary>A WebSocket API request: its "params" object as name → text (numbers and booleans as written).</summary>
    public static BinanceRequest FromParameters(Dictionary<string, string> parameters) => new(null, "", "", parameters);

    private static bool TryAdd(Dictionary<string, string> into, string encoded, bool overwrite)
    {
        foreach (var part in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            if (!overwrite && into.ContainsKey(name)) return false;
            into[name] = value;
        }
        return true;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    public string? Get(string name) => _parameters.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public bool Has(string name) => _parameters.ContainsKey(name);

    /// <summary>The paging parameters of Binance's history endpoints: <c>limit</c> (default 100, 1 to 1000) and the
    /// optional <c>startTime</c>/<c>endTime</c>. Null when all are valid, else the error for the first bad one.</summary>
    public BinanceError? TryGetHistoryPage(out int limit, out long? start, out long? end)
    {
        limit = 100;
        start = end = null;
        if (Get("limit") is { } l && (!int.TryParse(l, out limit) || limit < 1 || limit > 1000)) return BinanceError.InvalidParameter("limit");
        if (Get("startTime") is { } st)
        {
            if (!TryParseLong(st, out var v)) return BinanceError.InvalidParameter("startTime");
            start = v;
        }
        if (Get("endTime") is { } et)
        {
            if (!TryParseLong(et, out var v)) return BinanceError.InvalidParameter("endTime");
            end = v;
        }
        return null;
    }

    public static bool TryParseLong(string? text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDecimal(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
