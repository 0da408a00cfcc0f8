using System.Net;
using FundingArb.VenueSim.Exchange;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FundingArb.VenueSim.Hosting;

/// <summary>The HTTP side every venue front end shares: one Kestrel listener on 127.0.0.1 with WebSockets, each request
/// seeing the market brought up to now and then handed, by path, to the venue's stream or REST handler; and a request's
/// raw query string and body (what venues sign, so read exactly as sent).</summary>
public static class LoopbackHost
{
    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 = a free port). <paramref name="webSocketKeepAlive"/>
    /// is the server's own ping period (<see cref="TimeSpan.Zero"/>: none); client pings are answered either way.</summary>
    public static async Task<WebApplication> StartAsync(int port, TimeSpan webSocketKeepAlive, SimulatedExchange exchange, TimeProvider marketClock,
        Func<HttpContext, string, Task> acceptStream, Func<HttpContext, string, Task> handleRequest, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = webSocketKeepAlive });
        app.Run(async http =>
        {
            // Requests see the market as of now even when the step timer runs late.
            exchange.AdvanceTo(marketClock.GetUtcNow());
            var path = http.Request.Path.Value ?? "/";
            if (http.WebSockets.IsWebSocketRequest) await acceptStream(http, path);
            else await handleRequest(http, path);
        });
        await app.StartAsync(cancellationToken);
        return app;
    }

    public static Uri BaseAddress(WebApplication app) => new(app.Urls.First());

    public static async Task StopAsync(WebApplication? app)
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>The query string as received, still percent-encoded and without the '?', and the body as text.</summary>
    public static async Task<(string Query, string Body)> ReadRawAsync(HttpContext http)
    {
        var query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "";
        var body = "";
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        return (query, body);
    }
}
