using System.Net;
using System.Net.Sockets;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Replay;

namespace FundingArb.Tests.Gateway;

/// <summary>A venue that accepts the TCP connection but never answers the WebSocket upgrade does not hold the private
/// socket's reconnect loop: the attempt is dropped after <see cref="PrivateSocket.ConnectTimeout"/> and retried. A send
/// with no connection says it wrote nothing.</summary>
public class PrivateSocketTests
{
    private sealed class Target(Uri uri) : IPrivateSocketHandler
    {
        public ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(uri);
        public ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp) { }
        public void OnDisconnected() { }
    }

    [Fact]
    public async Task An_upgrade_never_answered_is_dropped_and_retried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<Socket>();
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        await using var socket = new PrivateSocket(new Target(new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/")),
            new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), new Random(1)), clock, TimeSpan.FromSeconds(15));
        socket.Start();

        // Market time moves a second per look; the listener answers nothing, ever.
        await TestGuard.UntilAsync(() =>
        {
            while (listener.Pending()) accepted.Add(listener.AcceptSocket());
            if (accepted.Count < 2) clock.Advance(TimeSpan.FromSeconds(1));
            return accepted.Count >= 2;
        }, "a second connection attempt after the first upgrade went unanswered");

        Assert.Equal(0, socket.Connects);
        foreach (var s in accepted) s.Dispose();
    }

    [Fact]
    public async Task A_send_without_a_connection_is_reported_not_sent()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        await using var socket = new PrivateSocket(new Target(new Uri("ws://127.0.0.1:1/")), new ReconnectBackoff(TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1), new Random(1)), clock, TimeSpan.FromSeconds(15));
        Assert.Equal(SendOutcome.NotSent, await socket.TrySendAsync("{}"u8.ToArray(), CancellationToken.None));
        Assert.False(await socket.SendAsync("{}"u8.ToArray(), CancellationToken.None));
    }
}
