using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>The private stream (docs/v5/ws/connect "Authentication", websocket/private/*): auth with an HMAC of
/// "GET/realtime" + expires, then order, execution, position and wallet messages for the authenticated account only.</summary>
public class BybitPrivateStreamTests
{
    private const string PrivatePath = "/v5/private";

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static JsonElement Item(JsonElement frame) => Assert.Single(frame.GetProperty("data").EnumerateArray());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Auth_succeeds_with_expires_as_a_number_or_a_string(bool expiresAsString)
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PrivatePath);
        await SimHarness.SendAsync(socket, BybitSim.AuthMessage(BybitSim.Key, BybitSim.Secret, sim.WallMs + 10_000, expiresAsString));
        var reply = await SimHarness.ReceiveAsync(socket);
        ShapeAssert.Matches("Bybit/ws-auth.json", reply);
        Assert.Equal((true, "", "auth", "auth-1"), (reply.GetProperty("success").GetBoolean(), S(reply, "ret_msg"), S(reply, "op"), S(reply, "req_id")));
        await SimHarness.SendAsync(socket, """{"op":"subscribe","args":["order","wallet"]}""");
        var ack = await SimHarness.ReceiveAsync(socket);
        ShapeAssert.Matches("Bybit/ws-private-subscribe-ack.json", ack);
        Assert.False(ack.TryGetProperty("req_id", out _)); // only echoed when one was sent
        Assert.Empty(await BybitSim.DrainAsync(socket)); // "no snapshot event … when the subscription is successful"
    }

    [Theory]
    [InlineData("sim-bybit-key", "sim-bybit-secret", -1, "Params Error")]
    [InlineData("sim-bybit-key", "wrong-secret", 10_000, "Invalid sign")]
    [InlineData("unknown-key", "sim-bybit-secret", 10_000, "Invalid apikey")]
    public async Task A_refused_auth_is_answered_in_the_venue_s_words_and_private_topics_stay_closed(string key, string secret, long expiresInMs, string message)
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PrivatePath);
        await SimHarness.SendAsync(socket, BybitSim.AuthMessage(key, secret, sim.WallMs + expiresInMs));
        var reply = await SimHarness.ReceiveAsync(socket);
        Assert.Equal((false, message, "auth"), (reply.GetProperty("success").GetBoolean(), S(reply, "ret_msg"), S(reply, "op")));
        await SimHarness.SendAsync(socket, """{"req_id":"s","op":"subscribe","args":["order"]}""");
        var refused = await SimHarness.ReceiveAsync(socket);
        Assert.Equal((false, "Request not authorized", "s"), (refused.GetProperty("success").GetBoolean(), S(refused, "ret_msg"), S(refused, "req_id")));
    }

    [Fact]
    public async Task Malformed_auth_a_repeated_auth_unknown_topics_and_the_pong_are_answered_as_documented()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PrivatePath);
        await SimHarness.SendAsync(socket, """{"op":"auth","args":["sim-bybit-key"]}""");
        Assert.Equal("Params Error", S(await SimHarness.ReceiveAsync(socket), "ret_msg"));
        await SimHarness.SendAsync(socket, BybitSim.AuthMessage(BybitSim.Key, BybitSim.Secret, sim.WallMs + 10_000));
        Assert.True((await SimHarness.ReceiveAsync(socket)).GetProperty("success").GetBoolean());
        await SimHarness.SendAsync(socket, BybitSim.AuthMessage(BybitSim.Key, BybitSim.Secret, sim.WallMs + 10_000));
        Assert.Equal("Repeat auth", S(await SimHarness.ReceiveAsync(socket), "ret_msg"));
        await SimHarness.SendAsync(socket, """{"op":"subscribe","args":["greeks","orderbook.1.BTCUSDT"]}""");
        Assert.Equal("error:handler not found,topic:greeks", S(await SimHarness.ReceiveAsync(socket), "ret_msg"));
        await SimHarness.SendAsync(socket, """{"req_id":"test","op":"ping"}""");
        var pong = await SimHarness.ReceiveAsync(socket);
        ShapeAssert.Matches("Bybit/ws-pong-private.json", pong);
        Assert.Equal(("pong", "test", sim.WallMs.ToString(System.Globalization.CultureInfo.InvariantCulture)), (S(pong, "op"), S(pong, "req_id"), pong.GetProperty("args")[0].GetString()));
    }

    [Fact]
    public async Task An_order_that_fills_in_two_trades_is_reported_on_every_topic()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectPrivateAsync("order", "execution", "position", "wallet");
        var created = await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1.5","orderLinkId":"p-1" """);
        var orderId = S(created.Result, "orderId");
        var frames = await BybitSim.DrainAsync(socket);
        // Accepted (with a position message, as on every order created), two fills, then the position and wallet they changed.
        Assert.Equal(["order", "position", "order", "execution", "order", "execution", "position", "wallet"], frames.Select(f => S(f, "topic")));
        Assert.Equal(["New", "PartiallyFilled", "Filled"], frames.Where(f => S(f, "topic") == "order").Select(f => S(Item(f), "orderStatus")));
        Assert.All(frames, f => Assert.Equal(sim.Exchange.Now.ToUnixTimeMilliseconds(), f.GetProperty("creationTime").GetInt64()));

        var executions = frames.Where(f => S(f, "topic") == "execution").Select(Item).ToList();
        Assert.Equal([("1.000", "9000.1", "4.950055"), ("0.500", "9001.1", "2.4753025")],
            executions.Select(e => (S(e, "execQty"), S(e, "execPrice"), S(e, "execFee"))));
        Assert.All(executions, e => Assert.Equal((orderId, "p-1", "Trade", false, "0.00055"), (S(e, "orderId"), S(e, "orderLinkId"), S(e, "execType"), e.GetProperty("isMaker").GetBoolean(), S(e, "feeRate"))));
        ShapeAssert.Matches("Bybit/ws-order.json", frames[4]);
        ShapeAssert.Matches("Bybit/ws-execution.json", frames[5]);
        ShapeAssert.Matches("Bybit/ws-position.json", frames[6]);
        ShapeAssert.Matches("Bybit/ws-wallet.json", frames[7]);

        var position = Item(frames[6]);
        Assert.Equal(("Buy", "1.500", "9000.43333333", "-7.4253575"), (S(position, "side"), S(position, "size"), S(position, "entryPrice"), S(position, "curRealisedPnl")));
        var coin = Item(frames[7]).GetProperty("coin")[0];
        Assert.Equal(("USDT", "99992.5746425"), (S(coin, "coin"), S(coin, "walletBalance")));

        var cancelled = await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Sell","orderType":"Limit","qty":"0.5","price":"9010" """);
        await sim.SignedPostAsync("/v5/order/cancel", $$"""{"category":"linear","symbol":"BTCUSDT","orderId":"{{S(cancelled.Result, "orderId")}}"}""");
        frames = await BybitSim.DrainAsync(socket);
        Assert.Equal(["order", "position", "order", "position"], frames.Select(f => S(f, "topic")));
        Assert.Equal(("Cancelled", "CancelByUser"), (S(Item(frames[2]), "orderStatus"), S(Item(frames[2]), "cancelType")));
    }

    [Fact]
    public async Task Messages_go_to_the_account_s_sessions_under_the_topic_name_each_subscribed()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat,
            extraAccounts: [new ApiCredential(VenueKind.Bybit, "other-key", "other-secret")]);
        var categorised = await sim.ConnectPrivateAsync("order.linear");
        var other = await sim.ConnectAsync(PrivatePath);
        await SimHarness.SendAsync(other, BybitSim.AuthMessage("other-key", "other-secret", sim.WallMs + 10_000));
        await SimHarness.ReceiveAsync(other);
        await SimHarness.SendAsync(other, """{"op":"subscribe","args":["order","execution","position","wallet"]}""");
        await SimHarness.ReceiveAsync(other);
        await sim.CreateAsync(""" "symbol":"ETHUSDT","side":"Sell","orderType":"Market","qty":"1" """);
        var frames = await BybitSim.DrainAsync(categorised);
        Assert.Equal(["order.linear", "order.linear"], frames.Select(f => S(f, "topic")));
        Assert.Equal(("linear", "ETHUSDT", "Sell"), (S(Item(frames[1]), "category"), S(Item(frames[1]), "symbol"), S(Item(frames[1]), "side")));
        Assert.Empty(await BybitSim.DrainAsync(other));
    }

    [Fact]
    public async Task A_funding_settlement_arrives_as_a_Funding_execution_with_the_position_and_wallet_it_changed()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.5" """);
        var socket = await sim.ConnectPrivateAsync("execution", "position", "wallet");
        sim.Advance(TimeSpan.FromSeconds(61)); // past the 08:00 settlement
        var frames = await BybitSim.DrainAsync(socket);
        Assert.Equal(["execution", "position", "wallet"], frames.Select(f => S(f, "topic")));
        var funding = Item(frames[0]);
        ShapeAssert.Matches("Bybit/ws-execution.json", frames[0]);
        // Long 0.5 at mark 9000, rate +0.0003: pays 1.35 (execFee is what is paid).
        Assert.Equal(("Funding", "1.35", "0.500", "9000.0", "Buy", "0.0003", "UNKNOWN"),
            (S(funding, "execType"), S(funding, "execFee"), S(funding, "execQty"), S(funding, "execPrice"), S(funding, "side"), S(funding, "feeRate"), S(funding, "orderType")));
        Assert.Equal(1767600000000, long.Parse(S(funding, "execTime"), System.Globalization.CultureInfo.InvariantCulture));
        // 0.5 × 9000.1 × 0.00055 taker fee, then the funding.
        Assert.Equal("-3.8250275", S(Item(frames[1]), "cumRealisedPnl"));
        Assert.Equal("99996.1749725", S(Item(frames[2]).GetProperty("coin")[0], "walletBalance"));
    }
}
