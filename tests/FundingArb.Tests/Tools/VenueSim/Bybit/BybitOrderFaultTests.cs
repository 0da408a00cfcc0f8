using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>Order faults decided by the exchange, as Bybit's REST, trade socket and private stream show them: refusals
/// with Bybit's retCodes in HTTP 200 answers, and the order's fate on /v5/order/realtime and the order topic.</summary>
public class BybitOrderFaultTests
{
    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    /// <summary>The order and execution messages in arrival order: the order's status, or "Trade" for an execution.</summary>
    private static string OrderUpdates(IEnumerable<JsonElement> frames) => string.Join(' ', frames
        .Where(f => f.TryGetProperty("topic", out _))
        .Select(f => S(f, "topic") == "order" ? S(f.GetProperty("data")[0], "orderStatus") : S(f.GetProperty("data")[0], "execType")));

    [Fact]
    public async Task The_nth_order_is_refused_with_bybits_code_for_the_reason()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var armed = sim.Faults.Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Nth = 2 });

        Assert.Equal(0, (await sim.CreateAsync(BybitSim.MarketBuy)).RetCode);
        var refused = await sim.CreateAsync(BybitSim.MarketBuy);
        Assert.Equal((200, 110007, "ab not enough for new order"), (refused.Status, refused.RetCode, refused.RetMsg));
        Assert.Equal(0, (await sim.CreateAsync(BybitSim.MarketBuy)).RetCode);

        Assert.Equal(1, armed.Applied);
        Assert.Equal(1, sim.Faults.Applied(FaultKind.Reject));
        Assert.Equal("0.200", await sim.SizeAsync());
    }

    [Fact]
    public async Task An_emergency_close_is_refused_twice_then_succeeds()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        Assert.Equal(0, (await sim.CreateAsync(BybitSim.MarketBuy)).RetCode);
        sim.Faults.Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.ReduceOnlyWouldIncrease, ReduceOnly = true, Count = 2 });
        const string close = """ "symbol":"BTCUSDT","side":"Sell","orderType":"Market","qty":"0.1","reduceOnly":true """;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var refused = await sim.CreateAsync(close);
            // The order would reduce, so the venue's general reduce-only message fits, not "same side".
            Assert.Equal((110017, "Reduce-only rule not satisfied"), (refused.RetCode, refused.RetMsg));
        }
        var closed = await sim.CreateAsync(close);
        Assert.Equal(0, closed.RetCode);
        Assert.Equal("Filled", S(await sim.OrderAsync("BTCUSDT", S(closed.Result, "orderId")), "orderStatus"));
        Assert.Equal("0.000", await sim.SizeAsync());
    }

    [Theory]
    [InlineData(null, 200)]  // Bybit answers refusals in HTTP 200
    [InlineData(400, 400)]
    public async Task An_explicit_code_and_message_are_answered_as_given_for_matching_link_ids_and_symbols(int? status, int httpStatus)
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule
        {
            Kind = FaultKind.Reject, Symbol = "BTCUSDT", ClientOrderId = "hedge-.*", Status = status,
            Code = 110079, Message = "The order is processing and can not be operated, please try again later",
        });

        var otherId = await sim.CreateAsync(BybitSim.MarketBuy + """, "orderLinkId":"open-1" """);
        var otherSymbol = await sim.CreateAsync(""" "symbol":"ETHUSDT","side":"Buy","orderType":"Market","qty":"0.1","orderLinkId":"hedge-2" """);
        var refused = await sim.CreateAsync(BybitSim.MarketBuy + """, "orderLinkId":"hedge-3" """);

        Assert.Equal((0, 0), (otherId.RetCode, otherSymbol.RetCode));
        Assert.Equal((httpStatus, 110079, "The order is processing and can not be operated, please try again later"), (refused.Status, refused.RetCode, refused.RetMsg));
    }

    [Fact]
    public async Task A_rate_limit_refusal_is_10006_in_an_http_200_with_nothing_left_until_the_reset()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.RateLimited, RetryAfter = TimeSpan.FromSeconds(3), Nth = 1 });

        var refused = await sim.CreateAsync(BybitSim.MarketBuy);

        Assert.Equal((200, 10006, "Too many visits!"), (refused.Status, refused.RetCode, refused.RetMsg));
        Assert.Equal("10", Assert.Single(refused.Headers.GetValues("X-Bapi-Limit")));
        Assert.Equal("0", Assert.Single(refused.Headers.GetValues("X-Bapi-Limit-Status")));
        Assert.Equal((sim.WallMs + 3000).ToString(CultureInfo.InvariantCulture), Assert.Single(refused.Headers.GetValues("X-Bapi-Limit-Reset-Timestamp")));
        Assert.Equal("0.000", await sim.SizeAsync());
    }

    [Fact]
    public async Task A_generic_refusal_is_the_request_parameter_error()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.Unspecified });

        var refused = await sim.CreateAsync(BybitSim.MarketBuy);

        Assert.Equal((200, 10001, "Request parameter error."), (refused.Status, refused.RetCode, refused.RetMsg));
    }

    [Fact]
    public async Task A_post_only_refusal_is_acknowledged_then_cancelled_as_bybit_shows_it()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.PostOnlyWouldTake });

        var created = await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","timeInForce":"PostOnly","qty":"0.1","price":"8990" """);

        Assert.Equal(0, created.RetCode);
        var order = await sim.OrderAsync("BTCUSDT", S(created.Result, "orderId"));
        Assert.Equal(("Cancelled", "EC_PostOnlyWillTakeLiquidity"), (S(order, "orderStatus"), S(order, "rejectReason")));
    }

    [Fact]
    public async Task A_never_fill_order_stays_new_even_when_marketable_until_cancelled()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.NeverFill, Nth = 1 });

        var orderId = S((await sim.CreateAsync(BybitSim.MarketBuy)).Result, "orderId");
        sim.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("New", S(await sim.OrderAsync("BTCUSDT", orderId), "orderStatus"));

        var cancelled = await sim.SignedPostAsync("/v5/order/cancel", $$"""{"category":"linear","symbol":"BTCUSDT","orderId":"{{orderId}}"}""");
        Assert.Equal(0, cancelled.RetCode);
        var order = await sim.OrderAsync("BTCUSDT", orderId);
        Assert.Equal(("Cancelled", "CancelByUser", "0.000"), (S(order, "orderStatus"), S(order, "cancelType"), S(order, "cumExecQty")));
    }

    [Theory]
    [InlineData("0.5", null, "0.050")]
    [InlineData(null, "0.01", "0.010")]   // the minimum qty
    public async Task A_partial_fill_fills_its_share_then_the_rest_is_cancelled(string? fraction, string? quantity, string executed)
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule
        {
            Kind = FaultKind.PartialFill, Nth = 1,
            Fraction = fraction is null ? null : decimal.Parse(fraction, CultureInfo.InvariantCulture),
            Quantity = quantity is null ? null : decimal.Parse(quantity, CultureInfo.InvariantCulture),
        });
        var stream = await sim.ConnectPrivateAsync("order", "execution");

        var orderId = S((await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.1","price":"9005" """)).Result, "orderId");

        var order = await sim.OrderAsync("BTCUSDT", orderId);
        Assert.Equal(("Cancelled", executed, "0.000"), (S(order, "orderStatus"), S(order, "cumExecQty"), S(order, "leavesQty")));
        Assert.Equal(executed, await sim.SizeAsync());
        Assert.Equal("New PartiallyFilled Trade Cancelled", OrderUpdates(await BybitSim.DrainAsync(stream)));
    }

    [Fact]
    public async Task A_late_fill_waits_on_the_market_clock_past_the_clients_timeout_then_fills()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.LateFill, Delay = TimeSpan.FromSeconds(45), Nth = 1 });

        var orderId = S((await sim.CreateAsync(BybitSim.MarketBuy)).Result, "orderId");
        sim.Advance(TimeSpan.FromSeconds(30)); // the client's 30 s verification timeout passes
        Assert.Equal("New", S(await sim.OrderAsync("BTCUSDT", orderId), "orderStatus"));

        sim.Advance(TimeSpan.FromSeconds(16));
        var filled = await sim.OrderAsync("BTCUSDT", orderId);
        Assert.Equal(("Filled", "0.100"), (S(filled, "orderStatus"), S(filled, "cumExecQty")));
        Assert.Equal("0.100", await sim.SizeAsync());
    }

    [Theory]
    [InlineData(false, 0, "Cancelled", "0.000")]
    [InlineData(true, 110001, "Filled", "0.100")]
    public async Task A_cancel_before_a_late_fill_wins_or_loses_the_race_as_scripted(bool fillsDespiteCancel, int cancelCode, string finalStatus, string size)
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.LateFill, Delay = TimeSpan.FromSeconds(45), FillsDespiteCancel = fillsDespiteCancel });

        var orderId = S((await sim.CreateAsync(BybitSim.MarketBuy)).Result, "orderId");
        sim.Advance(TimeSpan.FromSeconds(31));
        var cancel = await sim.SignedPostAsync("/v5/order/cancel", $$"""{"category":"linear","symbol":"BTCUSDT","orderId":"{{orderId}}"}""");
        Assert.Equal(cancelCode, cancel.RetCode);

        sim.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(finalStatus, S(await sim.OrderAsync("BTCUSDT", orderId), "orderStatus"));
        Assert.Equal(size, await sim.SizeAsync());
    }

    [Theory]
    [InlineData(FaultKind.DuplicateUpdates, "New New Filled Trade Filled Trade New Filled Trade")]   // every update twice, the next order untouched
    [InlineData(FaultKind.OutOfOrderUpdates, "Filled Trade New New Filled Trade")]                 // the fill before New, the next order untouched
    public async Task Order_and_execution_messages_arrive_duplicated_or_out_of_order(FaultKind kind, string expected)
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = kind, Nth = 1 });
        var stream = await sim.ConnectPrivateAsync("order", "execution");

        await sim.CreateAsync(BybitSim.MarketBuy);
        await sim.CreateAsync(BybitSim.MarketBuy);

        var frames = await BybitSim.DrainAsync(stream);
        Assert.Equal(expected, OrderUpdates(frames));
        if (kind == FaultKind.DuplicateUpdates)
        {
            // A duplicate is the very same message, id included.
            var orders = frames.Where(f => S(f, "topic") == "order").ToList();
            Assert.Equal(orders[0].GetRawText(), orders[1].GetRawText());
        }
    }

    [Fact]
    public async Task A_refusal_reaches_the_trade_socket_with_the_same_code()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin });
        var socket = await sim.ConnectTradeAsync();

        await SimHarness.SendAsync(socket, sim.TradeCreate("a1", BybitSim.MarketBuy));
        var answer = await SimHarness.ReceiveAsync(socket);

        Assert.Equal((110007, "ab not enough for new order", "a1"), (answer.GetProperty("retCode").GetInt32(), S(answer, "retMsg"), S(answer, "reqId")));
        Assert.Equal(WebSocketState.Open, socket.State);
    }
}
