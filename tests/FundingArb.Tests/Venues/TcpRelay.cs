using System.Net;
using System.Net.Sockets;

namespace FundingArb.Tests.Venues;

/// <summary>A TCP relay on loopback in front of one venue socket (a harness routes a WebSocket through it; REST goes
/// straight to the simulator): the deterministic way to test reconnects and dead-link detection. It can reset every
/// connection, as when a network path or the venue's edge drops (<see cref="DropAll"/>); black-hole those made so far,
/// as when a NAT forgets the flow (<see cref="FreezeAll"/>: open and silent, nothing arrives and nothing closes, not even
/// an end of stream); refuse new ones (<see cref="Refuse"/>: the socket stays down); or let new ones connect and then
/// hear nothing (<see cref="MuteNew"/>: the WebSocket upgrade passes, every byte after it is swallowed both ways, so an
/// <c>auth</c> goes unanswered).</summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly List<Socket> _sockets = [];
    private readonly HashSet<Socket> _frozen = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    public volatile bool Refuse;
    public volatile bool MuteNew;

    public TcpRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        Base = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Base { get; }
    /// <summary>Connections accepted and passed on (refused ones not counted).</summary>
    public int Accepted { get; private set; }
    /// <summary>Bytes the client wrote into frozen or muted links (proof that a frame left the client).</summary>
    public long SwallowedFromClient => Interlocked.Read(ref _swallowedFromClient);
    private long _swallowedFromClient;

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
                var muted = MuteNew;
                lock (_lock)
                {
                    _sockets.AddRange([inbound, outbound]);
                    Accepted++;
                }
                _ = PumpAsync(inbound, outbound, muted, fromClient: true);
                _ = PumpAsync(outbound, inbound, muted, fromClient: false);
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

    /// <param name="muteAfterHeaders">Pass the HTTP upgrade (up to the blank line ending its headers), then swallow all.</param>
    private async Task PumpAsync(Socket from, Socket to, bool muteAfterHeaders, bool fromClient)
    {
        var buffer = new byte[64 * 1024];
        var matched = 0; // bytes of the blank line seen so far, across reads
        var muted = false;
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0) break;
                if (muted || IsFrozen(from))
                {
                    if (fromClient) Interlocked.Add(ref _swallowedFromClient, n);
                    continue; // swallowed: neither end hears anything
                }
                var pass = n;
                if (muteAfterHeaders)
                {
                    for (var i = 0; i < n && !muted; i++)
                    {
                        matched = buffer[i] == EndOfHeaders[matched] ? matched + 1 : buffer[i] == EndOfHeaders[0] ? 1 : 0;
                        if (matched == EndOfHeaders.Length)
                        {
                            muted = true;
                            pass = i + 1;
                        }
                    }
                }
                await to.SendAsync(buffer.AsMemory(0, pass), SocketFlags.None);
            }
            if (!muted && !IsFrozen(from)) to.Shutdown(SocketShutdown.Send);
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
            _frozen.Clear();
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
