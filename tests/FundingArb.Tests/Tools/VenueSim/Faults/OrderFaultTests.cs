using System.Net.WebSockets;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;

namespace FundingArb.Tests.Tools.VenueSim.Faults;

/// <summary>Order faults decided by the exchange, as Binance's REST, WebSocket API and user-data stream show them.</summary>
public class OrderFaultTests
{
    [Fact]
    public async Task The_nth_order_is_rejected_with_the_venues_code_for_the_reason()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var armed = FaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Nth = 2 });

        Assert.Equal(200, (await FaultClient.PlaceAsync(sim)).Status);
        var (status, json) = await FaultClient.PlaceAsync(sim);
        Assert.Equal(400, status);
        Assert.Equal(-2019, json.GetProperty("code").GetInt32());
        Assert.Equal("Margin is insufficient.", json.GetProperty("msg").GetString());
        Assert.Equal(200, (await FaultClient.PlaceAsync(sim)).Status);

        Assert.Equal(1, armed.Applied);
        Assert.Equal(1, FaultClient.Plan(sim).Applied(FaultKind.Reject));
        Assert.Equal(0.2m, await FaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task An_emergency_close_is_rejected_twice_then_succeeds()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        Assert.Equal(200, (await FaultClient.PlaceAsync(sim)).Status);
        FaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.ReduceOnlyWouldIncrease, ReduceOnly = true, Count = 2 });
        const string close = "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.100&reduceOnly=true&newOrderRespType=RESULT";

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (status, json) = await FaultClient.PlaceAsync(sim, close);
            Assert.Equal(400, status);
            Assert.Equal(-2022, json.GetProperty("code").GetInt32());
        }
        var (finalStatus, final) = await FaultClient.PlaceAsync(sim, close);
        Assert.Equal(200, finalStatus);
        Assert.Equal("FILLED", final.GetProperty("status").GetString());
        Assert.Equal(0m, await FaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task An_explicit_code_and_message_are_answered_as_given_for_matching_client_ids_and_symbols()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule
        {
            Kind = FaultKind.Reject, Symbol = "BTCUSDT", ClientOrderId = "hedge-.*",
            Code = -2010, Message = "Order would immediately trigger.", Status = 400,
        });

        var (otherId, _) = await FaultClient.PlaceAsync(sim, FaultClient.MarketBuy + "&newClientOrderId=open-1");
        var (otherSymbol, _) = await FaultClient.PlaceAsync(sim, "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.100&newClientOrderId=hedge-2");
        var (status, json) = await FaultClient.PlaceAsync(sim, FaultClient.MarketBuy + "&newClientOrderId=hedge-3");

        Assert.Equal(200, otherId);
        Assert.Equal(200, otherSymbol);
        Assert.Equal(400, status);
        Assert.Equal(-2010, json.GetProperty("code").GetInt32());
        Assert.Equal("Order would immediately trigger.", json.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_rate_limit_reject_is_a_429_with_the_rate_limit_headers()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.RateLimited, RetryAfter = TimeSpan.FromSeconds(3), Nth = 1 });

        using var response = await FaultClient.SendSignedAsync(sim, HttpMethod.Post, "/fapi/v1/order", FaultClient.MarketBuy);
        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("3", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("2400", Assert.Single(response.Headers.GetValues("X-MBX-USED-WEIGHT-1M")));
        Assert.Contains("\"code\":-1003", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0m, await FaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task A_never_fill_order_stays_new_even_when_marketable_until_canceled()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.NeverFill, Nth = 1 });

        var (_, placed) = await FaultClient.PlaceAsync(sim);
        Assert.Equal("NEW", placed.GetProperty("status").GetString());
        sim.Advance(TimeSpan.FromMinutes(5));
        var orderId = placed.GetProperty("orderId").GetInt64();
        Assert.Equal("NEW", (await FaultClient.QueryAsync(sim, orderId)).GetProperty("status").GetString());

        var (status, canceled) = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={orderId}");
        Assert.Equal(200, status);
        Assert.Equal("CANCELED", canceled.GetProperty("status").GetString());
        Assert.Equal("0.000", canceled.GetProperty("executedQty").GetString());
    }

    [Theory]
    [InlineData("0.5", null, "0.050")]     // A partial 50 %
    [InlineData(null, "0.001", "0.001")]   // a partial below any sensible hedge: the minimum lot
    public async Task A_partial_fill_fills_its_share_then_expires_the_rest(string? fraction, string? quantity, string executed)
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule
        {
            Kind = FaultKind.PartialFill, Nth = 1,
            Fraction = fraction is null ? null : decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture),
            Quantity = quantity is null ? null : decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture),
        });
        var stream = await FaultClient.UserStreamAsync(sim);

        var (_, placed) = await FaultClient.PlaceAsync(sim, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=9005.0&quantity=0.100&newOrderRespType=RESULT");

        Assert.Equal("EXPIRED", placed.GetProperty("status").GetString());
        Assert.Equal(executed, placed.GetProperty("executedQty").GetString());
        Assert.Equal([("NEW", "NEW"), ("TRADE", "PARTIALLY_FILLED"), ("EXPIRED", "EXPIRED")],
            FaultClient.OrderUpdates(await SimHarness.DrainAsync(stream)));
    }

    [Fact]
    public async Task A_late_fill_waits_on_the_market_clock_past_the_clients_timeout_then_fills()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.LateFill, Delay = TimeSpan.FromSeconds(45), Nth = 1 });

        var (_, placed) = await FaultClient.PlaceAsync(sim);
        var orderId = placed.GetProperty("orderId").GetInt64();
        Assert.Equal("NEW", placed.GetProperty("status").GetString());
        sim.Advance(TimeSpan.FromSeconds(30)); // the client's 30 s verification timeout passes
        Assert.Equal("NEW", (await FaultClient.QueryAsync(sim, orderId)).GetProperty("status").GetString());

        sim.Advance(TimeSpan.FromSeconds(16));
        var filled = await FaultClient.QueryAsync(sim, orderId);
        Assert.Equal("FILLED", filled.GetProperty("status").GetString());
        Assert.Equal("0.100", filled.GetProperty("executedQty").GetString());
    }

    [Theory]
    [InlineData(false, 200, "CANCELED", "0")]
    [InlineData(true, 400, "FILLED", "0.1")]
    public async Task A_cancel_before_a_late_fill_wins_or_loses_the_race_as_scripted(bool fillsDespiteCancel, int cancelStatus, string finalStatus, string position)
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.LateFill, Delay = TimeSpan.FromSeconds(45), FillsDespiteCancel = fillsDespiteCancel });

        var (_, placed) = await FaultClient.PlaceAsync(sim);
        var orderId = placed.GetProperty("orderId").GetInt64();
        sim.Advance(TimeSpan.FromSeconds(31));
        var (status, answer) = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={orderId}");
        Assert.Equal(cancelStatus, status);
        if (fillsDespiteCancel) Assert.Equal(-2011, answer.GetProperty("code").GetInt32());

        sim.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(finalStatus, (await FaultClient.QueryAsync(sim, orderId)).GetProperty("status").GetString());
        Assert.Equal(decimal.Parse(position, System.Globalization.CultureInfo.InvariantCulture), await FaultClient.PositionAsync(sim));
    }

    [Theory]
    [InlineData(FaultKind.DuplicateUpdates, "NEW NEW TRADE TRADE NEW TRADE")]   // every update twice, the next order untouched
    [InlineData(FaultKind.OutOfOrderUpdates, "TRADE NEW NEW TRADE")]           // the fill before NEW, the next order untouched
    public async Task Order_updates_arrive_duplicated_or_out_of_order_on_the_user_stream(FaultKind kind, string expected)
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = kind, Nth = 1 });
        var stream = await FaultClient.UserStreamAsync(sim);

        await FaultClient.PlaceAsync(sim);
        await FaultClient.PlaceAsync(sim);

        Assert.Equal(expected, string.Join(' ', FaultClient.OrderUpdates(await SimHarness.DrainAsync(stream)).Select(u => u.Execution)));
    }

    [Fact]
    public async Task A_reject_reaches_the_websocket_api_with_the_same_code()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin });
        var socket = await sim.ConnectAsync("/ws-fapi/v1");

        await SimHarness.SendAsync(socket, FaultClient.WsPlace(sim, "a1"));
        var answer = await SimHarness.ReceiveAsync(socket);

        Assert.Equal(400, answer.GetProperty("status").GetInt32());
        Assert.Equal(-2019, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(WebSocketState.Open, socket.State);
    }
}
