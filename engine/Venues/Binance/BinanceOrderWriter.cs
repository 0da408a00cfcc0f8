using System.Buffers;
using System.Text.Json;
using FundingArb.Gateway;

namespace FundingArb.Venues.Binance;

/// <summary>Builds signed Binance requests into preallocated buffers: WS API frames
/// (<c>{"id","method","params":{…,"apiKey","signature"}}</c>) and REST query strings (<c>…&amp;signature=</c>), both from
/// <see cref="BinanceOrderParams"/>. Reused for every request; allocates nothing once constructed.</summary>
/// <remarks>Not thread-safe: the buffers and the signer belong to whoever holds the client's send gate. A result is
/// valid until the next call.</remarks>
internal sealed class BinanceOrderWriter : IDisposable
{
    private const int PayloadBytes = 2048;
    private readonly BinanceSigner _signer;
    private readonly byte[] _apiKey;
    private readonly ArrayBufferWriter<byte> _frame = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _payload = new byte[PayloadBytes];
    private readonly byte[] _query = new byte[PayloadBytes];

    public BinanceOrderWriter(ApiCredentials credentials)
    {
        _signer = new BinanceSigner(credentials);
        _apiKey = credentials.ApiKeyUtf8;
        _json = new Utf8JsonWriter(_frame, new JsonWriterOptions { SkipValidation = true });
    }

    public ReadOnlyMemory<byte> PlaceFrame(long requestId, in OrderRequest order, ReadOnlySpan<byte> symbol, long recvWindowMs, long timestampMs)
    {
        var p = Begin(requestId, "order.place"u8);
        BinanceOrderParams.Place(ref p, order, symbol, recvWindowMs, timestampMs);
        return End(ref p);
    }

    public ReadOnlyMemory<byte> CancelFrame(long requestId, ReadOnlySpan<byte> symbol, in ClientOrderId clientOrderId, long recvWindowMs, long timestampMs)
    {
        var p = Begin(requestId, "order.cancel"u8);
        BinanceOrderParams.OrderByClientId(ref p, symbol, clientOrderId, recvWindowMs, timestampMs);
        return End(ref p);
    }

    public ReadOnlyMemory<byte> StatusFrame(long requestId, ReadOnlySpan<byte> symbol, in ClientOrderId clientOrderId, long recvWindowMs, long timestampMs)
    {
        var p = Begin(requestId, "order.status"u8);
        BinanceOrderParams.OrderByClientId(ref p, symbol, clientOrderId, recvWindowMs, timestampMs);
        return End(ref p);
    }

    public ReadOnlySpan<byte> PlaceQuery(in OrderRequest order, ReadOnlySpan<byte> symbol, long recvWindowMs, long timestampMs)
    {
        var q = new BinanceQueryParams(_query);
        BinanceOrderParams.Place(ref q, order, symbol, recvWindowMs, timestampMs);
        return _query.AsSpan(0, Signed(ref q));
    }

    public ReadOnlySpan<byte> OrderQuery(ReadOnlySpan<byte> symbol, in ClientOrderId clientOrderId, long recvWindowMs, long timestampMs)
    {
        var q = new BinanceQueryParams(_query);
        BinanceOrderParams.OrderByClientId(ref q, symbol, clientOrderId, recvWindowMs, timestampMs);
        return _query.AsSpan(0, Signed(ref q));
    }

    public ReadOnlySpan<byte> AccountQuery(ReadOnlySpan<byte> symbol, long recvWindowMs, long timestampMs)
    {
        var q = new BinanceQueryParams(_query);
        BinanceOrderParams.Account(ref q, symbol, recvWindowMs, timestampMs);
        return _query.AsSpan(0, Signed(ref q));
    }

    /// <summary>Any other signed request (off the order path): its query as given, signed.</summary>
    public ReadOnlySpan<byte> SignedQuery(ReadOnlySpan<byte> unsignedQuery)
    {
        unsignedQuery.CopyTo(_query);
        return SignRaw(unsignedQuery.Length);
    }

    private int Signed(ref BinanceQueryParams q)
    {
        Span<byte> signature = stackalloc byte[BinanceSigner.SignatureLength];
        _signer.Sign(q.Written, signature);
        q.AppendSignature(signature);
        return q.Length;
    }

    private ReadOnlySpan<byte> SignRaw(int length)
    {
        Span<byte> signature = stackalloc byte[BinanceSigner.SignatureLength];
        _signer.Sign(_query.AsSpan(0, length), signature);
        var at = length;
        if (at > 0) _query[at++] = (byte)'&';
        "signature="u8.CopyTo(_query.AsSpan(at));
        at += "signature="u8.Length;
        signature.CopyTo(_query.AsSpan(at));
        return _query.AsSpan(0, at + BinanceSigner.SignatureLength);
    }

    private BinanceJsonParams Begin(long requestId, ReadOnlySpan<byte> method)
    {
        _frame.ResetWrittenCount();
        _json.Reset(_frame);
        _json.WriteStartObject();
        _json.WriteNumber("id"u8, requestId);
        _json.WriteString("method"u8, method);
        _json.WriteStartObject("params"u8);
        var p = new BinanceJsonParams(_json, _payload);
        p.Text("apiKey"u8, _apiKey); // first in name order
        return p;
    }

    private ReadOnlyMemory<byte> End(ref BinanceJsonParams p)
    {
        Span<byte> signature = stackalloc byte[BinanceSigner.SignatureLength];
        _signer.Sign(p.Payload, signature);
        _json.WriteString("signature"u8, signature);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        return _frame.WrittenMemory;
    }

    public void Dispose()
    {
        _json.Dispose();
        _signer.Dispose();
    }
}
