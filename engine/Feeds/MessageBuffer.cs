using System.Buffers;

namespace FundingArb.Feeds;

/// <summary>The receive buffer of one WebSocket connection: rented from <see cref="ArrayPool{T}"/>, grown (doubling)
/// while a message spans more WebSocket fragments than it holds, up to a cap; shrunk back after an outsized message so
/// that one message does not pin a large array for good. Parsers need each message in one contiguous span.</summary>
public sealed class MessageBuffer(int initialBytes, int maxBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    private int _filled;

    /// <summary>Where the next fragment goes.</summary>
    public Memory<byte> Free => _buffer.AsMemory(_filled);

    /// <summary>The message received so far.</summary>
    public ReadOnlySpan<byte> Message => _buffer.AsSpan(0, _filled);

    /// <summary>Makes room for more of the current message; false when it already fills <c>maxBytes</c>.</summary>
    public bool TryMakeRoom()
    {
        if (_filled < _buffer.Length) return true;
        if (_buffer.Length >= maxBytes) return false;
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        return true;
    }

    public void Advance(int received) => _filled += received;

    /// <summary>Starts the next message.</summary>
    public void Clear()
    {
        _filled = 0;
        if (_buffer.Length <= 4 * initialBytes) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
