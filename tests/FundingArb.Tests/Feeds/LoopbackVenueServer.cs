using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FundingArb.Tests.Feeds;

/// <summary>A scripted venue on 127.0.0.1: each accepted WebSocket is handed to the test, which decides what to send
/// (whole or in fragments) and when to drop it; REST GETs are answered by <see cref="Rest"/>.</summary>
public sealed class LoopbackVenueServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ServerSocket> _accepted = Channel.CreateUnbounded<ServerSocket>();
    private readonly List<ServerSocket> _sockets = [];

    private LoopbackVenueServer(WebApplication app) => _app = app;

    public Uri HttpBase { get; private set; } = null!;
    public Uri WebSocketBase { get; private set; } = null!;

    /// <summary>Answers a REST GET (path and query) with a status and a body.</summary>
    public Func<string, (int Status, string Body)> Rest { get; set; } = _ => (404, "");

    /// <summary>REST paths requested so far, in order.</summary>
    public List<string> RestRequests { get; } = [];

    /// <summary>While set, WebSocket upgrades are refused with 503, as from a venue that is down.</summary>
    public bool RefuseWebSockets { get; set; }

    private int _webSocketAttempts;
    public int WebSocketAttempts => Volatile.Read(ref _webSocketAttempts);

    public static async Task<LoopbackVenueServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackVenueServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var http = app.Urls.First();
        server.HttpBase = new Uri(http);
        server.WebSocketBase = new Uri(http.Replace("http://", "ws://", StringComparison.Ordinal));
        return server;
    }

    /// <summary>The next WebSocket a client opens; fails the test if none comes within the guard time.</summary>
    public async Task<ServerSocket> AcceptAsync()
    {
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        return await _accepted.Reader.ReadAsync(guard.Token);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var pathAndQuery = context.Request.Path + context.Request.QueryString;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            lock (RestRequests) RestRequests.Add(pathAndQuery);
            var (status, body) = Rest(pathAndQuery);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(body);
            return;
        }
        Interlocked.Increment(ref _webSocketAttempts);
        if (RefuseWebSockets)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var socket = new ServerSocket(pathAndQuery, await context.WebSockets.AcceptWebSocketAsync());
        lock (_sockets) _sockets.Add(socket);
        await _accepted.Writer.WriteAsync(socket);
        using (context.RequestAborted.Register(socket.Abort)) // the client went away
            await socket.Closed;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_sockets)
            foreach (var socket in _sockets) socket.Abort(); // or Kestrel waits out its shutdown timeout for them
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class ServerSocket(string pathAndQuery, WebSocket socket)
    {
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string PathAndQuery { get; } = pathAndQuery;
        public Task Closed => _closed.Task;

        public async Task<string> ReceiveTextAsync()
        {
            using var guard = new CancellationTokenSource(TestGuard.Timeout);
            var buffer = new byte[64 * 1024];
            var filled = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), guard.Token);
                filled += result.Count;
                if (result.EndOfMessage) return Encoding.UTF8.GetString(buffer, 0, filled);
            }
        }

        /// <summary>Sends one text message, split into <paramref name="fragments"/> WebSocket frames.</summary>
        public async Task SendAsync(string message, int fragments = 1)
        {
            var bytes = Encoding.UTF8.GetBytes(message);
            var size = (bytes.Length + fragments - 1) / fragments;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text,
                    endOfMessage: offset + count == bytes.Length, CancellationToken.None);
            }
        }

        /// <summary>Drops the connection without a close handshake, as a venue or network failure does.</summary>
        public void Abort()
        {
            socket.Abort();
            _closed.TrySetResult();
        }
    }
}
