using System.Runtime.CompilerServices;
using System.Net.WebSockets;
using FundingArb.Feeds;

namespace FundingArb.Gateway;

/// <summary>A trading or private-stream WebSocket kept connected: connect, receive every message whole into a pooled
/// buffer, hand it to the handler; on any drop, tell the handler and reconnect after a jittered
/// <see cref="ReconnectBackoff"/> (reset once a connection has lived a minute). <see cref="ClientWebSocket"/> answers the
/// venue's pings with pongs carrying their payload, as Binance requires.</summary>
/// <remarks>A connection can die without closing (a NAT or proxy drops its state, the peer vanishes): nothing arrives
/// and sends still "succeed" into the kernel buffer. Two things detect it: a WebSocket ping every keep-alive interval
/// whose pong must come back within the keep-alive timeout (<see cref="ClientWebSocketOptions.KeepAliveTimeout"/>; the
/// socket aborts itself otherwise), and, where the owner gives one, a silence limit on messages (on the owner's
/// clock), with a probe message sent when a third of it has passed without one, so that a live but idle stream always
/// has something to say. <see cref="Abort"/> lets the owner drop a connection it has found dead by other signs.</remarks>
public sealed class PrivateSocket : IAsyncDisposable
{
    public const int MaxMessageBytes = 4 * 1024 * 1024;
    private const int InitialBufferBytes = 64 * 1024;
    /// <summary>The pong deadline when the caller gives none: long enough for a loaded venue, short enough that orders
    /// stop going into a dead link within a ping interval and this.</summary>
    public static readonly TimeSpan DefaultKeepAliveTimeout = TimeSpan.FromSeconds(10);

    private readonly IPrivateSocketHandler handler;
    private readonly ReconnectBackoff backoff;
    private readonly TimeProvider clock;
    private readonly TimeSpan keepAlive;
    private readonly TimeSpan _keepAliveTimeout;
    private readonly TimeSpan _silenceLimit;
    private readonly ReadOnlyMemory<byte> _probe;
    private long _lastMessageTimestamp;
    private long _silenceAborts;

    /// <param name="keepAlive">Interval of the WebSocket pings (and so of the pong check).</param>
    /// <summary>How long connecting (TCP, TLS and the WebSocket upgrade) may take before the attempt is dropped and retried.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public PrivateSocket(IPrivateSocketHandler handler, ReconnectBackoff backoff, TimeProvider clock, TimeSpan keepAlive)
        : this(handler, backoff, clock, keepAlive, DefaultKeepAliveTimeout, Timeout.InfiniteTimeSpan, default)
    {
    }

