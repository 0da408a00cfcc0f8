namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>Every endpoint's answer has the fields of the docs' response example (Fixtures/Bybit/README.md names the pages).</summary>
public class BybitResponseShapeTests
{
    private static void Matches(string fixture, System.Text.Json.JsonElement actual) => ShapeAssert.Matches("Bybit/" + fixture, actual);

    [Theory]
    [InlineData("/v5/market/time", "market-time.json")]
    [InlineData("/v5/market/instruments-info?category=linear", "instruments-info.json")]
    [InlineData("/v5/market/tickers?category=linear", "tickers.json")]
    [InlineData("/v5/market/orderbook?category=linear&symbol=BTCUSDT", "orderbook.json")]
    public async Task Market_endpoints_answer_in_the_documented_shape(string pathAndQuery, string fixture)
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var response = await sim.GetAsync(pathAndQuery);
        BybitSignatureTests.AssertRet(response, 0, "OK");
        Matches(fixture, response.Json);
    }

    [Fact]
    public async Task Funding_history_answers_in_the_documented_shape_newest_first()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        sim.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(2)); // 07:59 → 16:01: the 08:00 and 16:00 settlements
        var response = await sim.GetAsync("/v5/market/funding/history?category=linear&symbol=BTCUSDT");
        Matches("funding-history.json", response.Json);
        var list = response.Result.GetProperty("list").EnumerateArray().ToList();
        Assert.Equal(["1767628800000", "1767600000000"], list.Select(r => r.GetProperty("fundingRateTimestamp").GetString()));
        Assert.All(list, r => Assert.Equal("0.0003", r.GetProperty("fundingRate").GetString()));
        Assert.Single((await sim.GetAsync("/v5/market/funding/history?category=linear&symbol=BTCUSDT&limit=1")).Result.GetProperty("list").EnumerateArray());
        var onlyStart = await sim.GetAsync("/v5/market/funding/history?category=linear&symbol=BTCUSDT&startTime=1767600000000");
        BybitSignatureTests.AssertRet(onlyStart, 10001, "params error: endTime is required when startTime is passed");
        var window = await sim.GetAsync("/v5/market/funding/history?category=linear&symbol=BTCUSDT&startTime=1767600000000&endTime=1767600000000");
        Assert.Single(window.Result.GetProperty("list").EnumerateArray());
    }

    [Fact]
    public async Task Order_endpoints_answer_in_the_documented_shapes()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var created = await sim.CreateAsync("""
            "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.1","price":"8990","timeInForce":"GTC","orderLinkId":"shape-1"
            """);
        BybitSignatureTests.AssertRet(created, 0, "OK");
        Matches("order-create.json", created.Json);
        var orderId = created.Result.GetProperty("orderId").GetString()!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", orderId);
        Assert.Equal("shape-1", created.Result.GetProperty("orderLinkId").GetString());

        var open = await sim.SignedGetAsync("/v5/order/realtime", "category=linear&symbol=BTCUSDT");
        Matches("order-realtime.json", open.Json);
        var order = Assert.Single(open.Result.GetProperty("list").EnumerateArray());
        Assert.Equal((orderId, "New", "8990.0", "0.100", "GTC"), (order.GetProperty("orderId").GetString(), order.GetProperty("orderStatus").GetString(),
            order.GetProperty("price").GetString(), order.GetProperty("leavesQty").GetString(), order.GetProperty("timeInForce").GetString()));

        var canceled = await sim.SignedPostAsync("/v5/order/cancel", $$"""{"category":"linear","symbol":"BTCUSDT","orderId":"{{orderId}}"}""");
        Matches("order-cancel.json", canceled.Json);
        Assert.Equal((orderId, "shape-1"), (canceled.Result.GetProperty("orderId").GetString(), canceled.Result.GetProperty("orderLinkId").GetString()));
    }

    [Fact]
    public async Task Account_endpoints_answer_in_the_documented_shapes()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        await sim.CreateAsync("""
            "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.5"
            """);
        var positions = await sim.SignedGetAsync("/v5/position/list", "category=linear&symbol=BTCUSDT");
        Matches("position-list.json", positions.Json);
        var wallet = await sim.SignedGetAsync("/v5/account/wallet-balance", "accountType=UNIFIED");
        Matches("wallet-balance.json", wallet.Json);
        Matches("account-info.json", (await sim.SignedGetAsync("/v5/account/info", "")).Json);
        var key = await sim.SignedGetAsync("/v5/user/query-api", "");
        Matches("query-api.json", key.Json);
        Assert.Equal((BybitSim.Key, 1, 0), (key.Result.GetProperty("apiKey").GetString(), key.Result.GetProperty("uta").GetInt32(), key.Result.GetProperty("readOnly").GetInt32()));
        Matches("set-leverage.json", (await sim.SignedPostAsync("/v5/position/set-leverage", """{"category":"linear","symbol":"BTCUSDT","buyLeverage":"10","sellLeverage":"10"}""")).Json);
        var log = await sim.SignedGetAsync("/v5/account/transaction-log", "accountType=UNIFIED&category=linear");
        Matches("transaction-log.json", log.Json);
    }

    [Fact]
    public async Task Instruments_info_describes_each_symbol_and_pages_with_a_cursor()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var first = await sim.GetAsync("/v5/market/instruments-info?category=linear&limit=1");
        var btc = Assert.Single(first.Result.GetProperty("list").EnumerateArray());
        Assert.Equal("BTCUSDT", btc.GetProperty("symbol").GetString());
        Assert.Equal(480, btc.GetProperty("fundingInterval").GetInt32());
        Assert.Equal(("0.1", "0.001", "0.010", "100"), (btc.GetProperty("priceFilter").GetProperty("tickSize").GetString(),
            btc.GetProperty("lotSizeFilter").GetProperty("qtyStep").GetString(), btc.GetProperty("lotSizeFilter").GetProperty("minOrderQty").GetString(),
            btc.GetProperty("lotSizeFilter").GetProperty("minNotionalValue").GetString()));
        var cursor = first.Result.GetProperty("nextPageCursor").GetString()!;
        Assert.NotEqual("", cursor);
        var second = await sim.GetAsync("/v5/market/instruments-info?category=linear&limit=1&cursor=" + cursor);
        var eth = Assert.Single(second.Result.GetProperty("list").EnumerateArray());
        Assert.Equal(("ETHUSDT", 240), (eth.GetProperty("symbol").GetString(), eth.GetProperty("fundingInterval").GetInt32()));
        Assert.Equal("", second.Result.GetProperty("nextPageCursor").GetString());
        BybitSignatureTests.AssertRet(await sim.GetAsync("/v5/market/instruments-info?category=linear&symbol=NOPE"), 10001, "params error: symbol invalid");
        BybitSignatureTests.AssertRet(await sim.GetAsync("/v5/market/instruments-info"), 10001, "Illegal category");
        BybitSignatureTests.AssertRet(await sim.GetAsync("/v5/market/instruments-info?category=spot"), 10001, "Illegal category");
    }

    [Fact]
    public async Task The_orderbook_checks_its_parameters_and_serves_at_most_500_levels()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var book = await sim.GetAsync("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=2");
        Assert.Equal(["9000.1", "9001.1"], book.Result.GetProperty("a").EnumerateArray().Select(l => l[0].GetString()));
        Assert.Equal(["8999.9", "8998.9"], book.Result.GetProperty("b").EnumerateArray().Select(l => l[0].GetString()));
        Assert.All(book.Result.GetProperty("a").EnumerateArray(), l => Assert.Equal("1.000", l[1].GetString()));
        Assert.Equal(5, (await sim.GetAsync("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=900")).Result.GetProperty("a").GetArrayLength());
        BybitSignatureTests.AssertRet(await sim.GetAsync("/v5/market/orderbook?category=linear"), 10001, "params error: symbol invalid");
        BybitSignatureTests.AssertRet(await sim.GetAsync("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=0"), 10001, "params error: limit invalid");
    }

    [Fact]
    public async Task An_unknown_path_is_not_found_in_plain_text()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        using var response = await sim.Http.GetAsync("/v5/market/nope", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
