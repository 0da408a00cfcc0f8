using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>GET /v5/execution/list (docs/v5/order/execution): the account's trades and funding settlements, newest
/// first, each the very execution the private stream pushed (same <c>execId</c>, same fields, less the stream-only ones).</summary>
public class BybitTradeHistoryTests
{
    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static async Task<BybitResponse> ExecutionsAsync(BybitSim sim, string query)
    {
        var response = await sim.SignedGetAsync("/v5/execution/list", query);
        Assert.Equal((0, "OK"), (response.RetCode, response.RetMsg));
        return response;
    }

    private static List<JsonElement> List(BybitResponse response) => [.. response.Result.GetProperty("list").EnumerateArray()];

    [Fact]
    public async Task The_trade_history_answers_in_the_documented_shape()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.5","orderLinkId":"hist-1" """);
        var response = await ExecutionsAsync(sim, "category=linear");
        ShapeAssert.Matches("Bybit/execution-list.json", response.Json);
        var trade = Assert.Single(List(response));
        Assert.Equal(("BTCUSDT", "Trade", "hist-1", "0.500", "9000.1", "0.000", "Buy"),
            (S(trade, "symbol"), S(trade, "execType"), S(trade, "orderLinkId"), S(trade, "execQty"), S(trade, "execPrice"), S(trade, "leavesQty"), S(trade, "side")));
        Assert.False(trade.TryGetProperty("category", out _)); // the list's, not the item's, as documented
        BybitSignatureTests.AssertRet(await sim.SignedGetAsync("/v5/execution/list", ""), 10001, "Illegal category");
        BybitSignatureTests.AssertRet(await sim.SignedGetAsync("/v5/execution/list", "category=linear&limit=101"), 10001, "params error: limit invalid");
    }

    [Fact]
    public async Task A_funding_settlement_is_listed_as_the_execution_the_stream_pushed()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.5" """);
        var socket = await sim.ConnectPrivateAsync("execution");
        sim.Advance(TimeSpan.FromSeconds(61)); // past the 08:00 settlement
        var pushed = (await BybitSim.DrainAsync(socket)).Select(f => f.GetProperty("data")[0]).Single(e => S(e, "execType") == "Funding");

        var funding = Assert.Single(List(await ExecutionsAsync(sim, "category=linear&execType=Funding")));
        foreach (var name in (string[])["execId", "execFee", "execQty", "execPrice", "execTime", "side", "feeRate", "symbol", "feeCurrency", "orderType"])
            Assert.Equal(S(pushed, name), S(funding, name));
        var all = List(await ExecutionsAsync(sim, "category=linear"));
        Assert.Equal(["Funding", "Trade"], all.Select(e => S(e, "execType"))); // newest first
        Assert.Empty(List(await ExecutionsAsync(sim, "category=linear&execType=Funding&endTime=1767599999999"))); // before 08:00
        Assert.Single(List(await ExecutionsAsync(sim, "category=linear&execType=Funding&startTime=1767600000000&endTime=1767600000000")));
        Assert.Empty(List(await ExecutionsAsync(sim, "category=linear&symbol=ETHUSDT")));
        BybitSignatureTests.AssertRet(await sim.SignedGetAsync("/v5/execution/list", "category=linear&startTime=1767000000000&endTime=1767700000000"),
            10001, "params error: endTime - startTime should be less than 7 days");
    }

    [Fact]
    public async Task The_trade_history_pages_with_a_cursor_and_filters_by_order()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1.5","orderLinkId":"walk-1" """); // two levels: two trades
        await sim.CreateAsync(""" "symbol":"ETHUSDT","side":"Sell","orderType":"Market","qty":"1","orderLinkId":"eth-1" """);
        var first = await ExecutionsAsync(sim, "category=linear&limit=2");
        Assert.Equal(["ETHUSDT", "BTCUSDT"], List(first).Select(e => S(e, "symbol")));
        var cursor = S(first.Result, "nextPageCursor");
        Assert.NotEqual("", cursor);
        var second = await ExecutionsAsync(sim, "category=linear&limit=2&cursor=" + cursor);
        var last = Assert.Single(List(second));
        Assert.Equal(("BTCUSDT", "9000.1", "1.000"), (S(last, "symbol"), S(last, "execPrice"), S(last, "execQty"))); // the first trade of the walk
        Assert.Equal("0.500", S(last, "leavesQty")); // as it stood after that fill
        Assert.Equal("", S(second.Result, "nextPageCursor"));
        Assert.Equal(2, List(await ExecutionsAsync(sim, "category=linear&orderLinkId=walk-1")).Count);
        // orderLinkId outranks symbol, as documented.
        Assert.Single(List(await ExecutionsAsync(sim, "category=linear&orderLinkId=eth-1&symbol=BTCUSDT")));
    }
}
