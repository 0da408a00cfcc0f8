using System.Net.WebSockets;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>/ws/v5/private after login: the orders, positions and account channels fed by the exchange's events, the
/// "order" and "cancel-order" ops (#order-book-trading-trade-ws-place-order, -cancel-order), and a funding settlement as
/// it shows in the positions channel, the positions endpoint and the bills.</summary>
public class OkxPrivateStreamTests
{
    private const string Positions = """{"op":"subscribe","args":[{"channel":"positions","instType":"SWAP","extraParams":"{\"updateInterval\": \"0\"}"}]}""";

    private static async Task SubscribeAsync(ClientWebSocket socket, string frame, string channel)
    {
        await OkxSim.SendAsync(socket, frame);
        var ack = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("subscribe", ack.GetProperty("event").GetString());
        Assert.Equal(channel, ack.GetProperty("arg").GetProperty("channel").GetString());
    }

    [Fact]
    public async Task An_order_placed_over_REST_is_pushed_on_orders_then_its_fill_on_orders_positions_and_account()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.PrivateAsync();
        await SubscribeAsync(socket, """{"op":"subscribe","args":[{"channel":"orders","instType":"SWAP","instId":"BTC-USDT-SWAP"}]}""", "orders");
        await SubscribeAsync(socket, Positions, "positions");
        var empty = await OkxSim.ReceiveAsync(socket); // the positions snapshot: nothing open yet
        Assert.Equal("snapshot", empty.GetProperty("eventType").GetString());
        Assert.Equal(0, empty.GetProperty("data").GetArrayLength());
        await SubscribeAsync(socket, """{"op":"subscribe","args":[{"channel":"account"}]}""", "account");
        Assert.Equal("snapshot", (await OkxSim.ReceiveAsync(socket)).GetProperty("eventType").GetString());

        var (ack, _) = await sim.PlaceAsync("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"150","clOrdId":"push1"}""");
        var frames = await OkxSim.DrainAsync(socket);

        var orders = OkxSim.OfChannel(frames, "orders").Select(f => f.GetProperty("data")[0]).ToList();
        Assert.Equal(3, orders.Count); // accepted, then one push per fill (two levels)
        foreach (var frame in OkxSim.OfChannel(frames, "orders")) ShapeAssert.Matches("Okx/ws-orders.json", frame);
        Assert.Equal("live", orders[0].GetProperty("state").GetString());
        Assert.Equal("0", orders[0].GetProperty("accFillSz").GetString());
        Assert.Equal("partially_filled", orders[1].GetProperty("state").GetString());
        Assert.Equal("100", orders[1].GetProperty("fillSz").GetString());
        Assert.Equal("9000.1", orders[1].GetProperty("fillPx").GetString());
        Assert.Equal("T", orders[1].GetProperty("execType").GetString());
        Assert.Equal("-4.50005", orders[1].GetProperty("fillFee").GetString()); // 0.05 % of 100 × 0.01 × 9000.1
        Assert.Equal("filled", orders[2].GetProperty("state").GetString());
        Assert.Equal("50", orders[2].GetProperty("fillSz").GetString());
        Assert.Equal("9001.1", orders[2].GetProperty("fillPx").GetString());
        Assert.Equal("150", orders[2].GetProperty("accFillSz").GetString());
        Assert.StartsWith("9000.43333333", orders[2].GetProperty("avgPx").GetString(), StringComparison.Ordinal); // (100×9000.1 + 50×9001.1) / 150
        Assert.NotEqual(orders[1].GetProperty("tradeId").GetString(), orders[2].GetProperty("tradeId").GetString());
        Assert.All(orders, o => Assert.Equal(ack.GetProperty("ordId").GetString(), o.GetProperty("ordId").GetString()));
        Assert.All(orders, o => Assert.Equal("push1", o.GetProperty("clOrdId").GetString()));
        Assert.Equal(OkxSim.OfChannel(frames, "orders")[0].GetProperty("arg").GetProperty("uid").GetString(),
            OkxSim.OfChannel(frames, "positions")[0].GetProperty("arg").GetProperty("uid").GetString());

