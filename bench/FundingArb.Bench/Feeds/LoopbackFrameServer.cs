using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FundingArb.Bench.Feeds;

/// <summary>A Kestrel WebSocket endpoint on 127.0.0.1 that, on each text message "N", sends N copies of a
/// market-data frame as fast as it can: the same load for every client under test.</summary>
public sealed class LoopbackFrameServer : IAsyncDisposable
{
    public static readonly byte[] MarkPriceFrame = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}}""");

    private readonly WebApplication _app;

    private LoopbackFrameServer(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    public Uri Uri { get; }

    public static async Task<LoopbackFrameServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var request = new byte[32];
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(request, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close) break;
                var count = int.Parse(request.AsSpan(0, received.Count));
                for (var i = 0; i < count; i++)
                    await socket.SendAsync(MarkPriceFrame, WebSocketMessageType.Text, true, context.RequestAborted);
            }
        });
        await app.StartAsync();
        var address = app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal);
        return new LoopbackFrameServer(app, new Uri(address + "/ws"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