    /// <param name="keepAlive">Interval of the WebSocket pings.</param>
    /// <param name="keepAliveTimeout">How long a ping's pong may take before the connection is aborted as dead;
    /// <see cref="Timeout.InfiniteTimeSpan"/> sends unsolicited pongs instead and checks nothing.</param>
    /// <param name="silenceLimit">No message for this long (on <paramref name="clock"/>) drops the connection;
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="probe">Sent when a third of <paramref name="silenceLimit"/> has passed without a message: a request
    /// the venue answers, so that only a dead stream stays silent. Empty for none.</param>
    public PrivateSocket(IPrivateSocketHandler handler, ReconnectBackoff backoff, TimeProvider clock, TimeSpan keepAlive,
        TimeSpan keepAliveTimeout, TimeSpan silenceLimit, ReadOnlyMemory<byte> probe)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(clock);
        if (silenceLimit != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(silenceLimit, TimeSpan.Zero);
        this.handler = handler;
        this.backoff = backoff;
        this.clock = clock;
        this.keepAlive = keepAlive;
        _keepAliveTimeout = keepAliveTimeout;
        _silenceLimit = silenceLimit;
        _probe = probe;
    }

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
    /// <summary>Connections dropped because nothing arrived within the silence limit.</summary>
    public long SilenceAborts => Volatile.Read(ref _silenceAborts);
    /// <summary>The last transport failure, for status (never carries request content).</summary>
    public string? LastError { get; private set; }

    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Sends one text message; false if there is no open connection, the send failed (the receive loop then
    /// reconnects) or <paramref name="cancellationToken"/> fired first. Never throws.</summary>
    /// <remarks>A token that fires during the send aborts the connection (<see cref="ClientWebSocket"/> cannot leave a
    /// frame half-written): pass <see cref="CancellationToken.None"/> for a send that shares the connection with others
    /// that must not fail with it.</remarks>
    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var send = TrySendAsync(message, cancellationToken);
        return send.IsCompletedSuccessfully ? new ValueTask<bool>(send.Result == SendOutcome.Sent) : AwaitSentAsync(send);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> AwaitSentAsync(ValueTask<SendOutcome> send) => await send.ConfigureAwait(false) == SendOutcome.Sent;

    /// <summary>Sends one text message and says whether it went out, did not (<see cref="SendOutcome.NotSent"/>: the venue
    /// cannot have seen it), or failed once writing may have begun (<see cref="SendOutcome.Unknown"/>). Never throws;
    /// the token as for <see cref="SendAsync"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // on the order path: no state-machine box per send
    public async ValueTask<SendOutcome> TrySendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null || !_connected) return SendOutcome.NotSent;
        try
        {
            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return SendOutcome.NotSent; // never queued
        }
        try
        {
            if (socket.State != WebSocketState.Open) return SendOutcome.NotSent;
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return SendOutcome.Sent;
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            LastError = e.Message;
            // ClientWebSocket checks its state before it writes a byte: a socket found closed or disposed there (it went
            // down since the check above) wrote nothing. Any other failure may come after part or all of the frame left.
            return e is ObjectDisposedException || e is WebSocketException { WebSocketErrorCode: WebSocketError.InvalidState }
                ? SendOutcome.NotSent
                : SendOutcome.Unknown;
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
            ITimer? watchdog = null;
            try
            {
                var uri = await handler.ResolveAsync(stop).ConfigureAwait(false);
                if (uri is not null)
                {
                    using var socket = new ClientWebSocket();
                    socket.Options.KeepAliveInterval = keepAlive;
                    socket.Options.KeepAliveTimeout = _keepAliveTimeout; // pings with a pong deadline (.NET 9+)
                    _socket = socket;
                    // A venue that accepts TCP but never answers the upgrade would otherwise hold the reconnect loop forever.
                    using (var deadline = new CancellationTokenSource(ConnectTimeout, clock))
                    using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token))
                        await socket.ConnectAsync(uri, connecting.Token).ConfigureAwait(false);
                    connectedAt = clock.GetTimestamp();
                    Volatile.Write(ref _lastMessageTimestamp, connectedAt);
                    Interlocked.Increment(ref _connects);
                    _connected = true;
                    if (_silenceLimit != Timeout.InfiniteTimeSpan)
                        watchdog = clock.CreateTimer(static s => ((PrivateSocket)s!).CheckSilence(), this, _silenceLimit / 3, _silenceLimit / 3);
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
                if (watchdog is not null) await watchdog.DisposeAsync().ConfigureAwait(false);
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
        {
            var now = clock.GetTimestamp();
            Volatile.Write(ref _lastMessageTimestamp, now);
            handler.OnMessage(buffer.Message, now);
        }
        LastError = buffer.Overflowed
            ? $"a message exceeded {MaxMessageBytes} bytes; reconnecting"
            : $"closed by the venue: {socket.CloseStatus} {socket.CloseStatusDescription}";
    }

    private void CheckSilence()
    {
        var socket = _socket;
        if (socket is null || !_connected) return;
        var silent = clock.GetElapsedTime(Volatile.Read(ref _lastMessageTimestamp));
        if (silent > _silenceLimit)
        {
            LastError = $"no message for {_silenceLimit.TotalSeconds:0} s; reconnecting";
            Interlocked.Increment(ref _silenceAborts);
            socket.Abort();
        }
        else if (!_probe.IsEmpty && silent >= _silenceLimit / 3)
            _ = SendAsync(_probe, CancellationToken.None); // a failed send ends the connection by itself
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
