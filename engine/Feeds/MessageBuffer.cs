using System.Buffers;
using System.Net.WebSockets;

namespace FundingArb.Feeds;

/// <summary>The receive buffer of one WebSocket connection: rented from <see cref="ArrayPool{T}"/>, grown (doubling)
/// while a message spans more WebSocket fragments than it holds, up to a cap; shrunk back after an outsized message so
/// that one message does not pin a large array for good. Parsers need each message in one contiguous span.</summary>
public sealed class MessageBuffer(int initialBytes, int maxBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    private int _filled;

    private Memory<byte> Free => _buffer.AsMemory(_filled);

    /// <summary>The message received so far.</summary>
    public ReadOnlySpan<byte> Message => _buffer.AsSpan(0, _filled);

    /// <summary>True once the last receive stopped because a message exceeded <c>maxBytes</c>.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Receives fragments until a whole message is in <see cref="Message"/> (true), or the venue closed the
    /// connection or the message outgrew <c>maxBytes</c> (false; <see cref="Overflowed"/> tells which).</summary>
    public async ValueTask<bool> ReceiveAsync(WebSocket socket, CancellationToken stop)
    {
        Clear();
        while (true)
        {
            if (!TryMakeRoom())
            {
                Overflowed = true;
                return false;
            }
            var received = await socket.ReceiveAsync(Free, stop).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close) return false;
            _filled += received.Count;
            if (received.EndOfMessage) return true;
        }
    }

    /// <summary>Makes room for more of the current message; false when it already fills <c>maxBytes</c>.</summary>
    private bool TryMakeRoom()
    {
        if (_filled < _buffer.Length) return true;
        if (_buffer.Length >= maxBytes) return false;
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        return true;
    }

    private void Clear()
    {
        _filled = 0;
        if (_buffer.Length <= 4 * initialBytes) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
