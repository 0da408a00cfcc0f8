using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using FundingArb.Gateway;

namespace FundingArb.Venues.Okx;

/// <summary>Builds OKX requests into preallocated buffers: WebSocket op frames (<c>{"id","op","args":[{…}]}</c>, no
/// signature: the session is logged in), the login frame, and REST bodies with their <c>OK-ACCESS-TIMESTAMP</c> and
/// <c>OK-ACCESS-SIGN</c>, all from <see cref="OkxOrderParams"/>. Reused for every request; allocates nothing once
/// constructed.</summary>
/// <remarks>Not thread-safe: the buffers and the signer belong to whoever holds the client's send gate. A result is
/// valid until the next call.</remarks>
internal sealed class OkxOrderWriter : IDisposable
{
    private readonly OkxSigner _signer;
    private readonly byte[] _apiKey;
    private readonly byte[] _passphrase;
    private readonly ArrayBufferWriter<byte> _frame = new(2048);
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _timestamp = new byte[OkxSigner.IsoTimestampLength];
    private readonly byte[] _signature = new byte[OkxSigner.SignatureLength];

    public OkxOrderWriter(ApiCredentials credentials)
    {
        _signer = new OkxSigner(credentials);
        _apiKey = credentials.ApiKeyUtf8;
        _passphrase = System.Text.Encoding.UTF8.GetBytes(credentials.Passphrase ?? "");
        _json = new Utf8JsonWriter(_frame, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>The <c>OK-ACCESS-TIMESTAMP</c> of the last <see cref="SignRest"/>.</summary>
    public ReadOnlySpan<byte> Timestamp => _timestamp;

    /// <summary>The <c>OK-ACCESS-SIGN</c> of the last <see cref="SignRest"/>.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <param name="expTimeMs">#order-book-trading-trade-ws-place-order <c>expTime</c>: the venue does not process the op
    /// after this time (unix ms, its clock) and answers sCode 50037 instead; 0 for none.</param>
    public ReadOnlyMemory<byte> PlaceOp(long requestId, in OrderRequest order, ReadOnlySpan<byte> instId, long expTimeMs = 0)
    {
        BeginOp(requestId, "order"u8, expTimeMs);
        OkxOrderParams.Place(_json, order, instId);
        return EndOp();
    }

    public ReadOnlyMemory<byte> CancelOp(long requestId, ReadOnlySpan<byte> instId, in ClientOrderId clientOrderId)
    {
        BeginOp(requestId, "cancel-order"u8);
        OkxOrderParams.Cancel(_json, instId, clientOrderId);
        return EndOp();
    }

    public ReadOnlyMemory<byte> PlaceBody(in OrderRequest order, ReadOnlySpan<byte> instId)
    {
        Begin();
        OkxOrderParams.Place(_json, order, instId);
        return End();
    }

    public ReadOnlyMemory<byte> CancelBody(ReadOnlySpan<byte> instId, in ClientOrderId clientOrderId)
    {
        Begin();
        OkxOrderParams.Cancel(_json, instId, clientOrderId);
        return End();
    }

    /// <summary>Any other JSON body (account settings): the object <paramref name="write"/> writes.</summary>
    public ReadOnlyMemory<byte> Body(Action<Utf8JsonWriter> write)
    {
        Begin();
        write(_json);
        return End();
    }

    /// <summary>#overview-websocket-login: <c>{"op":"login","args":[{"apiKey","passphrase","timestamp","sign"}]}</c>.</summary>
    public ReadOnlyMemory<byte> LoginFrame(long unixSeconds)
    {
        Span<byte> seconds = stackalloc byte[20];
        Utf8Formatter.TryFormat(unixSeconds, seconds, out var secondsLength);
        _signer.SignLogin(unixSeconds, _signature);
        Begin();
        _json.WriteStartObject();
        _json.WriteString("op"u8, "login"u8);
        _json.WriteStartArray("args"u8);
        _json.WriteStartObject();
        _json.WriteString("apiKey"u8, _apiKey);
        _json.WriteString("passphrase"u8, _passphrase);
        _json.WriteString("timestamp"u8, seconds[..secondsLength]);
        _json.WriteString("sign"u8, _signature);
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        return End();
    }

    /// <summary>Signs a REST request at <paramref name="nowMs"/> (venue clock): <see cref="Timestamp"/> and
    /// <see cref="Signature"/> then hold its headers. <paramref name="requestPath"/> includes the query.</summary>
    public void SignRest(ReadOnlySpan<byte> method, ReadOnlySpan<byte> requestPath, ReadOnlySpan<byte> body, long nowMs)
    {
        OkxSigner.FormatIsoTimestamp(nowMs, _timestamp);
        _signer.SignRest(_timestamp, method, requestPath, body, _signature);
    }

    private void BeginOp(long requestId, ReadOnlySpan<byte> op, long expTimeMs = 0)
    {
        Span<byte> id = stackalloc byte[20];
        Utf8Formatter.TryFormat(requestId, id, out var idLength);
        Begin();
        _json.WriteStartObject();
        _json.WriteString("id"u8, id[..idLength]); // 1-32 alphanumerics: the request id in decimal
        _json.WriteString("op"u8, op);
        if (expTimeMs > 0)
        {
            Utf8Formatter.TryFormat(expTimeMs, id, out var expLength);
            _json.WriteString("expTime"u8, id[..expLength]);
        }
        _json.WriteStartArray("args"u8);
    }

    private ReadOnlyMemory<byte> EndOp()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        return End();
    }

    private void Begin()
    {
        _frame.ResetWrittenCount();
        _json.Reset(_frame);
    }

    private ReadOnlyMemory<byte> End()
    {
        _json.Flush();
        return _frame.WrittenMemory;
    }

    public void Dispose()
    {
        _json.Dispose();
        _signer.Dispose();
    }
}
