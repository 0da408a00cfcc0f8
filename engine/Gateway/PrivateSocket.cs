using System.Net.WebSockets;
using FundingArb.Feeds;

namespace FundingArb.Gateway;

/// <summary>A trading or private-stream WebSocket kept connected: connect, receive every message whole into a pooled
/// buffer, hand it to the handler; on any drop, tell the handler and reconnect after a jittered
/// <see cref="ReconnectBackoff"/> (reset once a connection has lived a minute). <see cref="ClientWebSocket"/> answers the
/// venue's pings with pongs carrying their payload, as Binance requires; <paramref name="keepAlive"/> adds unsolicited
/// pongs so an idle connection stays warm through proxies.</summary>
public sealed class PrivateSocket(IPrivateSocketHandler handler, ReconnectBackoff backoff, TimeProvider clock, TimeSpan keepAlive) : IAsyncDisposable
{
    public const int MaxMessageBytes = 4 * 1024 * 1024;
    private const int InitialBufferBytes = 64 * 1024;

    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private ClientWebSocket? _socket;
    private Task? _run;
    private long _connects;
    private long _disconnects;
    private volatile bool _connected;

    public bool IsConnected => _connected;
    public long Connects => Volatile.Read(ref _connects);
    public long Disconnects => Volatile.Read(ref _disconnects);
    /// <summary>The last transport failure, for status (never carries request content).</summary>
    public string? LastError { get; private set; }

    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Sends one text message; false if there is no open connection or the send failed (the receive loop then
    /// reconnects).</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null || !_connected) return false;
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State != WebSocketState.Open) return false;
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            LastError = e.Message;
            return false;
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Drops the current connection (it is then re-established as after any drop).</summary>
    public void Abort() => _socket?.Abort();

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var connectedAt = 0L;
            try
            {
                var uri = await handler.ResolveAsync(stop).ConfigureAwait(false);
                if (uri is not null)
                {
                    using var socket = new ClientWebSocket();
                    socket.Options.KeepAliveInterval = keepAlive;
                    _socket = socket;
                    await socket.ConnectAsync(uri, stop).ConfigureAwait(false);
                    connectedAt = clock.GetTimestamp();
                    Interlocked.Increment(ref _connects);
                    _connected = true;
                    await handler.OnConnectedAsync(this, stop).ConfigureAwait(false);
                    await ReceiveAsync(socket, stop).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or OperationCanceledException
                                          or ObjectDisposedException)
            {
                if (!stop.IsCancellationRequested) LastError = e.Message;
            }
            finally
            {
                if (connectedAt != 0)
                {
                    _connected = false;
                    Interlocked.Increment(ref _disconnects);
                    handler.OnDisconnected();
                }
            }
            if (stop.IsCancellationRequested) break;
            if (connectedAt != 0 && clock.GetElapsedTime(connectedAt) > TimeSpan.FromMinutes(1)) backoff.Reset();
            if (!await backoff.WaitAsync(clock, stop).ConfigureAwait(false)) break;
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken stop)
    {
        using var buffer = new MessageBuffer(InitialBufferBytes, MaxMessageBytes);
        while (await buffer.ReceiveAsync(socket, stop).ConfigureAwait(false))
            handler.OnMessage(buffer.Message, clock.GetTimestamp());
        LastError = buffer.Overflowed
            ? $"a message exceeded {MaxMessageBytes} bytes; reconnecting"
            : $"closed by the venue: {socket.CloseStatus} {socket.CloseStatusDescription}";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
        _sendGate.Dispose();
    }
}
