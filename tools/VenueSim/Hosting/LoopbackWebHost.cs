using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FundingArb.VenueSim.Hosting;

/// <summary>The Kestrel listener every venue front end runs on: 127.0.0.1 only, no logging, WebSockets on, one request
/// handler; and the one way a JSON answer is written.</summary>
public static class LoopbackWebHost
{
    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = a free port); returns the app and its base URL.</summary>
    /// <param name="faults">The venue's <see cref="Faults.FaultMiddleware"/>, run on every request (WebSocket upgrades
    /// included) before the handler.</param>
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

    public static async Task WriteJsonAsync(HttpContext http, int status, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        foreach (var (name, value) in headers ?? []) http.Response.Headers[name] = value;
        await http.Response.Body.WriteAsync(body);
    }
}
