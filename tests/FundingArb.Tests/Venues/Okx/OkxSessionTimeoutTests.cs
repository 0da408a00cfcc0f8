using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>A private WebSocket that connects but never becomes ready — the login never answered, or a subscription
/// refused — is dropped and made again, rather than left up and useless. The socket is a stand-in server on loopback
/// that answers as told; REST goes to the simulator.</summary>
public sealed class OkxSessionTimeoutTests
{
    /// <summary>Accepts WebSockets; answers a login with <see cref="LoginAnswer"/> (none if null) and a subscribe with
    /// <see cref="SubscribeAnswer"/> (none if null).</summary>
    private sealed class StandIn : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _connections;

        public StandIn()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Base = new Uri($"http://127.0.0.1:{port}");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public Uri Base { get; }
        public string? LoginAnswer { get; init; }
        public string? SubscribeAnswer { get; init; }
        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
                    if (!context.Request.IsWebSocketRequest)
                    {
                        context.Response.StatusCode = 400;
                        context.Response.Close();
                        continue;
                    }
                    var ws = (await context.AcceptWebSocketAsync(null)).WebSocket;
                    Interlocked.Increment(ref _connections);
                    _ = ServeAsync(ws);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
            }
        }

        private async Task ServeAsync(WebSocket ws)
        {
            var buffer = new byte[8192];
            try
            {
                while (ws.State == WebSocketState.Open)
                {
                    var result = await ws.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                    var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                    var answer = text.Contains("\"login\"", StringComparison.Ordinal) ? LoginAnswer
                        : text.Contains("\"subscribe\"", StringComparison.Ordinal) ? SubscribeAnswer : null;
                    if (answer is not null) await ws.SendAsync(Encoding.UTF8.GetBytes(answer), WebSocketMessageType.Text, true, _stop.Token);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or HttpListenerException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Close();
            try
            {
                await _accepting;
            }
            catch (ObjectDisposedException)
            {
            }
            _stop.Dispose();
        }
    }

    private static async Task ExpectReconnectsAsync(StandIn standIn, Action<OkxTradingHarness>? advance)
    {
        await using var h = await OkxTradingHarness.StartAsync(start: false, routeSocket: _ => standIn.Base,
            // No silence limit: the test moves the clock 11 s at a time, and a silence drop racing the ready timeout would
            // replace the connection without the session abort this test is about.
            configure: o => o with
            {
                Backoff = () => new FundingArb.Feeds.ReconnectBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), new Random(1)),
                SilenceLimit = Timeout.InfiniteTimeSpan,
            });
        var start = h.Client.StartAsync(CancellationToken.None);
        await TestGuard.UntilAsync(() => standIn.Connections >= 1, "connected to the stand-in");
        // The ready timeout is passed once per connection the client has made, never while one is still connecting:
        // a jump then would fire the connect timeout instead, and the stand-in would count a connection the client gave up.
        var advancedFor = 0L;
        await TestGuard.UntilAsync(() =>
        {
            if (advance is not null && h.Client.SocketConnects > advancedFor)
            {
                advancedFor = h.Client.SocketConnects;
                advance(h);
            }
            h.Sim.Advance(TimeSpan.FromMilliseconds(1)); // the reconnect backoff, on the client's clock
            return h.Client.Session.SessionAborts >= 2 && standIn.Connections >= 3;
        }, "dropped and connected again, twice");
        Assert.True(h.Client.Session.SessionAborts >= 2);
        Assert.False(h.Client.IsReady);
        h.Sim.Advance(TestGuard.Timeout); // StartTimeout, on the client's clock
        await Assert.ThrowsAsync<InvalidOperationException>(() => start.WaitAsync(TestGuard.Timeout));
    }

    [Fact]
    public async Task A_login_never_answered_is_dropped_after_the_ready_timeout_and_tried_again()
    {
        await using var standIn = new StandIn();
        await ExpectReconnectsAsync(standIn, h => h.Sim.Advance(TimeSpan.FromSeconds(11))); // past ReadyTimeout (10 s)
    }

    [Fact]
    public async Task A_refused_subscription_drops_the_connection_and_it_is_tried_again()
    {
        await using var standIn = new StandIn
        {
            LoginAnswer = """{"event":"login","code":"0","msg":"","connId":"a1"}""",
            SubscribeAnswer = """{"id":"subscribe","event":"error","code":"60018","msg":"Wrong URL or channel:orders doesn't exist.","connId":"a1"}""",
        };
        await ExpectReconnectsAsync(standIn, advance: null); // no clock: only the refusal can tell
    }
}
