using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>Orders against the Flat book: asks of exactly 1.000 BTC at 9000.1, 9001.1, 9002.1, 9003.1, 9004.1; bids of
/// 1.000 at 8999.9, 8998.9, …; taker fee 0.055 %. The expected fills are worked out here from that book. Create answers
/// only ids, as live; the outcome is read back from GET /v5/order/realtime and /v5/position/list.</summary>
public class BybitOrderTests
{
    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static async Task<string> PlaceAsync(BybitSim sim, string fields, string key = BybitSim.Key, string secret = BybitSim.Secret)
    {
        var created = await sim.CreateAsync(fields, key, secret);
        BybitSignatureTests.AssertRet(created, 0, "OK");
        return S(created.Result, "orderId");
    }

    [Fact]
    public async Task A_market_order_walks_the_depth_and_fills_at_the_volume_weighted_price()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var id = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"2.5","orderLinkId":"m-1" """);
        var order = await sim.OrderAsync("BTCUSDT", id);
        // 1 @ 9000.1 + 1 @ 9001.1 + 0.5 @ 9002.1 = 22502.25 → 9000.9 on average; fee 22502.25 × 0.00055.
        Assert.Equal(("Filled", "2.500", "22502.25", "9000.9", "12.3762375"),
            (S(order, "orderStatus"), S(order, "cumExecQty"), S(order, "cumExecValue"), S(order, "avgPrice"), S(order, "cumExecFee")));
        Assert.Equal(("0.000", "IOC", "Market", "m-1", "12.3762375"),
            (S(order, "leavesQty"), S(order, "timeInForce"), S(order, "orderType"), S(order, "orderLinkId"), S(order.GetProperty("cumFeeDetail"), "USDT")));
        var position = await sim.PositionAsync("BTCUSDT");
        Assert.Equal(("Buy", "2.500", "9000.9", "-12.3762375"), (S(position, "side"), S(position, "size"), S(position, "avgPrice"), S(position, "curRealisedPnl")));
        var wallet = await sim.SignedGetAsync("/v5/account/wallet-balance", "accountType=UNIFIED&coin=USDT");
        Assert.Equal("99987.6237625", S(wallet.Result.GetProperty("list")[0].GetProperty("coin")[0], "walletBalance"));
    }

    [Fact]
    public async Task A_market_order_larger_than_the_book_fills_what_is_there_and_the_rest_is_cancelled()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var id = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"6" """);
        var order = await sim.OrderAsync("BTCUSDT", id);
        Assert.Equal(("Cancelled", "5.000", "UNKNOWN", "EC_NoError"), (S(order, "orderStatus"), S(order, "cumExecQty"), S(order, "cancelType"), S(order, "rejectReason")));
        Assert.Equal("5.000", S(await sim.PositionAsync("BTCUSDT"), "size"));
    }

    [Fact]
    public async Task An_IOC_order_fills_what_crosses_and_the_remainder_is_cancelled()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var id = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","timeInForce":"IOC","qty":"3","price":"9001.1" """);
        var order = await sim.OrderAsync("BTCUSDT", id);
        Assert.Equal(("Cancelled", "2.000", "9000.6", "0.000"), (S(order, "orderStatus"), S(order, "cumExecQty"), S(order, "avgPrice"), S(order, "leavesQty")));
        var open = await sim.SignedGetAsync("/v5/order/realtime", "category=linear&symbol=BTCUSDT");
        Assert.Equal(0, open.Result.GetProperty("list").GetArrayLength());
        var closed = await sim.SignedGetAsync("/v5/order/realtime", "category=linear&symbol=BTCUSDT&openOnly=1");
        Assert.Equal(id, S(Assert.Single(closed.Result.GetProperty("list").EnumerateArray()), "orderId"));
    }

    [Fact]
    public async Task An_FOK_order_the_book_cannot_fill_is_acknowledged_then_cancelled_and_changes_nothing()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var id = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","timeInForce":"FOK","qty":"3","price":"9001.1" """);
        var order = await sim.OrderAsync("BTCUSDT", id);
        Assert.Equal(("Cancelled", "EC_CancelForNoFullFill", "0.000", "FOK"), (S(order, "orderStatus"), S(order, "rejectReason"), S(order, "cumExecQty"), S(order, "timeInForce")));
        Assert.Equal("0.000", S(await sim.PositionAsync("BTCUSDT"), "size"));
        var filled = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","timeInForce":"FOK","qty":"2","price":"9001.1" """);
        Assert.Equal("Filled", S(await sim.OrderAsync("BTCUSDT", filled), "orderStatus"));
    }

    [Fact]
    public async Task A_PostOnly_order_that_would_take_is_cancelled_and_one_that_rests_can_be_cancelled_once()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var crossing = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","timeInForce":"PostOnly","qty":"1","price":"9000.1" """);
        var refused = await sim.OrderAsync("BTCUSDT", crossing);
        Assert.Equal(("Cancelled", "EC_PostOnlyWillTakeLiquidity", "UNKNOWN"), (S(refused, "orderStatus"), S(refused, "rejectReason"), S(refused, "cancelType")));

        var resting = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","timeInForce":"PostOnly","qty":"1","price":"8999.0","orderLinkId":"rest-1" """);
        Assert.Equal(("New", "1.000", "8999"), (S(await sim.OrderAsync("BTCUSDT", resting), "orderStatus"), S(await sim.OrderAsync("BTCUSDT", resting), "leavesQty"),
            S(await sim.OrderAsync("BTCUSDT", resting), "leavesValue")));
        var canceled = await sim.SignedPostAsync("/v5/order/cancel", """{"category":"linear","symbol":"BTCUSDT","orderLinkId":"rest-1"}""");
        BybitSignatureTests.AssertRet(canceled, 0, "OK");
        Assert.Equal(resting, S(canceled.Result, "orderId"));
        var order = await sim.OrderAsync("BTCUSDT", resting);
        Assert.Equal(("Cancelled", "CancelByUser", "EC_NoError"), (S(order, "orderStatus"), S(order, "cancelType"), S(order, "rejectReason")));
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync("/v5/order/cancel", $$"""{"category":"linear","symbol":"BTCUSDT","orderId":"{{resting}}"}"""), 110001, "Order does not exist");
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync("/v5/order/cancel", """{"category":"linear","symbol":"BTCUSDT"}"""), 10001, "params error: OrderId or orderLinkId is required");
    }

    [Fact]
    public async Task Reduce_only_orders_never_open_or_grow_a_position_and_are_capped_to_it()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        BybitSignatureTests.AssertRet(await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Sell","orderType":"Market","qty":"1","reduceOnly":true """),
            110017, "current position is zero, cannot fix reduce-only order qty");
        await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1" """);
        BybitSignatureTests.AssertRet(await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.5","reduceOnly":"true" """),
            110017, "reduce-only order has same side with current position");
        var closing = await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Sell","orderType":"Market","qty":"3","reduceOnly":true """);
        var order = await sim.OrderAsync("BTCUSDT", closing);
        Assert.Equal(("1.000", "Cancelled", true), (S(order, "cumExecQty"), S(order, "orderStatus"), order.GetProperty("reduceOnly").GetBoolean()));
        var position = await sim.PositionAsync("BTCUSDT");
        Assert.Equal(("", "0.000"), (S(position, "side"), S(position, "size")));
        // Bought at 9000.1, sold at 8999.9: −0.2 realized, less both taker fees (4.950055 + 4.949945).
        Assert.Equal("-10.1", S(position, "cumRealisedPnl"));
    }

    [Theory]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.01","price":"9000" """, 110094, "Order does not meet minimum order value 100USDT")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.1","price":"9450.1" """, 110003, "Order price is out of permissible range")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Sell","orderType":"Limit","qty":"0.1","price":"8549.9" """, 110003, "Order price is out of permissible range")]
    [InlineData(""" "symbol":"NOPEUSDT","side":"Buy","orderType":"Market","qty":"1" """, 10001, "params error: symbol invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"BUY","orderType":"Market","qty":"1" """, 10001, "params error: side invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Stop","qty":"1" """, 10001, "params error: orderType invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.0015" """, 10001, "Qty invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"-1" """, 10001, "Qty invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.005" """, 10001, "The number of contracts exceeds minimum limit allowed")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1000.001" """, 10001, "The number of contracts exceeds maximum limit allowed")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"1","price":"9000.05" """, 10001, "params error: price invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"1" """, 10001, "params error: price invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"1","price":"8990","timeInForce":"GTX" """, 10001, "params error: timeInForce invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1","positionIdx":1 """, 10001, "position idx not match position mode")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1","reduceOnly":"yes" """, 10001, "params error: reduceOnly invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1","orderLinkId":"0123456789012345678901234567890123456" """, 10001, "params error: orderLinkId invalid")]
    [InlineData(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"1","price":"8990","triggerPrice":"9500" """, 10001, "params error: triggerPrice is not supported by this simulator")]
    public async Task Refused_orders_get_the_venue_s_code_and_message(string fields, int code, string message)
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        BybitSignatureTests.AssertRet(await sim.CreateAsync(fields), code, message);
        Assert.Equal(0, (await sim.SignedGetAsync("/v5/order/realtime", "category=linear&symbol=BTCUSDT&openOnly=1")).Result.GetProperty("list").GetArrayLength());
    }

    [Fact]
    public async Task Category_margin_and_order_link_id_refusals()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat,
            extraAccounts: [new ApiCredential(VenueKind.Bybit, "small-key", "small-secret", StartingBalance: 100m)]);
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync("/v5/order/create", """{"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1"}"""),
            10001, "Illegal category");
        // 0.3 BTC at 9000.1 is 2700 USDT, 135 USDT of margin at the default 20× leverage: more than the 100 held.
        BybitSignatureTests.AssertRet(await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.3" """, "small-key", "small-secret"),
            110007, "ab not enough for new order");
        await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.1","orderLinkId":"once" """);
        BybitSignatureTests.AssertRet(await sim.CreateAsync(""" "symbol":"ETHUSDT","side":"Buy","orderType":"Market","qty":"1","orderLinkId":"once" """),
            110072, "OrderLinkedID is duplicate");
        // Orders without an orderLinkId never clash with each other.
        await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.1","price":"8990" """);
        await PlaceAsync(sim, """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.1","price":"8991" """);
    }

    [Fact]
    public async Task Leverage_and_position_mode_answer_as_a_one_way_account()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        const string path = "/v5/position/set-leverage";
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync(path, """{"category":"linear","symbol":"BTCUSDT","buyLeverage":"5","sellLeverage":"5"}"""), 0, "OK");
        Assert.Equal("5", S(await sim.PositionAsync("BTCUSDT"), "leverage"));
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync(path, """{"category":"linear","symbol":"BTCUSDT","buyLeverage":"5","sellLeverage":"5"}"""), 110043, "Set leverage not modified");
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync(path, """{"category":"linear","symbol":"BTCUSDT","buyLeverage":"5","sellLeverage":"6"}"""),
            10001, "params error: buyLeverage must equal sellLeverage in one-way mode");
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync(path, """{"category":"linear","symbol":"BTCUSDT","buyLeverage":"101","sellLeverage":"101"}"""),
            10001, "params error: buyLeverage invalid");
        const string mode = "/v5/position/switch-mode";
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync(mode, """{"category":"linear","symbol":"BTCUSDT","mode":0}"""), 110025, "Position mode is not modified");
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync(mode, """{"category":"linear","coin":"USDT","mode":3}"""), 110029, "Hedge mode is not supported for this symbol.");
        BybitSignatureTests.AssertRet(await sim.SignedPostAsync(mode, """{"category":"linear","symbol":"BTCUSDT","mode":2}"""), 10001, "params error: position_mode invalid");
    }

    [Fact]
    public async Task Open_orders_list_newest_first_and_page_with_a_cursor()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var ids = new List<string>();
        foreach (var price in (string[])["8990", "8991", "8992"])
            ids.Add(await PlaceAsync(sim, $$""" "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.1","price":"{{price}}" """));
        var first = await sim.SignedGetAsync("/v5/order/realtime", "category=linear&settleCoin=USDT&limit=2");
        Assert.Equal([ids[2], ids[1]], first.Result.GetProperty("list").EnumerateArray().Select(o => S(o, "orderId")));
        var cursor = S(first.Result, "nextPageCursor");
        var second = await sim.SignedGetAsync("/v5/order/realtime", "category=linear&settleCoin=USDT&limit=2&cursor=" + cursor);
        Assert.Equal([ids[0]], second.Result.GetProperty("list").EnumerateArray().Select(o => S(o, "orderId")));
        Assert.Equal("", S(second.Result, "nextPageCursor"));
        BybitSignatureTests.AssertRet(await sim.SignedGetAsync("/v5/order/realtime", "category=linear"), 10001, "params error: symbol, baseCoin or settleCoin is required");
    }
}
