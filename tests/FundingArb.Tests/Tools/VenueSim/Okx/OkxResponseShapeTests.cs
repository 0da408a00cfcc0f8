using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>Every REST endpoint against the docs' response example (Fixtures/Okx/README.md names each page): every
/// documented field present, with the same JSON kind; plus the values that follow from the flat scenario.</summary>
public class OkxResponseShapeTests
{
    private static async Task<OkxSim> StartWithPositionAsync()
    {
        var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        await sim.PlaceAsync("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"10"}""");
        return sim;
    }

    [Fact]
    public async Task Public_time_is_the_wall_clock()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (status, json) = await sim.GetAsync("/api/v5/public/time");
        Assert.Equal(200, status);
        ShapeAssert.Matches("Okx/public-time.json", json);
        Assert.Equal(sim.Harness.Wall.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            json.GetProperty("data")[0].GetProperty("ts").GetString());
    }

    [Fact]
    public async Task Instruments_list_the_swaps_in_contracts()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (_, json) = await sim.GetAsync("/api/v5/public/instruments?instType=SWAP");
        ShapeAssert.Matches("Okx/rest-instruments-swap.json", json);
        Assert.Equal(2, json.GetProperty("data").GetArrayLength());
        var btc = json.GetProperty("data")[0];
        Assert.Equal("BTC-USDT-SWAP", btc.GetProperty("instId").GetString());
        Assert.Equal("0.01", btc.GetProperty("ctVal").GetString());
        Assert.Equal("BTC", btc.GetProperty("ctValCcy").GetString());
        Assert.Equal("1", btc.GetProperty("ctMult").GetString());
        Assert.Equal("0.01", btc.GetProperty("lotSz").GetString());
        Assert.Equal("0.01", btc.GetProperty("minSz").GetString());
        Assert.Equal("0.1", btc.GetProperty("tickSz").GetString());
        Assert.Equal("1000", btc.GetProperty("maxLmtSz").GetString());
        Assert.Equal("1000", btc.GetProperty("maxMktSz").GetString());
        Assert.Equal("100", btc.GetProperty("lever").GetString());
        Assert.Equal("live", btc.GetProperty("state").GetString());
        Assert.Equal("USDT", btc.GetProperty("settleCcy").GetString());
        Assert.Equal("linear", btc.GetProperty("ctType").GetString());

        var (_, one) = await sim.GetAsync("/api/v5/public/instruments?instType=SWAP&instId=ETH-USDT-SWAP");
        Assert.Equal("0.1", one.GetProperty("data")[0].GetProperty("ctVal").GetString());
        var (_, spot) = await sim.GetAsync("/api/v5/public/instruments?instType=SPOT");
        Assert.Equal(0, spot.GetProperty("data").GetArrayLength());
        var (status, missing) = await sim.GetAsync("/api/v5/public/instruments");
        Assert.Equal(400, status);
        Assert.Equal("50014", missing.GetProperty("code").GetString());
        Assert.Equal("Parameter instType can not be empty.", missing.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Funding_rate_gives_the_rate_in_force_and_the_interval_as_the_gap_between_funding_times()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (_, json) = await sim.GetAsync("/api/v5/public/funding-rate?instId=ETH-USDT-SWAP");
        ShapeAssert.Matches("Okx/rest-funding-rate.json", json);
        var eth = json.GetProperty("data")[0];
        Assert.Equal("-0.0002", eth.GetProperty("fundingRate").GetString());
        Assert.Equal("current_period", eth.GetProperty("method").GetString());
        var fundingTime = long.Parse(eth.GetProperty("fundingTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var next = long.Parse(eth.GetProperty("nextFundingTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), fundingTime); // 4 h schedule
        Assert.Equal(4 * 3600_000, next - fundingTime);

        var (_, any) = await sim.GetAsync("/api/v5/public/funding-rate?instId=ANY");
        Assert.Equal(2, any.GetProperty("data").GetArrayLength());
        var (_, unknown) = await sim.GetAsync("/api/v5/public/funding-rate?instId=XRP-USDT-SWAP");
        Assert.Equal("51001", unknown.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Funding_rate_history_lists_settlements_newest_first()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        sim.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(2)); // 08:00 and 16:00
        var (_, json) = await sim.GetAsync("/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP");
        ShapeAssert.Matches("Okx/funding-rate-history.json", json);
        var data = json.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            data[0].GetProperty("fundingTime").GetString());
        Assert.Equal("0.0003", data[0].GetProperty("realizedRate").GetString());
        var (_, limited) = await sim.GetAsync("/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP&limit=1");
        Assert.Equal(1, limited.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Books_give_levels_as_price_size_zero_orders_and_a_seqId()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (_, json) = await sim.GetAsync("/api/v5/market/books?instId=BTC-USDT-SWAP&sz=5");
        ShapeAssert.Matches("Okx/rest-books.json", json);
        var book = json.GetProperty("data")[0];
        Assert.Equal(5, book.GetProperty("asks").GetArrayLength());
        Assert.Equal("""["9000.1","100","0","1"]""", book.GetProperty("asks")[0].GetRawText());
        Assert.Equal("""["8999.9","100","0","1"]""", book.GetProperty("bids")[0].GetRawText());
        var (_, one) = await sim.GetAsync("/api/v5/market/books?instId=BTC-USDT-SWAP");
        Assert.Equal(1, one.GetProperty("data")[0].GetProperty("asks").GetArrayLength()); // sz defaults to 1
    }

    [Fact]
    public async Task Mark_price_lists_the_swaps()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (_, json) = await sim.GetAsync("/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP");
        ShapeAssert.Matches("Okx/rest-mark-price.json", json);
        Assert.Equal("9000", json.GetProperty("data")[0].GetProperty("markPx").GetString());
    }

    [Fact]
    public async Task Place_order_and_order_details_and_orders_pending_have_the_documented_shapes()
    {
        await using var sim = await StartWithPositionAsync();
        var (ack, placed) = await sim.PlaceAsync("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"sell","ordType":"limit","px":"9100","sz":"3","clOrdId":"shape1"}""");
        ShapeAssert.Matches("Okx/place-order.json", placed);
        var (_, details) = await sim.SignedAsync(HttpMethod.Get, $"/api/v5/trade/order?instId=BTC-USDT-SWAP&ordId={ack.GetProperty("ordId").GetString()}");
        ShapeAssert.Matches("Okx/order-details.json", details);
        var order = details.GetProperty("data")[0];
        Assert.Equal("live", order.GetProperty("state").GetString());
        Assert.Equal("9100", order.GetProperty("px").GetString());
        Assert.Equal("3", order.GetProperty("sz").GetString());
        Assert.Equal("", order.GetProperty("avgPx").GetString());
        Assert.Equal("cross", order.GetProperty("tdMode").GetString());
        Assert.Equal("SWAP", order.GetProperty("instType").GetString());
        Assert.Equal("20", order.GetProperty("lever").GetString());
        // orders-pending answers with the same order object as order details.
        var (_, pending) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/trade/orders-pending?instId=BTC-USDT-SWAP");
        ShapeAssert.Matches("Okx/order-details.json", pending);
        Assert.Equal("shape1", pending.GetProperty("data")[0].GetProperty("clOrdId").GetString());
    }

    [Fact]
    public async Task Positions_balance_bills_and_config_have_the_documented_shapes()
    {
        await using var sim = await StartWithPositionAsync();
        var (_, positions) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/positions?instType=SWAP");
        ShapeAssert.Matches("Okx/positions.json", positions);
        var position = positions.GetProperty("data")[0];
        Assert.Equal("10", position.GetProperty("pos").GetString());
        Assert.Equal("cross", position.GetProperty("mgnMode").GetString());
        Assert.Equal("9000", position.GetProperty("markPx").GetString());
        Assert.Equal("-0.01", position.GetProperty("upl").GetString()); // 10 × 0.01 × (9000 − 9000.1)
        Assert.Equal("45", position.GetProperty("imr").GetString()); // 10 × 0.01 × 9000 / 20
        Assert.Equal("-0.450005", position.GetProperty("fee").GetString()); // 0.05 % of 10 × 0.01 × 9000.1

        var (_, balance) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/balance");
        ShapeAssert.Matches("Okx/balance.json", balance);
        var usdt = balance.GetProperty("data")[0].GetProperty("details")[0];
        Assert.Equal("USDT", usdt.GetProperty("ccy").GetString());
        Assert.Equal("99999.549995", usdt.GetProperty("cashBal").GetString());

        var (_, bills) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/bills");
        ShapeAssert.Matches("Okx/bills.json", bills);
        var trade = bills.GetProperty("data")[0];
        Assert.Equal("2", trade.GetProperty("type").GetString());
        Assert.Equal("1", trade.GetProperty("subType").GetString());
        Assert.Equal("10", trade.GetProperty("sz").GetString());
        Assert.Equal("9000.1", trade.GetProperty("px").GetString());
        Assert.Equal("-0.450005", trade.GetProperty("balChg").GetString());
        Assert.Equal("1", bills.GetProperty("data")[1].GetProperty("type").GetString()); // the opening deposit

        var (_, config) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/config");
        ShapeAssert.Matches("Okx/account-config.json", config);
        Assert.Equal("net_mode", config.GetProperty("data")[0].GetProperty("posMode").GetString());
        Assert.Equal("2", config.GetProperty("data")[0].GetProperty("acctLv").GetString());
    }

    [Fact]
    public async Task Set_leverage_changes_the_margin_and_set_position_mode_accepts_net_only()
    {
        await using var sim = await StartWithPositionAsync();
        var (_, leverage) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","lever":"10","mgnMode":"cross"}""");
        ShapeAssert.Matches("Okx/set-leverage.json", leverage);
        Assert.Equal("10", leverage.GetProperty("data")[0].GetProperty("lever").GetString());
        var (_, positions) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/positions");
        Assert.Equal("90", positions.GetProperty("data")[0].GetProperty("imr").GetString());
        var (_, tooHigh) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","lever":"101","mgnMode":"cross"}""");
        Assert.Equal("59102", tooHigh.GetProperty("code").GetString());
        var (_, isolated) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","lever":"5","mgnMode":"isolated"}""");
        Assert.Equal("51000", isolated.GetProperty("code").GetString());

        var (_, net) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/account/set-position-mode", """{"posMode":"net_mode"}""");
        ShapeAssert.Matches("Okx/set-position-mode.json", net);
        Assert.Equal("net_mode", net.GetProperty("data")[0].GetProperty("posMode").GetString());
        var (_, hedge) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/account/set-position-mode", """{"posMode":"long_short_mode"}""");
        Assert.Equal("51010", hedge.GetProperty("code").GetString());
        Assert.Equal("Request unsupported under current account mode", hedge.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_known_path_with_the_wrong_method_is_50115_and_an_unknown_path_404()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (status, json) = await sim.SignedAsync(HttpMethod.Delete, "/api/v5/trade/order");
        Assert.Equal(405, status);
        Assert.Equal("50115", json.GetProperty("code").GetString());
        var (missing, _) = await sim.GetAsync("/api/v5/nowhere");
        Assert.Equal(404, missing);
    }
}
