using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>What the OKX fault tests do over and over: arm a rule, place orders over REST and the private socket's
/// "order" op, read the position, and watch the orders and books channels.</summary>
internal static class OkxFaultClient
{
    /// <summary>10 contracts (0.1 BTC) bought at market: fills at once against the flat book's best ask.</summary>
    public static readonly string MarketBuy = OkxSim.Order("buy", "market", "10");

    public static FaultPlan Plan(OkxSim sim) => sim.Harness.Simulator.FaultsOf(VenueKind.Okx);

    /// <summary>A simulator on <paramref name="scenario"/> (default <see cref="OkxScenarios.Flat"/>) with
    /// <paramref name="rule"/> armed on OKX from the start.</summary>
    public static async Task<OkxSim> StartAsync(FaultRule rule, string scenario = OkxScenarios.Flat)
    {
        var sim = await OkxSim.StartAsync(scenario);
        Plan(sim).Add(rule);
        return sim;
    }

    /// <summary>POST /trade/order whatever its status: (status, the whole answer).</summary>
    public static Task<(int Status, JsonElement Json)> PlaceAsync(OkxSim sim, string? body = null) =>
        sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/order", body ?? MarketBuy);

    /// <summary>POST /trade/order with the raw response, for its headers (the caller disposes it).</summary>
    public static Task<HttpResponseMessage> PlaceRawAsync(OkxSim sim, string? body = null)
    {
        body ??= MarketBuy;
        return sim.SendRawAsync(HttpMethod.Post, "/api/v5/trade/order", body, sim.SignedHeaders(HttpMethod.Post, "/api/v5/trade/order", body));
    }

    /// <summary>The net position in contracts (0 when none is open).</summary>
    public static async Task<decimal> PositionAsync(OkxSim sim)
    {
        var (_, json) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/positions?instId=BTC-USDT-SWAP");
        var data = json.GetProperty("data");
        return data.GetArrayLength() == 0 ? 0 : decimal.Parse(data[0].GetProperty("pos").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>An "order" op frame with <paramref name="arg"/> (default <see cref="MarketBuy"/>).</summary>
    public static string WsOrder(string id, string? arg = null) => $$"""{"id":"{{id}}","op":"order","args":[{{arg ?? MarketBuy}}]}""";

    /// <summary>A logged-in private socket subscribed to the orders channel for SWAP.</summary>
    public static async Task<ClientWebSocket> OrdersChannelAsync(OkxSim sim)
    {
        var socket = await sim.PrivateAsync();
        await OkxSim.SendAsync(socket, """{"op":"subscribe","args":[{"channel":"orders","instType":"SWAP"}]}""");
        Assert.Equal("subscribe", (await OkxSim.ReceiveAsync(socket)).GetProperty("event").GetString());
        return socket;
    }

    /// <summary>The orders pushes in arrival order, as "ordId:state".</summary>
    public static List<string> OrderStates(IEnumerable<JsonElement> frames) =>
        [.. OkxSim.OfChannel(frames, "orders").Select(f => f.GetProperty("data")[0])
            .Select(o => o.GetProperty("ordId").GetString() + ":" + o.GetProperty("state").GetString())];

    /// <summary>A /ws/v5/public socket (or <paramref name="path"/>) subscribed to <paramref name="channel"/> of
    /// BTC-USDT-SWAP, past the ack.</summary>
    public static async Task<ClientWebSocket> PublicAsync(OkxSim sim, string channel, string path = "/ws/v5/public")
    {
        var socket = await sim.ConnectAsync(path);
        await OkxSim.SendAsync(socket, $$"""{"op":"subscribe","args":[{"channel":"{{channel}}","instId":"BTC-USDT-SWAP"}]}""");
        Assert.Equal("subscribe", (await OkxSim.ReceiveAsync(socket)).GetProperty("event").GetString());
        return socket;
    }

    /// <summary>The data of each books message among <paramref name="frames"/>.</summary>
    public static List<JsonElement> Books(IEnumerable<JsonElement> frames) =>
        [.. OkxSim.OfChannel(frames, "books").Select(f => f.GetProperty("data")[0])];

    /// <summary>Asserts that a REST answer or an order op refused its order (code "1") with <paramref name="sCode"/> and
    /// <paramref name="sMsg"/>; returns the order's ack.</summary>
    public static JsonElement AssertRefused(JsonElement answer, string sCode, string sMsg)
    {
        Assert.Equal("1", answer.GetProperty("code").GetString());
        var ack = answer.GetProperty("data")[0];
        Assert.Equal(sCode, ack.GetProperty("sCode").GetString());
        Assert.Equal(sMsg, ack.GetProperty("sMsg").GetString());
        Assert.Equal("", ack.GetProperty("ordId").GetString());
        return ack;
    }

    public const string RateLimitReached = "Rate limit reached. Please refer to API documentation and throttle requests accordingly.";
}
