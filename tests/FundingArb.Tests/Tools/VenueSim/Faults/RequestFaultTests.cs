using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Faults;

/// <summary>Request faults on Binance's REST and WebSocket API: 429 / 418 with their headers, 5xx, resets, and latency
/// held on the virtual wall clock.</summary>
public class RequestFaultTests
{
    [Fact]
    public async Task A_429_on_the_first_placement_then_the_retry_succeeds()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.RateLimit, Operation = ApiOperation.PlaceOrder, Count = 1, RetryAfter = TimeSpan.FromSeconds(2) });

        Assert.Equal(200, (await sim.GetAsync("/fapi/v1/time")).Status); // other operations are not hit
        using (var limited = await FaultClient.SendSignedAsync(sim, HttpMethod.Post, "/fapi/v1/order", FaultClient.MarketBuy))
        {
            Assert.Equal(429, (int)limited.StatusCode);
            Assert.Equal("2", Assert.Single(limited.Headers.GetValues("Retry-After")));
            Assert.Equal("2400", Assert.Single(limited.Headers.GetValues("X-MBX-USED-WEIGHT-1M")));
            Assert.Equal("{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.\"}",
                await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        Assert.Equal(0m, await FaultClient.PositionAsync(sim)); // refused before anything happened

        var (status, placed) = await FaultClient.PlaceAsync(sim);
        Assert.Equal(200, status);
        Assert.Equal("FILLED", placed.GetProperty("status").GetString());
        Assert.Equal(1, FaultClient.Plan(sim).Applied(FaultKind.RateLimit));
    }

    [Fact]
    public async Task A_418_announces_the_ban()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.RateLimit, Status = 418, RetryAfter = TimeSpan.FromMinutes(2), Operation = ApiOperation.MarketData });

        using var banned = await sim.Http.GetAsync("/fapi/v1/depth?symbol=BTCUSDT", TestContext.Current.CancellationToken);
        Assert.Equal(418, (int)banned.StatusCode);
        Assert.Equal("120", Assert.Single(banned.Headers.GetValues("Retry-After")));
        var until = sim.Wall.GetUtcNow().AddMinutes(2).ToUnixTimeMilliseconds();
        Assert.Contains($"IP banned until {until}.", await banned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, -1001, 0)]
    [InlineData(true, -1007, 0.1)]
    public async Task A_server_error_refuses_or_hides_an_executed_order(bool executed, int code, decimal position)
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.ServerError, Status = 503, Executed = executed, Operation = ApiOperation.PlaceOrder, Nth = 1 });

        var (status, json) = await FaultClient.PlaceAsync(sim);

        Assert.Equal(503, status);
        Assert.Equal(code, json.GetProperty("code").GetInt32());
        Assert.Equal(position, await FaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task A_reset_drops_the_rest_connection_after_the_order_took_effect()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reset, Executed = true, Operation = ApiOperation.PlaceOrder, Nth = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => FaultClient.PlaceAsync(sim));

        Assert.Equal(0.1m, await FaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task Rest_latency_holds_the_answer_until_the_wall_clock_passes_it()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(800), Operation = ApiOperation.PlaceOrder });

        var pending = FaultClient.PlaceAsync(sim);
        await TestGuard.UntilAsync(() => sim.Wall.PendingTimers == 1, "the answer is held on the wall clock");
        var exchange = sim.Simulator.ExchangeOf(VenueKind.Binance);
        Assert.True(exchange.TryGetAccount(SimHarness.Key, out var account));
        lock (exchange.Gate) Assert.Equal(0.1m, account.Positions["BTCUSDT"].Quantity); // carried out on arrival; only the answer waits
        sim.Wall.Advance(TimeSpan.FromMilliseconds(799));
        Assert.False(pending.IsCompleted);

        sim.Wall.Advance(TimeSpan.FromMilliseconds(1));
        var (status, placed) = await pending.WaitAsync(TestGuard.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(200, status);
        Assert.Equal("FILLED", placed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Websocket_api_latency_holds_the_answer_and_the_frames_behind_it()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(1), Jitter = TimeSpan.FromSeconds(1), Transport = ApiTransport.WebSocket, Nth = 1 });
        var socket = await sim.ConnectAsync("/ws-fapi/v1");

        await SimHarness.SendAsync(socket, FaultClient.WsPlace(sim, "slow"));
        var first = SimHarness.ReceiveAsync(socket);
        await TestGuard.UntilAsync(() => sim.Wall.PendingTimers == 1, "the answer is held on the wall clock");
        await SimHarness.SendAsync(socket, FaultClient.WsPlace(sim, "next"));
        sim.Wall.Advance(TimeSpan.FromMilliseconds(999)); // below the fixed part: nothing may leave
        Assert.False(first.IsCompleted);

        sim.Wall.Advance(TimeSpan.FromMilliseconds(1001)); // past fixed + any jitter (below 1 s)
        Assert.Equal("slow", (await first).GetProperty("id").GetString());
        Assert.Equal("next", (await SimHarness.ReceiveAsync(socket)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Websocket_api_rate_limit_answers_status_429_with_code_minus_1003()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.RateLimit, Transport = ApiTransport.WebSocket, Count = 1 });
        var socket = await sim.ConnectAsync("/ws-fapi/v1");

        await SimHarness.SendAsync(socket, FaultClient.WsPlace(sim, "r1"));
        var limited = await SimHarness.ReceiveAsync(socket);
        await SimHarness.SendAsync(socket, FaultClient.WsPlace(sim, "r2"));
        var accepted = await SimHarness.ReceiveAsync(socket);

        Assert.Equal(429, limited.GetProperty("status").GetInt32());
        Assert.Equal(-1003, limited.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(200, accepted.GetProperty("status").GetInt32());
        Assert.Equal(0.1m, await FaultClient.PositionAsync(sim));
    }
}
