using System.Net.WebSockets;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>The WebSocket trading API at /ws-fapi/v1 (websocket-api-general-info and trade/websocket-api pages):
/// params signed sorted by name, answers {"id","status","result"|"error","rateLimits"}.</summary>
public class BinanceTradingApiTests
{
    /// <summary>Signs the way the docs' sample does: all params but the signature, sorted by name, name=value joined by '&amp;'.</summary>
    private static string Request(string id, string method, SortedDictionary<string, object> parameters, string secret = SimHarness.Secret, bool tamper = false)
    {
        var payload = string.Join('&', parameters.Select(p => p.Key + "=" + Format(p.Value)));
        var signature = SimHarness.HexHmac(secret, payload);
        if (tamper) parameters["quantity"] = "9";
        var withSignature = new Dictionary<string, object>(parameters) { ["signature"] = signature };
        var fields = string.Join(",", withSignature.Select(p => JsonSerializer.Serialize(p.Key, TestJson.Default.String) + ":" + Json(p.Value)));
        return $"{{\"id\":\"{id}\",\"method\":\"{method}\",\"params\":{{{fields}}}}}";
    }

    private static string Format(object value) => value is long l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : (string)value;
    private static string Json(object value) => value is long l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : JsonSerializer.Serialize((string)value, TestJson.Default.String);

    private static SortedDictionary<string, object> Place(SimHarness sim, string quantity, string type = "MARKET") => new(StringComparer.Ordinal)
    {
        ["apiKey"] = SimHarness.Key,
        ["quantity"] = quantity,
        ["side"] = "BUY",
        ["symbol"] = "BTCUSDT",
        ["timestamp"] = sim.Wall.GetUtcNow().ToUnixTimeMilliseconds(),
        ["type"] = type,
        ["newOrderRespType"] = "RESULT",
    };

    private static async Task<JsonElement> AskAsync(ClientWebSocket socket, string request)
    {
        await SimHarness.SendAsync(socket, request);
        return await SimHarness.ReceiveAsync(socket);
    }

    [Fact]
    public async Task Place_status_and_cancel_over_the_websocket_api()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws-fapi/v1");

        var placed = await AskAsync(socket, Request("p1", "order.place", Place(sim, "1.5")));
        Assert.Equal("p1", placed.GetProperty("id").GetString());
        Assert.Equal(200, placed.GetProperty("status").GetInt32());
        var result = placed.GetProperty("result");
        Assert.Equal("FILLED", result.GetProperty("status").GetString());
        Assert.Equal("1.500", result.GetProperty("executedQty").GetString());
        ShapeAssert.Matches("new-order.json", result);
        Assert.Equal(3, placed.GetProperty("rateLimits").GetArrayLength());

        var limit = Place(sim, "0.1", "LIMIT");
        limit["price"] = "8990";
        limit["timeInForce"] = "GTC";
        limit.Remove("newOrderRespType");
        var resting = (await AskAsync(socket, Request("p2", "order.place", limit))).GetProperty("result");
        var orderId = resting.GetProperty("orderId").GetInt64();
        var status = await AskAsync(socket, Request("s1", "order.status", new(StringComparer.Ordinal)
        {
            ["apiKey"] = SimHarness.Key, ["orderId"] = orderId, ["symbol"] = "BTCUSDT", ["timestamp"] = sim.Wall.GetUtcNow().ToUnixTimeMilliseconds(),
        }));
        Assert.Equal("NEW", status.GetProperty("result").GetProperty("status").GetString());
        ShapeAssert.Matches("query-order.json", status.GetProperty("result"));
        var canceled = await AskAsync(socket, Request("c1", "order.cancel", new(StringComparer.Ordinal)
        {
            ["apiKey"] = SimHarness.Key, ["orderId"] = orderId, ["symbol"] = "BTCUSDT", ["timestamp"] = sim.Wall.GetUtcNow().ToUnixTimeMilliseconds(),
        }));
        Assert.Equal("CANCELED", canceled.GetProperty("result").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Tampered_unknown_key_and_stale_requests_are_refused_with_the_rest_codes()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws-fapi/v1");
        var tampered = await AskAsync(socket, Request("t", "order.place", Place(sim, "1"), tamper: true));
        Assert.Equal(400, tampered.GetProperty("status").GetInt32());
        Assert.Equal(-1022, tampered.GetProperty("error").GetProperty("code").GetInt32());

        var wrongSecret = await AskAsync(socket, Request("w", "order.place", Place(sim, "1"), secret: "other"));
        Assert.Equal(-1022, wrongSecret.GetProperty("error").GetProperty("code").GetInt32());

        var unknown = Place(sim, "1");
        unknown["apiKey"] = "nobody";
        var refused = await AskAsync(socket, Request("k", "order.place", unknown));
        Assert.Equal(401, refused.GetProperty("status").GetInt32());
        Assert.Equal(-2015, refused.GetProperty("error").GetProperty("code").GetInt32());

        var stale = Place(sim, "1");
        stale["timestamp"] = sim.Wall.GetUtcNow().AddSeconds(-6).ToUnixTimeMilliseconds();
        var late = await AskAsync(socket, Request("s", "order.place", stale));
        Assert.Equal(-1021, late.GetProperty("error").GetProperty("code").GetInt32());

        var (_, open) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.000", open[0].GetProperty("positionAmt").GetString());
    }
}
