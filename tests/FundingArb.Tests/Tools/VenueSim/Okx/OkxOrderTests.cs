using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>Orders in contracts against the flat BTC-USDT-SWAP book (asks 9000.1, 9001.1, 9002.1, 9003.1, 9004.1 and
/// bids 8999.9, 8998.9, … of 100 contracts each; 1 contract = 0.01 BTC). Refusals carry the sCode and sMsg of the docs'
/// error-code page; post-only and FOK orders that cannot trade as asked are accepted and then canceled, as the
/// place-order page says ("it will be canceled instead").</summary>
public class OkxOrderTests
{
    private static void AssertRefused(JsonElement json, JsonElement ack, string sCode, string sMsg)
    {
        Assert.Equal("1", json.GetProperty("code").GetString());
        Assert.Equal("All operations failed", json.GetProperty("msg").GetString());
        Assert.Equal(sCode, ack.GetProperty("sCode").GetString());
        Assert.Equal(sMsg, ack.GetProperty("sMsg").GetString());
        Assert.Equal("", ack.GetProperty("ordId").GetString());
    }

    [Fact]
    public async Task A_market_buy_walks_the_depth_in_contracts_and_fills()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (ack, json) = await sim.PlaceAsync(OkxSim.Order("buy", "market", "250", extra: "\"clOrdId\":\"walk1\""));
        Assert.Equal("0", json.GetProperty("code").GetString());
        Assert.Equal("0", ack.GetProperty("sCode").GetString());
        Assert.Equal("walk1", ack.GetProperty("clOrdId").GetString());

        var order = await sim.OrderAsync(ack.GetProperty("ordId").GetString()!);
        Assert.Equal("filled", order.GetProperty("state").GetString());
        Assert.Equal("250", order.GetProperty("accFillSz").GetString());
        Assert.Equal("9000.9", order.GetProperty("avgPx").GetString()); // (100×9000.1 + 100×9001.1 + 50×9002.1) / 250
        Assert.Equal("9002.1", order.GetProperty("fillPx").GetString());
        Assert.Equal("50", order.GetProperty("fillSz").GetString());
        Assert.Equal("-11.251125", order.GetProperty("fee").GetString()); // 0.05 % of 250 × 0.01 × 9000.9
        Assert.Equal("market", order.GetProperty("ordType").GetString());
        Assert.Equal("", order.GetProperty("px").GetString());

        var (_, positions) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/positions?instId=BTC-USDT-SWAP");
        var position = positions.GetProperty("data")[0];
        Assert.Equal("250", position.GetProperty("pos").GetString());
        Assert.Equal("9000.9", position.GetProperty("avgPx").GetString());
        Assert.Equal("net", position.GetProperty("posSide").GetString());

        var (_, books) = await sim.GetAsync("/api/v5/market/books?instId=BTC-USDT-SWAP&sz=2");
        var asks = books.GetProperty("data")[0].GetProperty("asks");
        Assert.Equal("9002.1", asks[0][0].GetString());
        Assert.Equal("50", asks[0][1].GetString());
    }

    [Fact]
    public async Task A_batch_places_each_order_as_one_would_and_says_which_failed()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var body = "[" + OkxSim.Order("buy", "market", "10", extra: "\"clOrdId\":\"batch1\"") + ","
            + OkxSim.Order("buy", "limit", "10", "8000", extra: "\"clOrdId\":\"batch2\"") + "]"; // below the price band
        var (status, json) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/batch-orders", body);

        Assert.Equal(200, status);
        Assert.Equal(("2", "Batch operation partially succeeded"), (json.GetProperty("code").GetString(), json.GetProperty("msg").GetString()));
        var data = json.GetProperty("data");
        Assert.Equal(("batch1", "0"), (data[0].GetProperty("clOrdId").GetString(), data[0].GetProperty("sCode").GetString()));
        Assert.Equal(("batch2", "51006"), (data[1].GetProperty("clOrdId").GetString(), data[1].GetProperty("sCode").GetString()));
        Assert.Equal("filled", (await sim.OrderAsync(data[0].GetProperty("ordId").GetString()!)).GetProperty("state").GetString());

        var (_, one) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/batch-orders", OkxSim.Order("buy", "market", "10"));
        Assert.Equal("50002", one.GetProperty("code").GetString()); // a batch body is an array
    }

    [Fact]
    public async Task An_ioc_remainder_is_canceled_with_cancelSource_14()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (ack, _) = await sim.PlaceAsync(OkxSim.Order("buy", "ioc", "150", "9000.1"));
        var order = await sim.OrderAsync(ack.GetProperty("ordId").GetString()!);
        Assert.Equal("canceled", order.GetProperty("state").GetString());
        Assert.Equal("100", order.GetProperty("accFillSz").GetString());
        Assert.Equal("14", order.GetProperty("cancelSource").GetString());
        Assert.Equal("ioc", order.GetProperty("ordType").GetString());
    }

    [Fact]
    public async Task A_fok_the_book_cannot_fill_is_canceled_whole_and_trades_nothing()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (ack, _) = await sim.PlaceAsync(OkxSim.Order("buy", "fok", "600", "9004.1"));
        Assert.Equal("0", ack.GetProperty("sCode").GetString());
        var order = await sim.OrderAsync(ack.GetProperty("ordId").GetString()!);
        Assert.Equal("canceled", order.GetProperty("state").GetString());
        Assert.Equal("0", order.GetProperty("accFillSz").GetString());
        Assert.Equal("14", order.GetProperty("cancelSource").GetString());
        var (_, positions) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/positions");
        Assert.Equal(0, positions.GetProperty("data").GetArrayLength());

        var (fillable, _) = await sim.PlaceAsync(OkxSim.Order("buy", "fok", "500", "9004.1"));
        Assert.Equal("filled", (await sim.OrderAsync(fillable.GetProperty("ordId").GetString()!)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_post_only_that_would_take_is_canceled_with_cancelSource_31_and_one_that_would_not_rests()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (crossing, _) = await sim.PlaceAsync(OkxSim.Order("buy", "post_only", "1", "9000.1"));
        var canceled = await sim.OrderAsync(crossing.GetProperty("ordId").GetString()!);
        Assert.Equal("canceled", canceled.GetProperty("state").GetString());
        Assert.Equal("31", canceled.GetProperty("cancelSource").GetString());
        Assert.Equal("0", canceled.GetProperty("accFillSz").GetString());

        var (resting, _) = await sim.PlaceAsync(OkxSim.Order("buy", "post_only", "1", "8999.9"));
        Assert.Equal("live", (await sim.OrderAsync(resting.GetProperty("ordId").GetString()!)).GetProperty("state").GetString());
        var (_, pending) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/trade/orders-pending?instType=SWAP");
        Assert.Equal(1, pending.GetProperty("data").GetArrayLength());
        Assert.Equal("post_only", pending.GetProperty("data")[0].GetProperty("ordType").GetString());
    }

    [Fact]
    public async Task Reduce_only_is_refused_without_a_position_in_the_same_direction_and_above_the_position()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (a1, j1) = await sim.PlaceAsync(OkxSim.Order("sell", "market", "1", extra: "\"reduceOnly\":true"));
        AssertRefused(j1, a1, "51169", "Order failed because you don't have any positions in this direction for this contract to reduce or close.");

        await sim.PlaceAsync(OkxSim.Order("buy", "market", "10"));
        var (a2, j2) = await sim.PlaceAsync(OkxSim.Order("buy", "market", "1", extra: "\"reduceOnly\":true"));
        AssertRefused(j2, a2, "51170", "Failed to place order. A reduce-only order can’t be the same trading direction as your existing positions.");
        var (a3, j3) = await sim.PlaceAsync(OkxSim.Order("sell", "market", "11", extra: "\"reduceOnly\":true"));
        AssertRefused(j3, a3, "51112", "Close order size exceeds available size for this position.");

        var (closing, _) = await sim.PlaceAsync(OkxSim.Order("sell", "market", "10", extra: "\"reduceOnly\":true"));
        var order = await sim.OrderAsync(closing.GetProperty("ordId").GetString()!);
        Assert.Equal("filled", order.GetProperty("state").GetString());
        Assert.Equal("true", order.GetProperty("reduceOnly").GetString());
        var (_, positions) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/positions");
        Assert.Equal(0, positions.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("bad-id")]
    [InlineData("with space")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    public async Task A_clOrdId_that_is_not_1_to_32_alphanumerics_is_refused(string clOrdId)
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (ack, json) = await sim.PlaceAsync(OkxSim.Order("buy", "limit", "1", "8990", $"\"clOrdId\":\"{clOrdId}\""));
        AssertRefused(json, ack, "51000", "Parameter clOrdId error");
        Assert.Equal(clOrdId, ack.GetProperty("clOrdId").GetString());
    }

    [Fact]
    public async Task A_clOrdId_is_kept_found_by_and_unique_among_pending_orders()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (ack, _) = await sim.PlaceAsync(OkxSim.Order("buy", "limit", "1", "8990", "\"clOrdId\":\"abcdefghijklmnopqrstuvwxyz012345\""));
        Assert.Equal("0", ack.GetProperty("sCode").GetString());
        var (dup, dupJson) = await sim.PlaceAsync(OkxSim.Order("buy", "limit", "1", "8991", "\"clOrdId\":\"abcdefghijklmnopqrstuvwxyz012345\""));
        AssertRefused(dupJson, dup, "51016", "Client order ID already exists.");
        var (_, byClient) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=abcdefghijklmnopqrstuvwxyz012345");
        Assert.Equal(ack.GetProperty("ordId").GetString(), byClient.GetProperty("data")[0].GetProperty("ordId").GetString());
        // Orders placed without a clOrdId show it empty and never collide.
        var (first, _) = await sim.PlaceAsync(OkxSim.Order("buy", "limit", "1", "8980"));
        var (second, _) = await sim.PlaceAsync(OkxSim.Order("buy", "limit", "1", "8981"));
        Assert.Equal("0", second.GetProperty("sCode").GetString());
        Assert.Equal("", (await sim.OrderAsync(first.GetProperty("ordId").GetString()!)).GetProperty("clOrdId").GetString());
    }

    [Theory]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","sz":"0.015","px":"8990"}""", "51121", "Order quantity must be a multiple of the lot size.")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","sz":"0","px":"8990"}""", "51000", "Parameter sz error")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","ordType":"limit","sz":"1","px":"8990"}""", "51000", "Parameter tdMode error")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","posSide":"long","ordType":"limit","sz":"1","px":"8990"}""", "51000", "Parameter posSide error")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"optimal_limit_ioc","sz":"1"}""", "51000", "Parameter ordType error")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","sz":"1"}""", "51204", "The price for the limit order cannot be empty.")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","sz":"1","px":"8990.05"}""", "51000", "Parameter px error")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","sz":"1","px":"9450.1"}""", "51006", "Order price is not within the price limit (max buy price: 9450 , min sell price: 8550 )")]
    [InlineData("""{"instId":"DOGE-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"1"}""", "51001", "Instrument ID, Instrument ID code or Spread ID doesn't exist.")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"1001"}""", "51202", "Market order amount exceeds the maximum amount.")]
    [InlineData("""{"instId":"ETH-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","sz":"10000","px":"2001"}""", "51008", "Order failed. Insufficient USDT margin in account")]
    public async Task Bad_orders_are_refused_with_the_documented_sCode(string body, string sCode, string sMsg)
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (ack, json) = await sim.PlaceAsync(body);
        AssertRefused(json, ack, sCode, sMsg);
        Assert.Equal(sCode == "51008" ? "1001" : "", ack.GetProperty("subCode").GetString());
    }

    [Theory]
    [InlineData("""{"tdMode":"cross","side":"buy","ordType":"market","sz":"1"}""", "Parameter instId can not be empty.")]
    [InlineData("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market"}""", "Parameter sz can not be empty.")]
    public async Task A_missing_required_parameter_is_a_request_error_50014(string body, string message)
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (status, json) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/order", body);
        Assert.Equal(400, status);
        Assert.Equal("50014", json.GetProperty("code").GetString());
        Assert.Equal(message, json.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Malformed_bodies_are_answered_with_50000_and_50002()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (s1, j1) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/order", "{not json");
        Assert.Equal(400, s1);
        Assert.Equal("50002", j1.GetProperty("code").GetString());
        var (s2, j2) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/order", "");
        Assert.Equal(400, s2);
        Assert.Equal("50000", j2.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_resting_order_is_canceled_once_and_a_second_cancel_fails_with_51400()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (ack, _) = await sim.PlaceAsync(OkxSim.Order("sell", "limit", "2", "9010", "\"clOrdId\":\"rest1\""));
        var ordId = ack.GetProperty("ordId").GetString()!;
        var body = $$"""{"instId":"BTC-USDT-SWAP","ordId":"{{ordId}}"}""";
        var (status, json) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", body);
        Assert.Equal(200, status);
        ShapeAssert.Matches("Okx/cancel-order.json", json);
        Assert.Equal("0", json.GetProperty("data")[0].GetProperty("sCode").GetString());
        Assert.Equal("rest1", json.GetProperty("data")[0].GetProperty("clOrdId").GetString());
        var order = await sim.OrderAsync(ordId);
        Assert.Equal("canceled", order.GetProperty("state").GetString());
        Assert.Equal("1", order.GetProperty("cancelSource").GetString());

        var (_, again) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", body);
        Assert.Equal("1", again.GetProperty("code").GetString());
        var refused = again.GetProperty("data")[0];
        Assert.Equal("51400", refused.GetProperty("sCode").GetString());
        Assert.Equal("Order cancellation failed as the order has been filled, canceled or does not exist.", refused.GetProperty("sMsg").GetString());
        Assert.Equal(ordId, refused.GetProperty("ordId").GetString());
    }

    [Fact]
    public async Task An_unknown_order_is_51603()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (status, json) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/trade/order?instId=BTC-USDT-SWAP&ordId=42");
        Assert.Equal(200, status);
        Assert.Equal("51603", json.GetProperty("code").GetString());
        Assert.Equal("Order does not exist.", json.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Order_placement_is_limited_to_60_per_2_seconds_per_instrument_with_HTTP_429_50011()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat, start: new DateTimeOffset(2026, 1, 5, 7, 59, 0, TimeSpan.Zero));
        for (var i = 0; i < 60; i++)
        {
            var (ack, _) = await sim.PlaceAsync(OkxSim.Order("buy", "limit", "0.01", "8600"));
            Assert.Equal("0", ack.GetProperty("sCode").GetString());
        }
        var (status, json) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/order", OkxSim.Order("buy", "limit", "0.01", "8600"));
        Assert.Equal(429, status);
        Assert.Equal("50011", json.GetProperty("code").GetString());
        Assert.Equal("Too Many Requests", json.GetProperty("msg").GetString());
        // Another instrument has its own budget; the next window a fresh one.
        Assert.Equal("0", (await sim.PlaceAsync(OkxSim.Order("buy", "limit", "1", "1990", instId: "ETH-USDT-SWAP"))).Ack.GetProperty("sCode").GetString());
        sim.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("0", (await sim.PlaceAsync(OkxSim.Order("buy", "limit", "0.01", "8600"))).Ack.GetProperty("sCode").GetString());
    }

    [Fact]
    public async Task A_request_past_its_expTime_header_is_not_processed()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var now = sim.Harness.Wall.GetUtcNow();
        var body = OkxSim.Order("buy", "market", "1");
        var timestamp = OkxSim.IsoTimestamp(now);
        var headers = new Dictionary<string, string>
        {
            ["OK-ACCESS-KEY"] = OkxSim.Key,
            ["OK-ACCESS-SIGN"] = OkxSim.Sign(OkxSim.Secret, timestamp + "POST/api/v5/trade/order" + body),
            ["OK-ACCESS-TIMESTAMP"] = timestamp,
            ["OK-ACCESS-PASSPHRASE"] = OkxSim.Passphrase,
            ["expTime"] = (now.ToUnixTimeMilliseconds() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var (_, json) = await sim.SendAsync(HttpMethod.Post, "/api/v5/trade/order", body, headers);
        AssertRefused(json, json.GetProperty("data")[0], "50037", "Order expired.");
    }
}
