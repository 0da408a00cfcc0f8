using FundingArb.VenueSim.Faults;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Hosting;

/// <summary>Venue-neutral REST fault injection in front of a venue's handler: venue outages (503 or reset, WebSocket
/// upgrades reset), server errors, rate limits, resets and latency, per the venue's <see cref="FaultPlan"/>. The venue
/// spells the answers through its <see cref="IFaultWire"/>. A front end installs it first:
/// <c>app.Use(next => new FaultMiddleware(next, plan, wire, marketClock, wallClock).InvokeAsync)</c>.</summary>
/// <remarks>Windows are on the market clock, latency on the wall clock (it stands for the network): a held answer is
/// released when the wall clock passes its due time, so a test with a virtual clock decides when, and nothing sleeps.
/// The request is carried out on arrival and only its answer is held, so timestamps are checked as sent.</remarks>
public sealed class FaultMiddleware(RequestDelegate next, FaultPlan plan, IFaultWire wire, TimeProvider marketClock, TimeProvider wallClock)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (plan.OutageAt(marketClock.GetUtcNow()) is { } outage)
        {
            if (outage.Mode == OutageMode.Reset || http.WebSockets.IsWebSocketRequest) http.Abort();
            else await WriteAsync(http, wire.Unavailable(outage));
            return;
        }
        if (http.WebSockets.IsWebSocketRequest)
        {
            await next(http); // WebSocket API requests meet their faults frame by frame, in the front end
            return;
        }
        var fault = plan.DecideRequest(wire.Classify(http.Request), ApiTransport.Rest, marketClock.GetUtcNow());
        if (fault == RequestFault.None)
        {
            await next(http);
            return;
        }
        var answer = new MemoryStream();
        if (fault.Executes)
        {
            // Buffered so the answer can be held, or replaced by the fault's answer after the request took effect.
            var body = http.Response.Body;
            http.Response.Body = answer;
            try { await next(http); }
            finally { http.Response.Body = body; }
        }
        if (fault.Delay > TimeSpan.Zero) await Task.Delay(fault.Delay, wallClock, http.RequestAborted);
        switch (fault.Answer?.Kind)
        {
            case FaultKind.Reset:
                http.Abort();
                break;
            case FaultKind.ServerError:
                await WriteAsync(http, wire.ServerError(fault.Answer));
                break;
            case FaultKind.RateLimit:
                await WriteAsync(http, wire.RateLimited(fault.Answer, wallClock.GetUtcNow()));
                break;
            default:
                answer.Position = 0;
                await answer.CopyToAsync(http.Response.Body, http.RequestAborted);
                break;
        }
    }

    private static async Task WriteAsync(HttpContext http, HttpAnswer answer)
    {
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = answer.Body.Length;
        foreach (var (name, value) in answer.Headers) http.Response.Headers[name] = value;
        await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }
}
