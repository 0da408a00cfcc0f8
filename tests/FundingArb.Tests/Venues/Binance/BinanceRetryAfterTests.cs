using System.Net;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Venues.Binance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>429 with Retry-After (general-info: "The Retry-After header will be sent with a 418 or 429 responses"):
/// VenueSim does not inject it yet, so a loopback server plays it.</summary>
public sealed class BinanceRetryAfterTests
{
    [Fact]
    public async Task After_a_429_nothing_is_sent_until_retry_after_has_passed()
    {
        var hits = 0;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(async http =>
        {
            Interlocked.Increment(ref hits);
            http.Response.StatusCode = 429;
            http.Response.Headers.RetryAfter = "7";
            await http.Response.WriteAsync("{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute.\"}");
        });
        await app.StartAsync(TestContext.Current.CancellationToken);

        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 30, TimeSpan.Zero));
        var registry = new InstrumentRegistry();
        using var http = new HttpClient { Timeout = TestGuard.Timeout };
        await using var client = new BinanceExecutionClient(registry.AddVenue("binance"), registry, new ApiCredentials("k", "s"),
            new BinanceExecutionOptions
            {
                Endpoints = BinanceExecutionEndpoints.OnOneHost(new Uri(app.Urls.First())),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), http, clock);

        var limited = await client.QueryBalancesAsync(TestContext.Current.CancellationToken);
        Assert.Equal((ExecutionErrorKind.RateLimited, -1003), (limited.Error.Kind, limited.Error.VenueCode));
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(now + 7_000, limited.Error.RetryAfterMs);

        clock.Advance(TimeSpan.FromSeconds(6));
        var held = await client.QueryBalancesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ExecutionErrorKind.RateLimited, held.Error.Kind);
        Assert.Equal(0, held.Error.VenueCode); // refused here
        Assert.Equal(1, hits); // never sent

        clock.Advance(TimeSpan.FromSeconds(1));
        await client.QueryBalancesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, hits);
    }
}
