using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>The application-level heartbeat of one Bybit socket (docs/v5/ws/connect, "How to Send the Heartbeat Packet"):
/// a ping every interval ("we recommend that you send the ping heartbeat packet every 20 seconds"; the venue cuts a
/// connection that sends none), and the dead-link check it makes possible: a live connection answers every ping, so two
/// intervals in a row with nothing received mean the link is dead though it never closed, and it is dropped (the socket
/// then reconnects and re-authenticates).</summary>
/// <remarks><see cref="Tick"/> runs on the client's timer; <see cref="Received"/> on the receive thread.</remarks>
internal sealed class BybitHeartbeat(ReadOnlyMemory<byte> ping)
{
    private PrivateSocket? _socket;
    private int _heard = 1;
    private int _silentTicks;
    private long _pings;
    private long _deadDrops;

    public long Pings => Volatile.Read(ref _pings);
    /// <summary>Connections dropped because two intervals passed with nothing received.</summary>
    public long DeadDrops => Volatile.Read(ref _deadDrops);
    /// <summary>Something arrived since the last ping went out (tests step virtual time on this).</summary>
    public bool HeardSinceLastPing => Volatile.Read(ref _heard) == 1;

    public void Connected(PrivateSocket socket)
    {
        _silentTicks = 0;
        Volatile.Write(ref _heard, 1);
        Volatile.Write(ref _socket, socket);
    }

    public void Disconnected() => Volatile.Write(ref _socket, null);

    public void Received() => Volatile.Write(ref _heard, 1);

    public void Tick()
    {
        var socket = Volatile.Read(ref _socket);
        if (socket is null || !socket.IsConnected) return;
        if (Interlocked.Exchange(ref _heard, 0) == 0)
        {
            if (++_silentTicks >= 2)
            {
                Interlocked.Increment(ref _deadDrops);
                socket.Abort();
                return;
            }
        }
        else _silentTicks = 0;
        Interlocked.Increment(ref _pings);
        _ = SendAsync(socket);
    }

    private async Task SendAsync(PrivateSocket socket)
    {
        if (!await socket.SendAsync(ping, CancellationToken.None).ConfigureAwait(false)) socket.Abort();
    }
}
