using System.Net;
using System.Net.Sockets;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>A TCP relay on loopback in front of the private WebSocket: it can reset every connection (<see cref="DropAll"/>),
/// black-hole them (<see cref="Frozen"/>: connections stay open, nothing is delivered) or refuse new ones
/// (<see cref="Refuse"/>: the stream stays down while REST, which goes straight to the simulator, still works).</summary>
internal sealed class OkxRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly List<Socket> _sockets = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    public volatile bool Frozen;
    public volatile bool Refuse;

    public OkxRelay(Uri target)
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
                if (Refuse)
                {
                    inbound.LingerState = new LingerOption(true, 0);
                    inbound.Close();
                    continue;
                }
                var outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await outbound.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                lock (_lock) _sockets.AddRange([inbound, outbound]);
                _ = PumpAsync(inbound, outbound);
                _ = PumpAsync(outbound, inbound);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0) break;
                if (Frozen) continue; // black hole: read and discard, never close
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
            if (!Frozen) to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

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
        Frozen = false;
        DropAll();
        await _accepting;
        _stop.Dispose();
    }
}
