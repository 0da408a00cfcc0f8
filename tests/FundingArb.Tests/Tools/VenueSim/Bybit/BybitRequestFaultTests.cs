using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Faults;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>Request faults on Bybit's REST and trade socket: the 10006 rate limit in an HTTP 200 with its
/// <c>X-Bapi-Limit*</c> headers, the 403 IP ban, 5xx with 10016 / 10000, resets, and latency held on the virtual wall
/// clock.</summary>
public class BybitRequestFaultTests
{
    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task A_10006_on_the_first_placement_then_the_retry_succeeds()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.RateLimit, Operation = ApiOperation.PlaceOrder, Count = 1, RetryAfter = TimeSpan.FromSeconds(2) });

        Assert.Equal(0, (await sim.GetAsync("/v5/market/time")).RetCode); // other operations are not hit
        var limited = await sim.CreateAsync(BybitSim.MarketBuy);
        Assert.Equal(200, limited.Status);
        Assert.Equal($$"""{"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":{{sim.WallMs}}}""", limited.Json.GetRawText());
        Assert.Equal("10", Assert.Single(limited.Headers.GetValues("X-Bapi-Limit")));
        Assert.Equal("0", Assert.Single(limited.Headers.GetValues("X-Bapi-Limit-Status")));
        Assert.Equal((sim.WallMs + 2000).ToString(CultureInfo.InvariantCulture), Assert.Single(limited.Headers.GetValues("X-Bapi-Limit-Reset-Timestamp")));
        Assert.Equal("0.000", await sim.SizeAsync()); // refused before anything happened

        var placed = await sim.CreateAsync(BybitSim.MarketBuy);
        Assert.Equal(0, placed.RetCode);
        Assert.Equal("Filled", S(await sim.OrderAsync("BTCUSDT", S(placed.Result, "orderId")), "orderStatus"));
        Assert.Equal(1, sim.Faults.Applied(FaultKind.RateLimit));
    }

    [Fact]
    public async Task A_public_endpoint_rate_limited_carries_no_account_headers_and_a_ban_is_a_403()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        sim.Faults.Add(new FaultRule { Kind = FaultKind.RateLimit, Operation = ApiOperation.MarketData, Count = 1 });
        sim.Faults.Add(new FaultRule { Kind = FaultKind.RateLimit, Status = 418, Operation = ApiOperation.MarketData, Nth = 2 });

        var limited = await sim.GetAsync("/v5/market/orderbook?category=linear&symbol=BTCUSDT");
        Assert.Equal((200, 10006), (limited.Status, limited.RetCode));
        Assert.False(limited.Headers.Contains("X-Bapi-Limit"));

        using var banned = await sim.Http.GetAsync("/v5/market/orderbook?category=linear&symbol=BTCUSDT", TestContext.Current.CancellationToken);
        Assert.Equal(403, (int)banned.StatusCode);
        Assert.Equal("text/plain", banned.Content.Headers.ContentType?.MediaType);
        Assert.Equal("access too frequent", await banned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(false, 10016, "Server error.", "0.000")]
    [InlineData(true, 10000, "Server Timeout", "0.100")]
    public async Task A_server_error_refuses_or_hides_an_executed_order(bool executed, int code, string message, string size)
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.ServerError, Status = 502, Executed = executed, Operation = ApiOperation.PlaceOrder, Nth = 1 });

        var answer = await sim.CreateAsync(BybitSim.MarketBuy);

        Assert.Equal((502, code, message), (answer.Status, answer.RetCode, answer.RetMsg));
        Assert.Equal(size, await sim.SizeAsync());
    }

    [Fact]
    public async Task A_reset_drops_the_rest_connection_after_the_order_took_effect()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Reset, Executed = true, Operation = ApiOperation.PlaceOrder, Nth = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.CreateAsync(BybitSim.MarketBuy));

        Assert.Equal("0.100", await sim.SizeAsync());
    }

    [Fact]
    public async Task Rest_latency_holds_the_answer_until_the_wall_clock_passes_it()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(800), Operation = ApiOperation.PlaceOrder });
        var wall = sim.Harness.Wall;

        var pending = sim.CreateAsync(BybitSim.MarketBuy);
        await TestGuard.UntilAsync(() => wall.PendingTimers == 1, "the answer is held on the wall clock");
        Assert.True(sim.Exchange.TryGetAccount(BybitSim.Key, out var account));
        lock (sim.Exchange.Gate) Assert.Equal(0.1m, account.Positions["BTCUSDT"].Quantity); // carried out on arrival; only the answer waits
        wall.Advance(TimeSpan.FromMilliseconds(799));
        Assert.False(pending.IsCompleted);

        wall.Advance(TimeSpan.FromMilliseconds(1));
        var placed = await pending.WaitAsync(TestGuard.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal((200, 0), (placed.Status, placed.RetCode));
    }

    [Fact]
    public async Task Trade_socket_latency_holds_the_answer_and_the_frames_behind_it()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(1), Jitter = TimeSpan.FromSeconds(1), Transport = ApiTransport.WebSocket, Nth = 1 });
        var wall = sim.Harness.Wall;
        var socket = await sim.ConnectTradeAsync();

        await SimHarness.SendAsync(socket, sim.TradeCreate("slow", BybitSim.MarketBuy));
        var first = SimHarness.ReceiveAsync(socket);
        await TestGuard.UntilAsync(() => wall.PendingTimers == 1, "the answer is held on the wall clock");
        await SimHarness.SendAsync(socket, """{"reqId":"next","op":"ping"}""");
        wall.Advance(TimeSpan.FromMilliseconds(999)); // below the fixed part: nothing may leave
        Assert.False(first.IsCompleted);

        wall.Advance(TimeSpan.FromMilliseconds(1001)); // past fixed + any jitter (below 1 s)
        Assert.Equal("slow", S(await first, "reqId"));
        Assert.Equal("next", S(await SimHarness.ReceiveAsync(socket), "reqId"));
    }

    [Theory]
    [InlineData(429, 10006, "Too many visits!")]
    [InlineData(418, 10429, "System level frequency protection")]
    public async Task A_trade_socket_rate_limit_answers_its_code_with_nothing_left_in_the_header(int status, int code, string message)
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.RateLimit, Status = status, Transport = ApiTransport.WebSocket, Count = 1 });
        var socket = await sim.ConnectTradeAsync();

        await SimHarness.SendAsync(socket, sim.TradeCreate("r1", BybitSim.MarketBuy));
        var limited = await SimHarness.ReceiveAsync(socket);
        await SimHarness.SendAsync(socket, sim.TradeCreate("r2", BybitSim.MarketBuy));
        var accepted = await SimHarness.ReceiveAsync(socket);

        Assert.Equal((code, message, "order.create", "r1"), (limited.GetProperty("retCode").GetInt32(), S(limited, "retMsg"), S(limited, "op"), S(limited, "reqId")));
        var header = limited.GetProperty("header");
        Assert.Equal(("10", "0", (sim.WallMs + 1000).ToString(CultureInfo.InvariantCulture)),
            (S(header, "X-Bapi-Limit"), S(header, "X-Bapi-Limit-Status"), S(header, "X-Bapi-Limit-Reset-Timestamp")));
        Assert.Equal(0, accepted.GetProperty("retCode").GetInt32());
        Assert.Equal("0.100", await sim.SizeAsync());
    }

    [Fact]
    public async Task A_trade_socket_server_error_hides_an_executed_order()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.ServerError, Status = 500, Executed = true, Transport = ApiTransport.WebSocket, Operation = ApiOperation.PlaceOrder });
        var socket = await sim.ConnectTradeAsync();

        await SimHarness.SendAsync(socket, sim.TradeCreate("e1", BybitSim.MarketBuy));
        var answer = await SimHarness.ReceiveAsync(socket);

        Assert.Equal((10000, "Server Timeout", "e1"), (answer.GetProperty("retCode").GetInt32(), S(answer, "retMsg"), S(answer, "reqId")));
        Assert.Equal("0.100", await sim.SizeAsync());
    }

    [Fact]
    public async Task A_trade_socket_reset_drops_the_socket_without_placing()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Reset, Transport = ApiTransport.WebSocket, Operation = ApiOperation.PlaceOrder });
        var socket = await sim.ConnectTradeAsync();

        await SimHarness.SendAsync(socket, sim.TradeCreate("x1", BybitSim.MarketBuy));

        await Faults.FaultClient.AssertDroppedAsync(socket);
        Assert.Equal("0.000", await sim.SizeAsync());
    }
}
