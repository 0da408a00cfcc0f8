using System.Net;
using FundingArb.VenueSim.Exchange;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FundingArb.VenueSim.Hosting;

/// <summary>The HTTP side every venue front end shares: one Kestrel listener on 127.0.0.1 with WebSockets and the venue's
/// fault middleware, each request seeing the market brought up to now and then handed to the venue; the one way a JSON
/// answer is written; and a request's raw query string and body (what venues sign, so read exactly as sent).</summary>
public static class LoopbackHost
{
    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 = a free port); returns the app and its base URL.
    /// <paramref name="webSocketKeepAlive"/> is the server's own ping period (<see cref="TimeSpan.Zero"/>: none); client
    /// pings are answered either way.</summary>
    /// <param name="faults">The venue's <see cref="Faults.FaultMiddleware"/>, run on every request (WebSocket upgrades
    /// included) before the handler; null where the venue does not render faults.</param>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(int port, TimeSpan webSocketKeepAlive, RequestDelegate handler,
        Func<RequestDelegate, RequestDelegate>? faults, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = webSocketKeepAlive });
        if (faults is not null) app.Use(faults);
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        return (app, new Uri(app.Urls.First()));
    }

    /// <summary>As above, dispatching by path to the venue's stream or REST handler, with the market brought up to now
    /// first (requests see the market as of now even when the step timer runs late).</summary>
    public static Task<(WebApplication App, Uri Url)> StartAsync(int port, TimeSpan webSocketKeepAlive, SimulatedExchange exchange,
        TimeProvider marketClock, Func<HttpContext, string, Task> acceptStream, Func<HttpContext, string, Task> handleRequest,
        Func<RequestDelegate, RequestDelegate>? faults, CancellationToken cancellationToken) =>
        StartAsync(port, webSocketKeepAlive, async http =>
        {
            exchange.AdvanceTo(marketClock.GetUtcNow());
            var path = http.Request.Path.Value ?? "/";
            if (http.WebSockets.IsWebSocketRequest) await acceptStream(http, path);
            else await handleRequest(http, path);
        }, faults, cancellationToken);

    public static async Task StopAsync(WebApplication? app)
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static async Task WriteJsonAsync(HttpContext http, int status, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        foreach (var (name, value) in headers ?? []) http.Response.Headers[name] = value;
        await http.Response.Body.WriteAsync(body);
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
