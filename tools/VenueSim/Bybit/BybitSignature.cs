using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Bybit v5 HMAC signing (docs/v5/guide, "Authentication"): headers X-BAPI-API-KEY, X-BAPI-TIMESTAMP,
/// X-BAPI-SIGN and the optional X-BAPI-RECV-WINDOW (default 5000 ms); sign = lower-case hex HMAC-SHA256 of
/// timestamp + API key + recv_window + (the raw query string for GET | the raw JSON body for POST), each piece exactly
/// as sent — recv_window is the header's text, empty when the header is absent; then the timing rule
/// <c>server_time − recv_window ≤ timestamp &lt; server_time + 1000</c> against the wall clock.</summary>
public static class BybitSignature
{
    public const string ApiKeyHeader = "X-BAPI-API-KEY";
    public const string TimestampHeader = "X-BAPI-TIMESTAMP";
    public const string SignHeader = "X-BAPI-SIGN";
    public const string RecvWindowHeader = "X-BAPI-RECV-WINDOW";
    private const long DefaultRecvWindow = 5000;

    /// <summary>Checks a signed REST request and sets its account; null when it passes.</summary>
    public static BybitError? Verify(BybitRequest request, SimulatedExchange exchange, long serverTime)
    {
        var headers = request.Http!.Request.Headers;
        var key = headers[ApiKeyHeader].ToString();
        var timestamp = headers[TimestampHeader].ToString();
        var sign = headers[SignHeader].ToString();
        var recvWindow = headers[RecvWindowHeader].ToString();
        if (key.Length == 0 || timestamp.Length == 0) return BybitError.EmptyCredentials(timestamp, key);
        if (sign.Length == 0) return BybitError.EmptySignature(timestamp, key);
        if (!exchange.TryGetAccount(key, out var account)) return BybitError.ApiKeyInvalid;
        var payload = request.Http.Request.Method == "GET" ? request.RawQuery : request.RawBody;
        var signed = timestamp + key + recvWindow + payload;
        if (!string.Equals(Sign(account.Secret, signed), sign, StringComparison.OrdinalIgnoreCase)) return BybitError.BadSign(signed);
        if (CheckTiming(timestamp, recvWindow, serverTime) is { } late) return late;
        request.Account = account;
        return null;
    }

    /// <summary>The timing rule; null when the request is in time. An absent or empty recv window means 5000 ms.</summary>
    public static BybitError? CheckTiming(string timestamp, string? recvWindowText, long serverTime)
    {
        var recvWindow = DefaultRecvWindow;
        if (!string.IsNullOrEmpty(recvWindowText) && (!BybitRequest.TryParseLong(recvWindowText, out recvWindow) || recvWindow <= 0))
            return BybitError.Params("recv_window invalid");
        if (!BybitRequest.TryParseLong(timestamp, out var time) || time < serverTime - recvWindow || time >= serverTime + 1000)
            return BybitError.OutsideRecvWindow(timestamp, serverTime, recvWindow);
        return null;
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="payload"/> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    /// <summary>A WebSocket <c>auth</c> request's <c>args</c>, <c>[api key, expires, signature]</c> (docs/v5/ws/connect,
    /// "Authentication"): signature = hex HMAC-SHA256 of "GET/realtime" + expires; expires (ms, a number or a string, as
    /// clients send either) must lie in the future of the wall clock.</summary>
    public static BybitAuthFailure? VerifyRealtime(JsonElement args, SimulatedExchange exchange, long serverTime, out TradingAccount? account)
    {
        account = null;
        if (args.ValueKind != JsonValueKind.Array || args.GetArrayLength() != 3) return BybitAuthFailure.Params;
        var (keyElement, expiresElement, signElement) = (args[0], args[1], args[2]);
        if (keyElement.ValueKind != JsonValueKind.String || signElement.ValueKind != JsonValueKind.String) return BybitAuthFailure.Params;
        var expiresText = expiresElement.ValueKind switch
        {
            JsonValueKind.Number => expiresElement.GetRawText(),
            JsonValueKind.String => expiresElement.GetString(),
            _ => null,
        };
        if (!BybitRequest.TryParseLong(expiresText, out var expires) || expires <= serverTime) return BybitAuthFailure.Params;
        if (!exchange.TryGetAccount(keyElement.GetString()!, out var found)) return BybitAuthFailure.UnknownKey;
        if (!string.Equals(Sign(found.Secret, "GET/realtime" + expiresText), signElement.GetString(), StringComparison.OrdinalIgnoreCase))
            return BybitAuthFailure.BadSign;
        account = found;
        return null;
    }
}