        var position = Assert.Single(OkxSim.OfChannel(frames, "positions"));
        ShapeAssert.Matches("Okx/ws-positions-event-update.json", position);
        Assert.False(position.TryGetProperty("curPage", out _)); // "Not included in event_update events"
        Assert.Equal("event_update", position.GetProperty("eventType").GetString());
        Assert.Equal("150", position.GetProperty("data")[0].GetProperty("pos").GetString());
        var account = Assert.Single(OkxSim.OfChannel(frames, "account"));
        Assert.Equal("event_update", account.GetProperty("eventType").GetString());
        Assert.Equal("USDT", account.GetProperty("data")[0].GetProperty("details")[0].GetProperty("ccy").GetString());
    }

    [Fact]
    public async Task The_order_and_cancel_order_ops_answer_with_the_documented_envelope()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.PrivateAsync();
        await OkxSim.SendAsync(socket, """{"id":"1512","op":"order","args":[{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"sell","ordType":"limit","px":"9050","sz":"2","clOrdId":"ws1"}]}""");
        var placed = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-order-op.json", placed);
        Assert.Equal("1512", placed.GetProperty("id").GetString());
        Assert.Equal("order", placed.GetProperty("op").GetString());
        Assert.Equal("0", placed.GetProperty("code").GetString());
        var ordId = placed.GetProperty("data")[0].GetProperty("ordId").GetString()!;
        Assert.Equal("ws1", placed.GetProperty("data")[0].GetProperty("clOrdId").GetString());
        Assert.Equal("live", (await sim.OrderAsync(ordId)).GetProperty("state").GetString());

        // instIdCode (what the current docs' example sends) names the same instrument.
        var (_, instruments) = await sim.GetAsync("/api/v5/public/instruments?instType=SWAP&instId=BTC-USDT-SWAP");
        var code = instruments.GetProperty("data")[0].GetProperty("instIdCode").GetInt64();
        await OkxSim.SendAsync(socket, $$"""{"id":"1513","op":"order","args":[{"instIdCode":{{code}},"tdMode":"cross","side":"buy","ordType":"market","sz":"1"}]}""");
        var byCode = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("0", byCode.GetProperty("data")[0].GetProperty("sCode").GetString());

        await OkxSim.SendAsync(socket, $$"""{"id":"1514","op":"cancel-order","args":[{"instId":"BTC-USDT-SWAP","ordId":"{{ordId}}"}]}""");
        var canceled = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("cancel-order", canceled.GetProperty("op").GetString());
        Assert.Equal("0", canceled.GetProperty("code").GetString());
        Assert.Equal(ordId, canceled.GetProperty("data")[0].GetProperty("ordId").GetString());
        Assert.Equal("canceled", (await sim.OrderAsync(ordId)).GetProperty("state").GetString());

        await OkxSim.SendAsync(socket, $$"""{"id":"1515","op":"cancel-order","args":[{"instId":"BTC-USDT-SWAP","ordId":"{{ordId}}"}]}""");
        var again = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("1", again.GetProperty("code").GetString());
        Assert.Equal("51400", again.GetProperty("data")[0].GetProperty("sCode").GetString());

        await OkxSim.SendAsync(socket, """{"id":"1516","op":"order","args":[{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","px":"8990","sz":"0.015"}]}""");
        var refused = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("1", refused.GetProperty("code").GetString());
        Assert.Equal("51121", refused.GetProperty("data")[0].GetProperty("sCode").GetString());

        await OkxSim.SendAsync(socket, """{"id":"1517","op":"order","args":[]}""");
        var malformed = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("60013", malformed.GetProperty("code").GetString());
        Assert.Equal("Invalid args", malformed.GetProperty("msg").GetString());
        Assert.Equal(0, malformed.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Trade_ops_need_a_login_on_the_private_URL()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        const string op = """{"id":"1","op":"order","args":[{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"1"}]}""";
        var anonymous = await sim.ConnectAsync("/ws/v5/private");
        await OkxSim.SendAsync(anonymous, op);
        Assert.Equal("60011", (await OkxSim.ReceiveAsync(anonymous)).GetProperty("code").GetString());
        var publicSocket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(publicSocket, op);
        Assert.Equal("60028", (await OkxSim.ReceiveAsync(publicSocket)).GetProperty("code").GetString());

        // /ws/v5/business takes a login; the public and private channels live elsewhere (64002).
        var business = await sim.ConnectAsync("/ws/v5/business");
        await OkxSim.SendAsync(business, OkxSim.LoginFrame(OkxSim.Key, OkxSim.Secret, OkxSim.Passphrase, sim.Harness.Wall.GetUtcNow().ToUnixTimeSeconds()));
        Assert.Equal("login", (await OkxSim.ReceiveAsync(business)).GetProperty("event").GetString());
        await OkxSim.SendAsync(business, """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT-SWAP"}]}""");
        Assert.Equal("64002", (await OkxSim.ReceiveAsync(business)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_funding_settlement_shows_in_the_positions_channel_the_positions_endpoint_and_the_bills()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat); // 07:59, a minute before the 08:00 settlement
        await sim.PlaceAsync("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"10"}""");
        var socket = await sim.PrivateAsync();
        await SubscribeAsync(socket, Positions, "positions");
        Assert.Equal("10", (await OkxSim.ReceiveAsync(socket)).GetProperty("data")[0].GetProperty("pos").GetString());

        sim.Advance(TimeSpan.FromSeconds(61));
        var pushed = Assert.Single(OkxSim.OfChannel(await OkxSim.DrainAsync(socket), "positions"));
        // A long pays qty × ctVal × mark × rate = 10 × 0.01 × 9000 × 0.0003 = 0.27.
        Assert.Equal("-0.27", pushed.GetProperty("data")[0].GetProperty("fundingFee").GetString());

        var (_, positions) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/positions?instId=BTC-USDT-SWAP");
        var position = positions.GetProperty("data")[0];
        Assert.Equal("-0.27", position.GetProperty("fundingFee").GetString());
        Assert.Equal("-0.720005", position.GetProperty("realizedPnl").GetString()); // fee −0.450005 + funding −0.27

        var (_, bills) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/bills?type=8");
        var funding = Assert.Single(bills.GetProperty("data").EnumerateArray());
        Assert.Equal("173", funding.GetProperty("subType").GetString());
        Assert.Equal("-0.27", funding.GetProperty("balChg").GetString());
        Assert.Equal("-0.27", funding.GetProperty("pnl").GetString());
        Assert.Equal("BTC-USDT-SWAP", funding.GetProperty("instId").GetString());
        Assert.Equal("10", funding.GetProperty("sz").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            funding.GetProperty("ts").GetString());
        Assert.Equal("99999.279995", funding.GetProperty("bal").GetString());
    }
}
