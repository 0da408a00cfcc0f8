using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Faults;

/// <summary>What the fault tests do over and over on Binance's wire: signed REST orders with the raw response (status,
/// headers, body), a user-data stream, and WebSocket API order frames.</summary>
internal static class FaultClient
{
    public static FaultPlan Plan(SimHarness sim) => sim.Simulator.FaultsOf(VenueKind.Binance);

    /// <summary>A simulator on <paramref name="scenario"/> (default <see cref="TestScenarios.Flat"/>) with
    /// <paramref name="rule"/> armed on Binance from the start.</summary>
    public static async Task<SimHarness> StartAsync(FaultRule rule, string scenario = TestScenarios.Flat)
    {
        var sim = await SimHarness.StartAsync(scenario);
        Plan(sim).Add(rule);
        return sim;
    }

    public const string MarketBuy = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.100&newOrderRespType=RESULT";

    /// <summary>A signed request whose response the caller inspects (and disposes).</summary>
    public static Task<HttpResponseMessage> SendSignedAsync(SimHarness sim, HttpMethod method, string path, string parameters)
    {
        var payload = parameters + "&timestamp=" + sim.Wall.GetUtcNow().ToUnixTimeMilliseconds();
        var signed = payload + "&signature=" + SimHarness.HexHmac(SimHarness.Secret, payload);
        var inQuery = method == HttpMethod.Get || method == HttpMethod.Delete;
        var request = new HttpRequestMessage(method, path + (inQuery ? "?" + signed : ""));
        request.Headers.Add("X-MBX-APIKEY", SimHarness.Key);
        if (!inQuery)
        {
            request.Content = new StringContent(signed, Encoding.ASCII);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        return sim.Http.SendAsync(request);
    }

    public static Task<(int Status, JsonElement Json)> PlaceAsync(SimHarness sim, string parameters = MarketBuy) =>
        sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", parameters);

    public static async Task<JsonElement> QueryAsync(SimHarness sim, long orderId)
    {
        var (status, json) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={orderId}");
        Assert.Equal(200, status);
        return json;
    }

    public static async Task<decimal> PositionAsync(SimHarness sim)
    {
        var (_, json) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        return decimal.Parse(json[0].GetProperty("positionAmt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<ClientWebSocket> UserStreamAsync(SimHarness sim)
    {
        var (_, created) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/listenKey", null, null, SimHarness.Key);
        var socket = await sim.ConnectAsync("/private/ws/" + created.GetProperty("listenKey").GetString());
        await SimHarness.DrainAsync(socket);
        return socket;
    }

    /// <summary>ORDER_TRADE_UPDATE payloads in arrival order, as (execution type, status).</summary>
    public static List<(string Execution, string Status)> OrderUpdates(IEnumerable<JsonElement> frames) =>
        [.. frames.Where(f => f.TryGetProperty("e", out var e) && e.GetString() == "ORDER_TRADE_UPDATE")
            .Select(f => (f.GetProperty("o").GetProperty("x").GetString()!, f.GetProperty("o").GetProperty("X").GetString()!))];

    /// <summary>An order.place frame for the WebSocket API, signed as the docs' sample does (params sorted by name).</summary>
    public static string WsPlace(SimHarness sim, string id, string quantity = "0.100")
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiKey"] = SimHarness.Key,
            ["newOrderRespType"] = "RESULT",
            ["quantity"] = quantity,
            ["side"] = "BUY",
            ["symbol"] = "BTCUSDT",
            ["timestamp"] = sim.Wall.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "MARKET",
        };
        var signature = SimHarness.HexHmac(SimHarness.Secret, string.Join('&', parameters.Select(p => p.Key + "=" + p.Value)));
        var fields = string.Join(",", parameters.Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + $",\"signature\":\"{signature}\"";
        return $"{{\"id\":\"{id}\",\"method\":\"order.place\",\"params\":{{{fields}}}}}";
    }

    /// <summary>Waits until the server has ended <paramref name="socket"/> (a dropped connection): a receive fails or
    /// reports a close.</summary>
    public static async Task AssertDroppedAsync(ClientWebSocket socket)
    {
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, guard.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (WebSocketException)
        {
            // aborted by the server: what a dropped connection looks like
        }
        Assert.False(guard.IsCancellationRequested, "the connection was not dropped");
    }
}
