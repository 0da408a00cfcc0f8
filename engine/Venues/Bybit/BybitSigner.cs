using System.Buffers.Text;
using System.Security.Cryptography;
using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5 HMAC signing (docs/v5/guide, "Authentication"; docs/v5/ws/connect, "Authentication"): lower-case hex
/// of HMAC-SHA256 over <c>timestamp + API key + recv_window + (queryString | jsonBodyString)</c> for REST, and over
/// <c>"GET/realtime" + expires</c> for a WebSocket <c>auth</c>.</summary>
/// <remarks>The pieces are fed to one keyed <see cref="IncrementalHash"/> in turn, so nothing is concatenated and
/// nothing is allocated; the digest and its hex go to stack buffers. A lock makes the one instance safe to share between
/// the order path, REST and the stream's auth (uncontended, it costs a few nanoseconds).</remarks>
public sealed class BybitSigner : IDisposable
{
    /// <summary>Hex characters of a signature.</summary>
    public const int SignatureLength = 64;

    private readonly IncrementalHash _hmac;
    private readonly byte[] _apiKey;
    private readonly Lock _lock = new();

    public BybitSigner(ApiCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, credentials.Secret);
        _apiKey = credentials.ApiKeyUtf8;
    }

    /// <summary>Writes the 64 lower-case hex characters of HMAC-SHA256(secret, <paramref name="text"/>).</summary>
    public void Sign(ReadOnlySpan<byte> text, Span<byte> hex) => Sign(text, default, default, default, hex);

    /// <summary>The REST sign (and the string the venue checks): timestamp + key + recv window + payload, exactly the
    /// bytes sent (the query string of a GET, the JSON body of a POST).</summary>
    public void SignRequest(long timestampMs, long recvWindowMs, ReadOnlySpan<byte> payload, Span<byte> hex)
    {
        Span<byte> timestamp = stackalloc byte[20];
        Span<byte> window = stackalloc byte[20];
        Utf8Formatter.TryFormat(timestampMs, timestamp, out var timestampLength);
        Utf8Formatter.TryFormat(recvWindowMs, window, out var windowLength);
        Sign(timestamp[..timestampLength], _apiKey, window[..windowLength], payload, hex);
    }

    /// <summary>The WebSocket auth sign: HMAC of <c>"GET/realtime" + expires</c>.</summary>
    public void SignRealtime(long expiresMs, Span<byte> hex)
    {
        Span<byte> expires = stackalloc byte[20];
        Utf8Formatter.TryFormat(expiresMs, expires, out var length);
        Sign("GET/realtime"u8, expires[..length], default, default, hex);
    }

    /// <summary>The <c>auth</c> request of the private stream and the trade API (docs/v5/ws/connect):
    /// <c>{"op":"auth","args":["key",expires,"sign"]}</c>. Once per connection, so it may allocate.</summary>
    public byte[] AuthMessage(long expiresMs)
    {
        Span<byte> sign = stackalloc byte[SignatureLength];
        SignRealtime(expiresMs, sign);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("op"u8, "auth"u8);
            json.WriteStartArray("args"u8);
            json.WriteStringValue(_apiKey);
            json.WriteNumberValue(expiresMs);
            json.WriteStringValue(sign);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Sends the <c>auth</c> request on a fresh connection; a connection that cannot take it is dropped (and
    /// reconnects).</summary>
    public async ValueTask AuthenticateAsync(PrivateSocket socket, long expiresMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!await socket.SendAsync(AuthMessage(expiresMs), cancellationToken).ConfigureAwait(false)) socket.Abort();
    }

    private void Sign(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, Span<byte> hex)
    {
        if (hex.Length < SignatureLength) throw new ArgumentException("The signature needs 64 bytes.", nameof(hex));
        Span<byte> mac = stackalloc byte[32];
        lock (_lock)
        {
            _hmac.AppendData(a);
            _hmac.AppendData(b);
            _hmac.AppendData(c);
            _hmac.AppendData(d);
            if (!_hmac.TryGetHashAndReset(mac, out _)) throw new CryptographicException("HMAC-SHA256 did not fit 32 bytes.");
        }
        Convert.TryToHexStringLower(mac, hex, out _);
    }

    public void Dispose() => _hmac.Dispose();

    public override string ToString() => "BybitSigner(HMAC-SHA256, key redacted)";
}
