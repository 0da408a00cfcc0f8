using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>Builds WS trade requests into a preallocated buffer (docs/v5/websocket/trade/guideline):
/// <c>{"reqId":"…","header":{"X-BAPI-TIMESTAMP":"…","X-BAPI-RECV-WINDOW":"…"},"op":"order.create","args":[{…}]}</c>,
/// the args item written by <see cref="BybitOrderParams"/>. The connection is authenticated once (<c>auth</c>), so a
/// request carries no signature; its timestamp is still checked against the recv window. Also the REST bodies (the same
/// object), which the REST client signs. Reused for every request; the frames allocate nothing once constructed.</summary>
/// <remarks>Not thread-safe: the buffer belongs to whoever holds the client's send gate. A frame is valid until the next call.</remarks>
internal sealed class BybitOrderWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _frame = new(2048);
    private readonly Utf8JsonWriter _json;

    public BybitOrderWriter() => _json = new Utf8JsonWriter(_frame, new JsonWriterOptions { SkipValidation = true });

    public ReadOnlyMemory<byte> CreateFrame(long requestId, in OrderRequest order, ReadOnlySpan<byte> symbol, long recvWindowMs, long timestampMs)
    {
        Begin(requestId, "order.create"u8, recvWindowMs, timestampMs);
        BybitOrderParams.Create(_json, order, symbol);
        return End();
    }

    public ReadOnlyMemory<byte> CancelFrame(long requestId, ReadOnlySpan<byte> symbol, in ClientOrderId clientOrderId, long recvWindowMs, long timestampMs)
    {
        Begin(requestId, "order.cancel"u8, recvWindowMs, timestampMs);
        BybitOrderParams.Cancel(_json, symbol, clientOrderId);
        return End();
    }

    /// <summary>The REST body of POST /v5/order/create (the fallback: allocates its array).</summary>
    public byte[] CreateBody(in OrderRequest order, ReadOnlySpan<byte> symbol)
    {
        Reset();
        BybitOrderParams.Create(_json, order, symbol);
        _json.Flush();
        return _frame.WrittenSpan.ToArray();
    }

    public byte[] CancelBody(ReadOnlySpan<byte> symbol, in ClientOrderId clientOrderId)
    {
        Reset();
        BybitOrderParams.Cancel(_json, symbol, clientOrderId);
        _json.Flush();
        return _frame.WrittenSpan.ToArray();
    }

    private void Reset()
    {
        _frame.ResetWrittenCount();
        _json.Reset(_frame);
    }

    private void Begin(long requestId, ReadOnlySpan<byte> op, long recvWindowMs, long timestampMs)
    {
        Span<byte> digits = stackalloc byte[20];
        Reset();
        _json.WriteStartObject();
        // reqId: unique per connection ("If passed, it can't be duplicated, otherwise you will get 20006"); ours never repeat.
        Utf8Formatter.TryFormat(requestId, digits, out var length);
        _json.WriteString("reqId"u8, digits[..length]);
        _json.WriteStartObject("header"u8);
        Utf8Formatter.TryFormat(timestampMs, digits, out length);
        _json.WriteString("X-BAPI-TIMESTAMP"u8, digits[..length]);
        Utf8Formatter.TryFormat(recvWindowMs, digits, out length);
        _json.WriteString("X-BAPI-RECV-WINDOW"u8, digits[..length]);
        _json.WriteEndObject();
        _json.WriteString("op"u8, op);
        _json.WriteStartArray("args"u8);
    }

    private ReadOnlyMemory<byte> End()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        return _frame.WrittenMemory;
    }

    public void Dispose() => _json.Dispose();
}
