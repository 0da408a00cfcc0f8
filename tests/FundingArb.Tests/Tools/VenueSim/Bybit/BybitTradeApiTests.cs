using System.Net.WebSockets;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>The WebSocket trade API (docs/v5/websocket/trade/guideline): auth, then order.create / order.cancel with
/// reqId and a header carrying the timestamp; answers as documented, orders as over REST.</summary>
public class BybitTradeApiTests
{
    private const string TradePath = "/v5/trade";

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static async Task<JsonElement> RequestAsync(ClientWebSocket socket, string text)
    {
        await SimHarness.SendAsync(socket, text);
        return await SimHarness.ReceiveAsync(socket);
    }

    private static async Task<ClientWebSocket> AuthenticatedAsync(BybitSim sim)
    {
        var socket = await sim.ConnectAsync(TradePath);
        var auth = await RequestAsync(socket, BybitSim.AuthMessage(BybitSim.Key, BybitSim.Secret, sim.WallMs + 10_000).Replace("\"req_id\":\"auth-1\",", "", StringComparison.Ordinal));
        ShapeAssert.Matches("Bybit/ws-trade-auth.json", auth);
        Assert.Equal((0, "OK", "auth"), (auth.GetProperty("retCode").GetInt32(), S(auth, "retMsg"), S(auth, "op")));
        Assert.False(auth.TryGetProperty("reqId", out _));
        return socket;
    }

    private static string Create(string reqId, long timestamp, string fields, string recvWindow = "8000") =>
        $$"""{"reqId":"{{reqId}}","header":{"X-BAPI-TIMESTAMP":"{{timestamp}}","X-BAPI-RECV-WINDOW":"{{recvWindow}}"},"op":"order.create","args":[{{{fields}}}]}""";

    [Fact]
    public async Task Orders_are_created_and_cancelled_with_the_documented_answers()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await AuthenticatedAsync(sim);
        var created = await RequestAsync(socket, Create("test-005", sim.WallMs,
            """ "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.2","price":"8990","category":"linear","timeInForce":"PostOnly","orderLinkId":"ws-1" """));
        ShapeAssert.Matches("Bybit/ws-trade-create.json", created);
        Assert.Equal((0, "OK", "order.create", "test-005", "ws-1"), (created.GetProperty("retCode").GetInt32(), S(created, "retMsg"), S(created, "op"), S(created, "reqId"),
            S(created.GetProperty("data"), "orderLinkId")));
        Assert.Equal(("10", "9"), (S(created.GetProperty("header"), "X-Bapi-Limit"), S(created.GetProperty("header"), "X-Bapi-Limit-Status")));
        var orderId = S(created.GetProperty("data"), "orderId");
        Assert.Equal("New", S(await sim.OrderAsync("BTCUSDT", orderId), "orderStatus"));

        var cancelled = await RequestAsync(socket, $$"""{"reqId":"c-1","header":{"X-BAPI-TIMESTAMP":{{sim.WallMs}}},"op":"order.cancel","args":[{"category":"linear","symbol":"BTCUSDT","orderId":"{{orderId}}"}]}""");
        Assert.Equal((0, "order.cancel", orderId), (cancelled.GetProperty("retCode").GetInt32(), S(cancelled, "op"), S(cancelled.GetProperty("data"), "orderId")));
        Assert.Equal("Cancelled", S(await sim.OrderAsync("BTCUSDT", orderId), "orderStatus"));
        // The per-account order limit is shared with REST.
        var rest = await sim.SignedPostAsync("/v5/order/cancel", $$"""{"category":"linear","symbol":"BTCUSDT","orderId":"{{orderId}}"}""");
        Assert.Equal(("8", 110001), (rest.Headers.GetValues("X-Bapi-Limit-Status").Single(), rest.RetCode));

