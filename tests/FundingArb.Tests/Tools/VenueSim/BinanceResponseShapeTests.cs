using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>Each endpoint's response has the fields of the docs' response example (Fixtures/README.md names the pages).</summary>
public class BinanceResponseShapeTests
{
    [Theory]
    [InlineData("/fapi/v1/ping", "ping.json")]
    [InlineData("/fapi/v1/time", "server-time.json")]
    [InlineData("/fapi/v1/exchangeInfo", "exchange-info.json")]
    [InlineData("/fapi/v1/depth?symbol=BTCUSDT", "depth-snapshot.json")]
    [InlineData("/fapi/v1/premiumIndex?symbol=BTCUSDT", "premium-index.json")]
    [InlineData("/fapi/v1/premiumIndex", "premium-index-all.json")]
    [InlineData("/fapi/v1/fundingInfo", "funding-info.json")]
    public async Task Market_data_endpoints_answer_in_the_documented_shape(string pathAndQuery, string fixture)
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, json) = await sim.GetAsync(pathAndQuery);
        Assert.Equal(200, status);
        if (json.ValueKind == JsonValueKind.Array) Assert.NotEqual(0, json.GetArrayLength());
        ShapeAssert.Matches(fixture, json);
    }

    [Fact]
    public async Task Funding_history_answers_in_the_documented_shape()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        sim.Advance(TimeSpan.FromMinutes(2));
        var (_, json) = await sim.GetAsync("/fapi/v1/fundingRate?symbol=BTCUSDT");
        Assert.Equal(1, json.GetArrayLength());
        ShapeAssert.Matches("funding-rate.json", json);
    }

    [Fact]
    public async Task Only_symbols_with_an_adjusted_funding_interval_are_in_fundingInfo()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, json) = await sim.GetAsync("/fapi/v1/fundingInfo");
        var listed = Assert.Single(json.EnumerateArray());
        Assert.Equal("ETHUSDT", listed.GetProperty("symbol").GetString());
        Assert.Equal(4, listed.GetProperty("fundingIntervalHours").GetInt32());
    }

    [Fact]
    public async Task Order_endpoints_answer_in_the_documented_shapes()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, placed) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=8990");
        Assert.Equal(200, status);
        ShapeAssert.Matches("new-order.json", placed);
        var id = placed.GetProperty("orderId").GetInt64();
        var (_, queried) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}");
        ShapeAssert.Matches("query-order.json", queried);
        var (_, open) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal(1, open.GetArrayLength());
        ShapeAssert.Matches("open-orders.json", open);
        var (_, canceled) = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}");
        ShapeAssert.Matches("cancel-order.json", canceled);
        var (_, all) = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/allOpenOrders", "symbol=BTCUSDT");
        ShapeAssert.Matches("cancel-all-open-orders.json", all);
    }

    [Fact]
    public async Task Account_endpoints_answer_in_the_documented_shapes()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        var (_, v2) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "");
        Assert.Equal(2, v2.GetArrayLength()); // v2 lists every symbol
        ShapeAssert.Matches("position-risk-v2.json", v2);
        var (_, v3) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "");
        Assert.Equal(1, v3.GetArrayLength()); // v3 only symbols with a position or open orders
        ShapeAssert.Matches("position-risk-v3.json", v3);
        var (_, balance) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/balance", "");
        ShapeAssert.Matches("balance-v2.json", balance);
        var (_, account) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/account", "");
        ShapeAssert.Matches("account-v2.json", account);
        var (_, income) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/income", "");
        Assert.Equal(["TRANSFER", "COMMISSION"], income.EnumerateArray().Select(r => r.GetProperty("incomeType").GetString()));
        ShapeAssert.Matches("income.json", income);
    }

    [Fact]
    public async Task Account_mode_endpoints_answer_as_a_one_way_single_asset_account()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, dual) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/positionSide/dual", "");
        ShapeAssert.Matches("position-mode.json", dual);
        Assert.False(dual.GetProperty("dualSidePosition").GetBoolean());
        var (status, change) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=false");
        Assert.Equal(400, status);
        BinanceSignatureTests.AssertError(change, -4059, "No need to change position side.");
        var (_, multi) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/multiAssetsMargin", "");
        ShapeAssert.Matches("multi-assets-mode.json", multi);
        Assert.False(multi.GetProperty("multiAssetsMargin").GetBoolean());
        (_, change) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/multiAssetsMargin", "multiAssetsMargin=false");
        Assert.Equal(-4171, change.GetProperty("code").GetInt32());
        var (_, leverage) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=5");
        ShapeAssert.Matches("change-leverage.json", leverage);
        Assert.Equal(5, leverage.GetProperty("leverage").GetInt32());
        (status, change) = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=126");
        BinanceSignatureTests.AssertError(change, -4028, "Leverage 126 is not valid");
    }

    [Fact]
    public async Task Listen_keys_need_the_api_key_only_and_one_account_has_one_key()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, created) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/listenKey", null, null, SimHarness.Key);
        Assert.Equal(200, status);
        ShapeAssert.Matches("listen-key.json", created);
        var key = created.GetProperty("listenKey").GetString();
        Assert.Equal(64, key!.Length);
        var (_, again) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/listenKey", null, null, SimHarness.Key);
        Assert.Equal(key, again.GetProperty("listenKey").GetString());
        var (_, kept) = await sim.SendRawAsync(HttpMethod.Put, "/fapi/v1/listenKey", null, null, SimHarness.Key);
        Assert.Equal(key, kept.GetProperty("listenKey").GetString());
        var (_, closed) = await sim.SendRawAsync(HttpMethod.Delete, "/fapi/v1/listenKey", null, null, SimHarness.Key);
        Assert.Equal("{}", closed.GetRawText());
        (status, var refused) = await sim.SendRawAsync(HttpMethod.Put, "/fapi/v1/listenKey", null, null, SimHarness.Key);
        Assert.Equal(-1125, refused.GetProperty("code").GetInt32());
        (status, refused) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/listenKey", null, null, null);
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task Depth_checks_its_parameters()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, json) = await sim.GetAsync("/fapi/v1/depth?symbol=NOPE");
        BinanceSignatureTests.AssertError(json, -1121, "Invalid symbol.");
        (_, json) = await sim.GetAsync("/fapi/v1/depth");
        BinanceSignatureTests.AssertError(json, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        (_, json) = await sim.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=7");
        Assert.Equal(-4021, json.GetProperty("code").GetInt32());
        (_, json) = await sim.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=5");
        Assert.Equal(5, json.GetProperty("asks").GetArrayLength());
    }
}
