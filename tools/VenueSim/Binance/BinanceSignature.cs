using System.Security.Cryptography;
using System.Text;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Binance;

/// <summary>Binance's SIGNED-endpoint rules (USDⓈ-M general-info): the key in X-MBX-APIKEY; signature =
/// hex(HMAC-SHA256(secret, totalParams)) where totalParams is the query string concatenated with the request body
/// exactly as sent (no '&amp;' added between them), the signature parameter itself left out; the hex compared
/// without regard to case; then the timing rule against the server's (wall) clock:
/// <c>timestamp &lt; serverTime + 1000 &amp;&amp; serverTime − timestamp &lt;= recvWindow</c>, recvWindow defaulting to 5000.</summary>
public static class BinanceSignature
{
    public const string ApiKeyHeader = "X-MBX-APIKEY";
    private const long DefaultRecvWindow = 5000;
    private const long MaxRecvWindow = 60000;

    /// <summary>The account whose key the request carries (USER_STREAM endpoints need only this).</summary>
    public static BinanceError? Authenticate(BinanceRequest request, SimulatedExchange exchange)
    {
        var key = request.Http!.Request.Headers[ApiKeyHeader].ToString();
        if (key.Length == 0) return BinanceError.ApiKeyFormat;
        if (!exchange.TryGetAccount(key, out var account)) return BinanceError.RejectedApiKey;
        request.Account = account;
        return null;
    }

    /// <summary>Key, signature and timestamp of a TRADE/USER_DATA request, in that order.</summary>
    public static BinanceError? Verify(BinanceRequest request, SimulatedExchange exchange, TimeProvider wallClock)
    {
        if (Authenticate(request, exchange) is { } keyError) return keyError;
        var account = request.Account!;
        if (!BinanceRequest.TryParseLong(request.Get("timestamp"), out var timestamp)) return BinanceError.MandatoryParameter("timestamp");
        var signature = request.Get("signature");
        if (signature is null) return BinanceError.MandatoryParameter("signature");
        var payload = WithoutSignature(request.RawQuery) + WithoutSignature(request.RawBody);
        if (!string.Equals(Sign(account.Secret, payload), signature, StringComparison.OrdinalIgnoreCase)) return BinanceError.InvalidSignature;
        return CheckTiming(request.Get("recvWindow"), timestamp, wallClock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>Binance's timing rule; null when the request is in time.</summary>
    public static BinanceError? CheckTiming(string? recvWindowText, long timestamp, long serverTime)
    {
        var recvWindow = DefaultRecvWindow;
        if (recvWindowText is not null && (!BinanceRequest.TryParseLong(recvWindowText, out recvWindow) || recvWindow <= 0 || recvWindow > MaxRecvWindow))
            return BinanceError.InvalidParameter("recvWindow");
        if (timestamp >= serverTime + 1000) return BinanceError.InvalidTimestampAhead;
        if (serverTime - timestamp > recvWindow) return BinanceError.InvalidTimestampWindow;
        return null;
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="payload"/> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    /// <summary><paramref name="encoded"/> with its signature parameter removed and the rest untouched.</summary>
    public static string WithoutSignature(string encoded)
    {
        if (encoded.Length == 0) return encoded;
        var parts = encoded.Split('&');
        var kept = parts.Where(p => !p.StartsWith("signature=", StringComparison.Ordinal) && p != "signature");
        return string.Join('&', kept);
    }
}
