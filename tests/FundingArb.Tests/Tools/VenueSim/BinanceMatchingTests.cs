using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>Orders against the Flat book: asks of exactly 1.000 BTC at 9000.1, 9001.1, 9002.1, 9003.1, 9004.1; bids of
/// 1.000 at 8999.9, 8998.9, … The expected fills are worked out here from that book, not read back from the simulator.</summary>
public class BinanceMatchingTests
{
    private static Task<(int Status, JsonElement Json)> Order(SimHarness sim, string parameters) =>
        sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&" + parameters + "&newOrderRespType=RESULT");

    [Fact]
    public async Task The_book_is_the_scenario_shape()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, depth) = await sim.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=5");
        Assert.Equal(["9000.1", "9001.1", "9002.1", "9003.1", "9004.1"], depth.GetProperty("asks").EnumerateArray().Select(l => l[0].GetString()));
        Assert.Equal(["8999.9", "8998.9", "8997.9", "8996.9", "8995.9"], depth.GetProperty("bids").EnumerateArray().Select(l => l[0].GetString()));
        Assert.All(depth.GetProperty("asks").EnumerateArray(), l => Assert.Equal("1.000", l[1].GetString()));
    }

    [Fact]
    public async Task A_market_order_walks_the_depth_and_fills_at_the_volume_weighted_price()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, order) = await Order(sim, "side=BUY&type=MARKET&quantity=2.5");
        Assert.Equal(200, status);
        Assert.Equal("FILLED", order.GetProperty("status").GetString());
        Assert.Equal("2.500", order.GetProperty("executedQty").GetString());
        // 1 @ 9000.1 + 1 @ 9001.1 + 0.5 @ 9002.1 = 22502.25 → 9000.9 on average
        Assert.Equal("22502.2500", order.GetProperty("cumQuote").GetString());
        Assert.Equal(9000.9m, decimal.Parse(order.GetProperty("avgPrice").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var (_, depth) = await sim.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=5");
        Assert.Equal("9002.1", depth.GetProperty("asks")[0][0].GetString());
        Assert.Equal("0.500", depth.GetProperty("asks")[0][1].GetString());
    }

    [Fact]
    public async Task A_market_order_larger_than_the_book_fills_what_is_there_and_expires()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, order) = await Order(sim, "side=BUY&type=MARKET&quantity=6");
        Assert.Equal("EXPIRED", order.GetProperty("status").GetString());
        Assert.Equal("5.000", order.GetProperty("executedQty").GetString());
        var (_, position) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("5.000", position[0].GetProperty("positionAmt").GetString());
    }

    [Fact]
    public async Task The_default_ACK_answer_is_the_order_as_accepted_before_it_matched()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, ack) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1&newClientOrderId=ack-1");
        Assert.Equal("NEW", ack.GetProperty("status").GetString());
        Assert.Equal("0.000", ack.GetProperty("executedQty").GetString());
        var (_, queried) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=ack-1");
        Assert.Equal("FILLED", queried.GetProperty("status").GetString());
        Assert.Equal("8999.9", queried.GetProperty("avgPrice").GetString()![..6]);
    }

    [Fact]
    public async Task An_IOC_order_fills_what_crosses_and_the_remainder_expires()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, order) = await Order(sim, "side=BUY&type=LIMIT&timeInForce=IOC&quantity=3&price=9001.1");
        Assert.Equal("EXPIRED", order.GetProperty("status").GetString());
        Assert.Equal("2.000", order.GetProperty("executedQty").GetString());
        var (_, open) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal(0, open.GetArrayLength());
    }

    [Fact]
    public async Task A_FOK_order_that_cannot_fill_completely_is_rejected_and_changes_nothing()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, json) = await Order(sim, "side=BUY&type=LIMIT&timeInForce=FOK&quantity=3&price=9001.1");
        Assert.Equal(400, status);
        BinanceSignatureTests.AssertError(json, -5021, "Due to the order could not be filled immediately, the FOK order has been rejected.");
        var (_, depth) = await sim.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=5");
        Assert.Equal("1.000", depth.GetProperty("asks")[0][1].GetString());

        var (_, filled) = await Order(sim, "side=BUY&type=LIMIT&timeInForce=FOK&quantity=2&price=9001.1");
        Assert.Equal("FILLED", filled.GetProperty("status").GetString());
        Assert.Equal("2.000", filled.GetProperty("executedQty").GetString());
    }

    [Fact]
    public async Task A_post_only_order_that_would_take_is_rejected_and_one_that_would_not_rests()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, json) = await Order(sim, "side=BUY&type=LIMIT&timeInForce=GTX&quantity=1&price=9000.1");
        Assert.Equal(400, status);
        BinanceSignatureTests.AssertError(json, -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");

        var (_, resting) = await Order(sim, "side=BUY&type=LIMIT&timeInForce=GTX&quantity=1&price=9000.0");
        Assert.Equal("NEW", resting.GetProperty("status").GetString());
        Assert.Equal("GTX", resting.GetProperty("timeInForce").GetString());
        var (_, open) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal(1, open.GetArrayLength());
    }

    [Fact]
    public async Task A_reduce_only_order_that_would_open_or_increase_a_position_is_rejected_with_2022()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, json) = await Order(sim, "side=SELL&type=MARKET&quantity=1&reduceOnly=true");
        Assert.Equal(400, status);
        BinanceSignatureTests.AssertError(json, -2022, "ReduceOnly Order is rejected.");

        await Order(sim, "side=BUY&type=MARKET&quantity=1");
        (status, json) = await Order(sim, "side=BUY&type=MARKET&quantity=0.5&reduceOnly=true");
        Assert.Equal(400, status);
        Assert.Equal(-2022, json.GetProperty("code").GetInt32());

        var (_, reduced) = await Order(sim, "side=SELL&type=MARKET&quantity=0.4&reduceOnly=true");
        Assert.Equal("FILLED", reduced.GetProperty("status").GetString());
        var (_, position) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.600", position[0].GetProperty("positionAmt").GetString());
    }

    [Fact]
    public async Task A_reduce_only_order_larger_than_the_position_closes_it_and_never_flips_it()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        await Order(sim, "side=BUY&type=MARKET&quantity=1");
        var (_, order) = await Order(sim, "side=SELL&type=MARKET&quantity=3&reduceOnly=true");
        Assert.Equal("1.000", order.GetProperty("executedQty").GetString());
        var (_, position) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.000", position[0].GetProperty("positionAmt").GetString());
    }

    [Fact]
    public async Task Positions_carry_entry_price_mark_to_market_margin_and_liquidation_price()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10");
        await Order(sim, "side=BUY&type=MARKET&quantity=2"); // 1 @ 9000.1 + 1 @ 9001.1
        var (_, risk) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT");
        var p = risk[0];
        decimal D(string name) => decimal.Parse(p.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(9000.6m, D("entryPrice"));
        Assert.Equal(9000m, D("markPrice"));
        Assert.Equal(2 * (9000m - 9000.6m), D("unRealizedProfit"));
        Assert.Equal(2 * 9000m / 10, D("positionInitialMargin"));
        Assert.Equal(2 * 9000m * 0.004m, D("maintMargin"));
        // Cross, one position: wallet after two taker fees; liquidation where wallet + 2·(P − 9000.6) = 0.004·2·P.
        var wallet = 100_000m - (9000.1m + 9001.1m) * 0.0005m;
        var expected = (wallet - 2 * 9000.6m) / (2 * 0.004m - 2);
        Assert.Equal(0m, Math.Max(0, expected)); // a 100 000 USDT wallet cannot be liquidated by a 2 BTC long
        Assert.Equal(0m, D("liquidationPrice"));

        // A short has a liquidation price above the mark: wallet + 2·(9000 − P)·… solved by the same formula.
        await Order(sim, "side=SELL&type=MARKET&quantity=12");
        (_, risk) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT");
        Assert.True(D2(risk[0], "liquidationPrice") > 9000m);
    }

    private static decimal D2(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Fees_are_charged_on_every_fill_and_recorded_as_commission()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        await Order(sim, "side=BUY&type=MARKET&quantity=1");
        var (_, income) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/income", "incomeType=COMMISSION");
        Assert.Equal(1, income.GetArrayLength());
        Assert.Equal("-4.50005000", income[0].GetProperty("income").GetString()); // 9000.1 × 0.0005
        var (_, balance) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/balance", "");
        Assert.Equal("99995.49995000", balance[0].GetProperty("balance").GetString());
    }

    [Fact]
    public async Task Cancel_ends_an_open_order_and_a_second_cancel_is_unknown()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, placed) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=8990&newClientOrderId=c1");
        var id = placed.GetProperty("orderId").GetInt64();
        var (_, canceled) = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal("CANCELED", canceled.GetProperty("status").GetString());
        var (status, json) = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal(400, status);
        BinanceSignatureTests.AssertError(json, -2011, "Unknown order sent.");
        (status, json) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=1");
        BinanceSignatureTests.AssertError(json, -2013, "Order does not exist.");
    }

    [Fact]
    public async Task A_resting_order_fills_as_maker_when_the_market_trades_through_it()
    {
        // The Lively book drifts up 600 in an hour; a sell resting 30 above the mark is crossed within minutes.
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var (_, placed) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.01&price=60030");
        Assert.Equal("NEW", placed.GetProperty("status").GetString());
        sim.Advance(TimeSpan.FromMinutes(5));
        var (_, order) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={placed.GetProperty("orderId").GetInt64()}");
        Assert.Equal("FILLED", order.GetProperty("status").GetString());
        Assert.Equal("60030.00000", order.GetProperty("avgPrice").GetString());
        var (_, income) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/income", "incomeType=COMMISSION");
        Assert.Equal("-0.12006000", income[0].GetProperty("income").GetString()); // maker 0.02% of 600.30
    }

    [Theory]
    [InlineData("side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=9000.05", -1111)]
    [InlineData("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0001&price=9000", -1111)]
    [InlineData("side=BUY&type=LIMIT&quantity=1&price=9000", -1102)]
    [InlineData("side=BUY&type=MARKET&quantity=1&price=9000", -1106)]
    [InlineData("side=BUY&type=STOP_MARKET&quantity=1&stopPrice=9100", -4120)]
    [InlineData("side=UP&type=MARKET&quantity=1", -1117)]
    [InlineData("side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=9500", -4016)]
    [InlineData("side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=8500", -4024)]
    [InlineData("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=4000", -4024)]
    [InlineData("side=BUY&type=MARKET&quantity=500", -2019)]
    public async Task Bad_orders_get_the_venue_s_code(string parameters, int code)
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, json) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&" + parameters);
        Assert.Equal(400, status);
        Assert.Equal(code, json.GetProperty("code").GetInt32());
    }
}
