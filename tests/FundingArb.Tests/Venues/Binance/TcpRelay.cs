using System.Net;
using System.Net.Sockets;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>A TCP relay on loopback between a client and a server, which can cut every connection at once (a reset, as
/// when a network path or the venue's edge drops), or black-hole them (a silent stall: nothing closes, nothing arrives,
/// as when a NAT forgets the flow): the deterministic way to test reconnects and dead-link detection.</summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly List<Socket> _sockets = [];
    private readonly HashSet<Socket> _frozen = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        Base = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Base { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var inbound = await _listener.AcceptSocketAsync(_stop.Token);
                var outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await outbound.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                lock (_lock) _sockets.AddRange([inbound, outbound]);
                _ = PumpAsync(inbound, outbound, this);
                _ = PumpAsync(outbound, inbound, this);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private bool IsFrozen(Socket socket)
    {
        lock (_lock) return _frozen.Contains(socket);
    }

    private static async Task PumpAsync(Socket from, Socket to, TcpRelay relay)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0) break;
                if (relay.IsFrozen(from)) continue; // swallowed: neither end hears anything
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Black-holes every connection made so far, both ways, without closing it; later connections pass.</summary>
    public void FreezeAll()
    {
        lock (_lock) _frozen.UnionWith(_sockets);
    }

    /// <summary>Resets every connection made so far.</summary>
    public void DropAll()
    {
        lock (_lock)
        {
            foreach (var socket in _sockets)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        await _accepting;
        _stop.Dispose();
    }
}
