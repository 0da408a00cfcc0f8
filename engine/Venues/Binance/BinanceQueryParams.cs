using System.Buffers.Text;

namespace FundingArb.Venues.Binance;

/// <summary>Parameters as <c>name=value</c> joined by <c>&amp;</c> into a preallocated buffer: a REST query string, and the
/// WS API's signing payload. Values are ASCII without reserved characters (symbols, enums, decimals, client order ids of
/// letters and digits), so nothing needs percent-encoding and the bytes signed are the bytes sent.</summary>
internal struct BinanceQueryParams(byte[] buffer) : IBinanceParams
{
    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var span = Start(name, value.Length);
        value.CopyTo(span);
        Length += value.Length;
    }

    public void Integer(ReadOnlySpan<byte> name, long value)
    {
        var span = Start(name, 20);
        if (!Utf8Formatter.TryFormat(value, span, out var written)) throw new InvalidOperationException("Binance parameter buffer is full.");
        Length += written;
    }

    /// <summary>Appends <c>&amp;signature=&lt;hex&gt;</c>.</summary>
    public void AppendSignature(ReadOnlySpan<byte> hex) => Text("signature"u8, hex);

    private Span<byte> Start(ReadOnlySpan<byte> name, int valueRoom)
    {
        var needed = (Length > 0 ? 1 : 0) + name.Length + 1 + valueRoom;
        if (Length + needed > buffer.Length) throw new InvalidOperationException("Binance parameter buffer is full.");
        if (Length > 0) buffer[Length++] = (byte)'&';
        name.CopyTo(buffer.AsSpan(Length));
        Length += name.Length;
        buffer[Length++] = (byte)'=';
        return buffer.AsSpan(Length);
    }
}
