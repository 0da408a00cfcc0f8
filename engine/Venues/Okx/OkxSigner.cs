using System.Buffers.Text;
using System.Security.Cryptography;
using FundingArb.Gateway;

namespace FundingArb.Venues.Okx;

/// <summary>OKX v5 request signing (#overview-rest-authentication-signature, #overview-websocket-login): Base64 of
/// HMAC-SHA256(secret, prehash), where the prehash is <c>timestamp + METHOD + requestPath(?query) + body</c> for REST
/// (timestamp ISO 8601 UTC with milliseconds) and <c>timestamp + "GET" + "/users/self/verify"</c> for the WebSocket login
/// (timestamp in Unix seconds).</summary>
/// <remarks>One <see cref="HMACSHA256"/> keyed once and reused (DESIGN); not thread-safe, so one sending path owns it. The
/// prehash is assembled in a preallocated buffer and the digest goes to the stack: signing allocates nothing.</remarks>
public sealed class OkxSigner : IDisposable
{
    /// <summary>Base64 characters of a signature (32-byte digest).</summary>
    public const int SignatureLength = 44;
    /// <summary><c>2020-12-08T09:08:57.715Z</c>.</summary>
    public const int IsoTimestampLength = 24;

    private const int MaxPrehashBytes = 4096;
    private readonly HMACSHA256 _hmac;
    private readonly byte[] _prehash = new byte[MaxPrehashBytes];

    public OkxSigner(ApiCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _hmac = new HMACSHA256(credentials.Secret.ToArray());
    }

    /// <summary>Signs <c>timestamp + method + requestPath + body</c> into 44 Base64 characters.</summary>
    public void SignRest(ReadOnlySpan<byte> isoTimestamp, ReadOnlySpan<byte> method, ReadOnlySpan<byte> requestPath, ReadOnlySpan<byte> body,
        Span<byte> signature)
    {
        var length = isoTimestamp.Length + method.Length + requestPath.Length + body.Length;
        if (length > MaxPrehashBytes) throw new ArgumentException("The OKX request is too large to sign.", nameof(body));
        var at = 0;
        Append(isoTimestamp, ref at);
        Append(method, ref at);
        Append(requestPath, ref at);
        Append(body, ref at);
        Sign(_prehash.AsSpan(0, at), signature);
    }

    /// <summary>The login sign: <c>unixSeconds + "GET" + "/users/self/verify"</c>.</summary>
    public void SignLogin(long unixSeconds, Span<byte> signature)
    {
        if (!Utf8Formatter.TryFormat(unixSeconds, _prehash, out var at)) throw new ArgumentOutOfRangeException(nameof(unixSeconds));
        Append("GET/users/self/verify"u8, ref at);
        Sign(_prehash.AsSpan(0, at), signature);
    }

    /// <summary>Base64(HMAC-SHA256(secret, prehash)).</summary>
    public void Sign(ReadOnlySpan<byte> prehash, Span<byte> signature)
    {
        if (signature.Length < SignatureLength) throw new ArgumentException("The signature needs 44 bytes.", nameof(signature));
        Span<byte> mac = stackalloc byte[32];
        if (!_hmac.TryComputeHash(prehash, mac, out _)) throw new CryptographicException("HMAC-SHA256 did not fit 32 bytes.");
        Base64.EncodeToUtf8(mac, signature, out _, out _);
    }

    /// <summary>OK-ACCESS-TIMESTAMP: ISO 8601 UTC with milliseconds, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, written without
    /// allocating.</summary>
    public static void FormatIsoTimestamp(long unixMs, Span<byte> destination)
    {
        if (destination.Length < IsoTimestampLength) throw new ArgumentException("The timestamp needs 24 bytes.", nameof(destination));
        var time = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        Digits(time.Year, 4, destination);
        destination[4] = (byte)'-';
        Digits(time.Month, 2, destination[5..]);
        destination[7] = (byte)'-';
        Digits(time.Day, 2, destination[8..]);
        destination[10] = (byte)'T';
        Digits(time.Hour, 2, destination[11..]);
        destination[13] = (byte)':';
        Digits(time.Minute, 2, destination[14..]);
        destination[16] = (byte)':';
        Digits(time.Second, 2, destination[17..]);
        destination[19] = (byte)'.';
        Digits(time.Millisecond, 3, destination[20..]);
        destination[23] = (byte)'Z';
    }

    private static void Digits(int value, int count, Span<byte> destination)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    private void Append(ReadOnlySpan<byte> part, ref int at)
    {
        part.CopyTo(_prehash.AsSpan(at));
        at += part.Length;
    }

    public void Dispose() => _hmac.Dispose();

    public override string ToString() => "OkxSigner(HMAC-SHA256, key redacted)";
}