        var pong = await RequestAsync(socket, """{"op":"ping"}""");
        ShapeAssert.Matches("Bybit/ws-trade-pong.json", pong);
        Assert.Equal(sim.WallMs.ToString(System.Globalization.CultureInfo.InvariantCulture), pong.GetProperty("data")[0].GetString());
    }

    [Fact]
    public async Task Orders_are_refused_as_over_REST()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await AuthenticatedAsync(sim);
        var refused = await RequestAsync(socket, Create("r-1", sim.WallMs, """ "category":"linear","symbol":"BTCUSDT","side":"Sell","orderType":"Market","qty":"1","reduceOnly":true """));
        Assert.Equal((110017, "current position is zero, cannot fix reduce-only order qty", "order.create", "r-1"),
            (refused.GetProperty("retCode").GetInt32(), S(refused, "retMsg"), S(refused, "op"), S(refused, "reqId")));
        var market = await RequestAsync(socket, Create("r-2", sim.WallMs, """ "category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.5" """));
        Assert.Equal(0, market.GetProperty("retCode").GetInt32());
        Assert.Equal("0.500", S(await sim.PositionAsync("BTCUSDT"), "size"));
    }

    [Fact]
    public async Task Requests_out_of_time_unauthenticated_repeated_or_unknown_get_the_documented_codes()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var anonymous = await sim.ConnectAsync(TradePath);
        var unauthenticated = await RequestAsync(anonymous, Create("a-1", sim.WallMs, """ "category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.1" """));
        Assert.Equal((10003, "Request not authorized"), (unauthenticated.GetProperty("retCode").GetInt32(), S(unauthenticated, "retMsg")));
        var badSign = await RequestAsync(anonymous, BybitSim.AuthMessage(BybitSim.Key, "wrong-secret", sim.WallMs + 10_000));
        Assert.Equal((10004, "Invalid sign", "auth"), (badSign.GetProperty("retCode").GetInt32(), S(badSign, "retMsg"), S(badSign, "op")));
        var expired = await RequestAsync(anonymous, BybitSim.AuthMessage(BybitSim.Key, BybitSim.Secret, sim.WallMs - 1));
        Assert.Equal((10001, "Params Error"), (expired.GetProperty("retCode").GetInt32(), S(expired, "retMsg")));

        var socket = await AuthenticatedAsync(sim);
        var again = await RequestAsync(socket, BybitSim.AuthMessage(BybitSim.Key, BybitSim.Secret, sim.WallMs + 10_000));
        Assert.Equal((20001, "Repeat auth"), (again.GetProperty("retCode").GetInt32(), S(again, "retMsg")));
        var stale = sim.WallMs - 8001;
        var late = await RequestAsync(socket, Create("t-1", stale, """ "category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.1" """));
        Assert.Equal((10002, $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{stale}],server_timestamp[{sim.WallMs}],recv_window[8000]"),
            (late.GetProperty("retCode").GetInt32(), S(late, "retMsg")));
        var duplicate = await RequestAsync(socket, Create("t-1", sim.WallMs, """ "category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.1" """));
        Assert.Equal((20006, "reqId is duplicated"), (duplicate.GetProperty("retCode").GetInt32(), S(duplicate, "retMsg")));
        var spot = await RequestAsync(socket, Create("t-2", sim.WallMs, """ "category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.1" """));
        Assert.Equal((10404, "category is not correct/supported"), (spot.GetProperty("retCode").GetInt32(), S(spot, "retMsg")));
        var unknown = await RequestAsync(socket, """{"reqId":"t-3","op":"order.nope","args":[]}""");
        Assert.Equal((10404, "op type not found", "order.nope"), (unknown.GetProperty("retCode").GetInt32(), S(unknown, "retMsg"), S(unknown, "op")));
        var undecodable = await RequestAsync(socket, "hello");
        Assert.Equal((10001, "Failed to decode incoming data"), (undecodable.GetProperty("retCode").GetInt32(), S(undecodable, "retMsg")));
        var noHeader = await RequestAsync(socket, """{"reqId":"t-4","op":"order.create","args":[{"category":"linear"}]}""");
        Assert.Equal((10001, "params error: X-BAPI-TIMESTAMP is required"), (noHeader.GetProperty("retCode").GetInt32(), S(noHeader, "retMsg")));
        Assert.Equal(0, (await sim.SignedGetAsync("/v5/order/realtime", "category=linear&symbol=BTCUSDT&openOnly=1")).Result.GetProperty("list").GetArrayLength());
    }
}
