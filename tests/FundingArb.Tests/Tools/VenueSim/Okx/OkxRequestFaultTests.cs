using FundingArb.Tests.Tools.VenueSim.Faults;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>Request faults on OKX's REST and the private socket's order ops: 429 50011, the 5xx codes 50001 / 50026 /
/// 50004, resets, and latency held on the virtual wall clock.</summary>
public class OkxRequestFaultTests
{
    [Fact]
    public async Task A_429_on_the_first_placement_then_the_retry_succeeds()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.RateLimit, Operation = ApiOperation.PlaceOrder, Count = 1 });

        Assert.Equal(200, (await sim.GetAsync("/api/v5/public/time")).Status); // other operations are not hit
        using (var limited = await OkxFaultClient.PlaceRawAsync(sim))
        {
            Assert.Equal(429, (int)limited.StatusCode);
            Assert.False(limited.Headers.Contains("Retry-After"));
            Assert.Equal("""{"code":"50011","msg":"Too Many Requests","data":[]}""", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        Assert.Equal(0m, await OkxFaultClient.PositionAsync(sim)); // refused before anything happened

        var (status, json) = await OkxFaultClient.PlaceAsync(sim);
        Assert.Equal(200, status);
        Assert.Equal("0", json.GetProperty("code").GetString());
        Assert.Equal(10m, await OkxFaultClient.PositionAsync(sim));
        Assert.Equal(1, OkxFaultClient.Plan(sim).Applied(FaultKind.RateLimit));
    }

    [Theory]
    [InlineData(503, false, "50001", "Service temporarily unavailable. Please try again later.", 0)]
    [InlineData(500, false, "50026", "System error. Try again later", 0)]
    [InlineData(504, true, "50004", "API endpoint request timeout. (does not mean that the request was successful or failed, please check the request result).", 10)]
    public async Task A_server_error_refuses_or_hides_an_executed_order(int httpStatus, bool executed, string code, string message, decimal position)
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.ServerError, Status = httpStatus, Executed = executed, Operation = ApiOperation.PlaceOrder, Nth = 1 });

        var (status, json) = await OkxFaultClient.PlaceAsync(sim);

        Assert.Equal(httpStatus, status);
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Equal(message, json.GetProperty("msg").GetString());
        Assert.Equal(0, json.GetProperty("data").GetArrayLength());
        Assert.Equal(position, await OkxFaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task A_reset_drops_the_rest_connection_after_the_order_took_effect()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reset, Executed = true, Operation = ApiOperation.PlaceOrder, Nth = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => OkxFaultClient.PlaceAsync(sim));

        Assert.Equal(10m, await OkxFaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task Rest_latency_holds_the_answer_until_the_wall_clock_passes_it()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(800), Operation = ApiOperation.PlaceOrder });

        var pending = OkxFaultClient.PlaceAsync(sim);
        await TestGuard.UntilAsync(() => sim.Harness.Wall.PendingTimers == 1, "the answer is held on the wall clock");
        var exchange = sim.Harness.Simulator.ExchangeOf(VenueKind.Okx);
        Assert.True(exchange.TryGetAccount(OkxSim.Key, out var account));
        lock (exchange.Gate) Assert.Equal(10m, account.Positions["BTC-USDT-SWAP"].Quantity); // carried out on arrival; only the answer waits
        sim.Harness.Wall.Advance(TimeSpan.FromMilliseconds(799));
        Assert.False(pending.IsCompleted);

        sim.Harness.Wall.Advance(TimeSpan.FromMilliseconds(1));
        var (status, json) = await pending.WaitAsync(TestGuard.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(200, status);
        Assert.Equal("0", json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Order_op_latency_holds_the_answer_and_the_frames_behind_it()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(1), Jitter = TimeSpan.FromSeconds(1), Transport = ApiTransport.WebSocket, Nth = 1 });
        var socket = await sim.PrivateAsync();

        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("slow"));
        var first = OkxSim.ReceiveAsync(socket);
        await TestGuard.UntilAsync(() => sim.Harness.Wall.PendingTimers == 1, "the answer is held on the wall clock");
        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("next"));
        sim.Harness.Wall.Advance(TimeSpan.FromMilliseconds(999)); // below the fixed part: nothing may leave
        Assert.False(first.IsCompleted);

        sim.Harness.Wall.Advance(TimeSpan.FromMilliseconds(1001)); // past fixed + any jitter (below 1 s)
        Assert.Equal("slow", (await first).GetProperty("id").GetString());
        Assert.Equal("next", (await OkxSim.ReceiveAsync(socket)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Order_op_rate_limit_answers_sCode_50011_then_the_next_op_succeeds()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.RateLimit, Transport = ApiTransport.WebSocket, Count = 1 });
        var socket = await sim.PrivateAsync();

        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("r1", OkxSim.Order("buy", "market", "10", extra: "\"clOrdId\":\"lim1\"")));
        var limited = await OkxSim.ReceiveAsync(socket);
        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("r2"));
        var accepted = await OkxSim.ReceiveAsync(socket);

        Assert.Equal("r1", limited.GetProperty("id").GetString());
        Assert.Equal("lim1", OkxFaultClient.AssertRefused(limited, "50011", OkxFaultClient.RateLimitReached).GetProperty("clOrdId").GetString());
        Assert.Equal("0", accepted.GetProperty("code").GetString());
        Assert.Equal(10m, await OkxFaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task Order_op_server_error_answers_the_code_for_the_op_without_placing()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.ServerError, Status = 500, Transport = ApiTransport.WebSocket, Nth = 1 });
        var socket = await sim.PrivateAsync();

        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("e1"));
        var answer = await OkxSim.ReceiveAsync(socket);

        Assert.Equal("e1", answer.GetProperty("id").GetString());
        Assert.Equal("order", answer.GetProperty("op").GetString());
        Assert.Equal("50026", answer.GetProperty("code").GetString());
        Assert.Equal("System error. Try again later", answer.GetProperty("msg").GetString());
        Assert.Equal(0, answer.GetProperty("data").GetArrayLength());
        Assert.Equal(0m, await OkxFaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task Order_op_reset_drops_the_private_socket_after_the_order_took_effect()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reset, Executed = true, Transport = ApiTransport.WebSocket, Nth = 1 });
        var socket = await sim.PrivateAsync();

        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("x1"));

        await FaultClient.AssertDroppedAsync(socket);
        Assert.Equal(10m, await OkxFaultClient.PositionAsync(sim));
    }
}
