using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Okx;

/// <summary>OKX v5 authentication (#overview-rest-authentication-signature, #overview-websocket-login): the sign is
/// Base64(HMAC-SHA256(secret, prehash)). REST: prehash = OK-ACCESS-TIMESTAMP + METHOD + requestPath (with its
/// ?query) + body, the timestamp ISO 8601 UTC with milliseconds; WebSocket login: timestamp (Unix seconds) + "GET" +
/// "/users/self/verify". Either is refused when the timestamp is more than 30 s from the server's (wall) clock.</summary>
public static class OkxSignature
{
    public const string KeyHeader = "OK-ACCESS-KEY";
    public const string SignHeader = "OK-ACCESS-SIGN";
    public const string TimestampHeader = "OK-ACCESS-TIMESTAMP";
    public const string PassphraseHeader = "OK-ACCESS-PASSPHRASE";
    public const string LoginPath = "/users/self/verify";
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>Checks a private REST request's headers in the order: presence, timestamp, key, passphrase, sign;
    /// sets <see cref="OkxRequest.Account"/> on success.</summary>
    public static OkxError? Verify(OkxRequest request, SimulatedExchange exchange, TimeProvider wallClock)
    {
        var key = request.Header(KeyHeader);
        if (key is null) return OkxError.KeyHeaderEmpty;
        var sign = request.Header(SignHeader);
        if (sign is null) return OkxError.SignHeaderEmpty;
        var timestamp = request.Header(TimestampHeader);
        if (timestamp is null) return OkxError.TimestampHeaderEmpty;
        var passphrase = request.Header(PassphraseHeader);
        if (passphrase is null) return OkxError.PassphraseHeaderEmpty;
        if (!DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return OkxError.InvalidTimestamp;
        if ((wallClock.GetUtcNow() - at).Duration() > Window) return OkxError.TimestampExpired;
        if (!exchange.TryGetAccount(key, out var account)) return OkxError.InvalidKey;
        if (!string.Equals(account.Passphrase, passphrase, StringComparison.Ordinal)) return OkxError.PassphraseIncorrect;
        var expected = Sign(account.Secret, timestamp + request.Method.ToUpperInvariant() + request.PathAndQuery + request.RawBody);
        if (!FixedTimeEquals(expected, sign)) return OkxError.InvalidSignature;
        request.Account = account;
        return null;
    }

    /// <summary>Checks one WebSocket login argument {apiKey, passphrase, timestamp, sign}.</summary>
    public static OkxError? VerifyLogin(JsonElement argument, SimulatedExchange exchange, TimeProvider wallClock, out TradingAccount? account)
    {
        account = null;
        foreach (var name in (ReadOnlySpan<string>)["apiKey", "passphrase", "timestamp", "sign"])
            if (OkxArgs.Text(argument, name) is null) return OkxError.WsEmpty(name);
        var timestampText = OkxArgs.Text(argument, "timestamp")!;
        if (!decimal.TryParse(timestampText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds > 1e11m)
            return OkxError.WsInvalidTimestamp;
        var at = DateTimeOffset.UnixEpoch.AddMilliseconds((double)(seconds * 1000));
        if ((wallClock.GetUtcNow() - at).Duration() > Window) return OkxError.WsTimestampExpired;
        if (!exchange.TryGetAccount(OkxArgs.Text(argument, "apiKey")!, out var found)) return OkxError.WsInvalidKey;
        if (!string.Equals(found.Passphrase, OkxArgs.Text(argument, "passphrase"), StringComparison.Ordinal)) return OkxError.WsWrongPassphrase;
        if (!FixedTimeEquals(Sign(found.Secret, timestampText + "GET" + LoginPath), OkxArgs.Text(argument, "sign")!)) return OkxError.WsInvalidSign;
        account = found;
        return null;
    }

    public static string Sign(string secret, string prehash) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(prehash)));

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
