using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace FundingArb.VenueSim.Streaming;

/// <summary>One accepted WebSocket: text frames queued by <see cref="Send"/> go out in order on a send loop, so
/// the exchange (which queues under its lock) never waits for a slow client; text frames received are handed to
/// the venue's handler one at a time.</summary>
public sealed class StreamConnection
{
    private readonly WebSocket _socket;
    private readonly Channel<Outbound> _outbound = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();

    public StreamConnection(WebSocket socket, string pathAndQuery)
    {
        _socket = socket;
        PathAndQuery = pathAndQuery;
    }

    public string PathAndQuery { get; }

    /// <summary>Queues one text frame; dropped silently once the connection is closing.</summary>
    public void Send(byte[] utf8Text) => _outbound.Writer.TryWrite(new Outbound(utf8Text, default, null));

    /// <summary>Queues one text frame that leaves no earlier than <paramref name="delay"/> from now on
    /// <paramref name="clock"/> (injected latency). Frames behind it wait too, as on a slow link: order is kept.</summary>
    public void SendAfter(byte[] utf8Text, TimeSpan delay, TimeProvider clock) =>
        _outbound.Writer.TryWrite(new Outbound(utf8Text, clock.GetUtcNow() + delay, clock));

    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    /// <summary>Runs until the client or <paramref name="stop"/> ends the connection.</summary>
    public async Task RunAsync(Func<StreamConnection, string, ValueTask> onText, CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _closing.Token);
        var sending = SendLoopAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(onText, linked.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // the client went away or the simulator is stopping: either way this connection is over
        }
        finally
        {
            _outbound.Writer.TryComplete();
            await _closing.CancelAsync();
            try { await sending; } catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException) { }
            _socket.Abort();
        }
    }

    private async Task ReceiveLoopAsync(Func<StreamConnection, string, ValueTask> onText, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        while (!stop.IsCancellationRequested)
        {
            var result = await _socket.ReceiveAsync(buffer, stop);
            if (result.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            if (result.MessageType == WebSocketMessageType.Text)
                await onText(this, Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            message.SetLength(0);
        }
    }

    private async Task SendLoopAsync(CancellationToken stop)
    {
        await foreach (var frame in _outbound.Reader.ReadAllAsync(stop))
        {
            if (frame.Clock is { } clock && frame.Due - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                await Task.Delay(wait, clock, stop);
            await _socket.SendAsync(frame.Text, WebSocketMessageType.Text, endOfMessage: true, stop);
        }
    }

    /// <summary>Ends the connection without a close handshake, as a venue dropping it would.</summary>
    public void Abort()
    {
        _closing.Cancel();
        _socket.Abort();
    }

    /// <summary>A queued frame; <see cref="Clock"/> is set when it must wait until <see cref="Due"/>.</summary>
    private readonly record struct Outbound(byte[] Text, DateTimeOffset Due, TimeProvider? Clock);
}
