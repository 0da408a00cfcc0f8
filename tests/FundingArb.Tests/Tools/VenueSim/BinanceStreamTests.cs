using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>Market streams routed by path as live USDⓈ-M routes them, diff-depth continuity against the REST snapshot
/// (websocket-market-streams/How-to-manage-a-local-order-book-correctly), and the user-data stream.</summary>
public class BinanceStreamTests
{
    private static IEnumerable<JsonElement> Data(IEnumerable<JsonElement> frames) =>
        frames.Select(f => f.TryGetProperty("data", out var data) && f.TryGetProperty("stream", out _) ? data : f);

    private static IEnumerable<JsonElement> OfEvent(IEnumerable<JsonElement> frames, string type) =>
        Data(frames).Where(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("e", out var e) && e.GetString() == type);

    /// <summary>Checks the futures rules: each event's pu is the previous event's u; the first event that reaches the
    /// snapshot has U ≤ lastUpdateId ≤ u. Returns that bridging event's index.</summary>
    private static int AssertContinuousFrom(long lastUpdateId, IReadOnlyList<JsonElement> events)
    {
        Assert.True(events.Count > 2, $"expected several depth events, got {events.Count}");
        for (var i = 1; i < events.Count; i++)
            Assert.Equal(events[i - 1].GetProperty("u").GetInt64(), events[i].GetProperty("pu").GetInt64());
        var bridge = -1;
        for (var i = 0; i < events.Count && bridge < 0; i++)
            if (events[i].GetProperty("u").GetInt64() >= lastUpdateId) bridge = i;
        Assert.True(bridge >= 0, "no event reaches the snapshot's lastUpdateId");
        Assert.True(events[bridge].GetProperty("U").GetInt64() <= lastUpdateId,
            $"the first event past the snapshot (U={events[bridge].GetProperty("U").GetInt64()}, u={events[bridge].GetProperty("u").GetInt64()}) does not bridge lastUpdateId {lastUpdateId}");
        return bridge;
    }

    [Theory]
    [InlineData("/public/ws/btcusdt@depth@100ms")]
    [InlineData("/public/stream?streams=btcusdt@depth")]
    [InlineData("/public/ws/btcusdt@depth@500ms")]
    [InlineData("/ws/btcusdt@depth@100ms")]
    public async Task Diff_depth_events_chain_by_pu_and_the_first_one_bridges_the_REST_snapshot(string path)
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var socket = await sim.ConnectAsync(path);
        await SimHarness.DrainAsync(socket);
        sim.Advance(TimeSpan.FromMilliseconds(1250));
        var (_, snapshot) = await sim.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=1000");
        var lastUpdateId = snapshot.GetProperty("lastUpdateId").GetInt64();
        sim.Advance(TimeSpan.FromSeconds(3));
        var frames = await SimHarness.DrainAsync(socket);
        if (path.Contains("/stream", StringComparison.Ordinal))
            Assert.All(frames, f => Assert.Equal("btcusdt@depth", f.GetProperty("stream").GetString()));
        var events = OfEvent(frames, "depthUpdate").ToList();
        var bridge = AssertContinuousFrom(lastUpdateId, events);

        // Applying the snapshot and then the events from the bridge on gives a book whose best bid is below its best ask
        // (the merge rules hold: absolute quantities, 0 removes a level).
        var bids = Levels(snapshot.GetProperty("bids"));
        var asks = Levels(snapshot.GetProperty("asks"));
        foreach (var e in events.Skip(bridge))
        {
            Apply(bids, e.GetProperty("b"));
            Apply(asks, e.GetProperty("a"));
        }
        Assert.True(bids.Keys.Max() < asks.Keys.Min());
        ShapeAssert.Matches("diff-depth.json", events[0]);
    }

    private static Dictionary<decimal, decimal> Levels(JsonElement side) =>
        side.EnumerateArray().ToDictionary(l => decimal.Parse(l[0].GetString()!, CultureInfo.InvariantCulture), l => decimal.Parse(l[1].GetString()!, CultureInfo.InvariantCulture));

    private static void Apply(Dictionary<decimal, decimal> book, JsonElement changes)
    {
        foreach (var (price, qty) in Levels(changes))
            if (qty == 0) book.Remove(price);
            else book[price] = qty;
    }

    [Fact]
    public async Task Events_of_a_slower_depth_stream_merge_the_faster_one_s_batches()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var fast = await sim.ConnectAsync("/public/ws/btcusdt@depth@100ms");
        var slow = await sim.ConnectAsync("/public/ws/btcusdt@depth@500ms");
        await SimHarness.DrainAsync(fast);
        await SimHarness.DrainAsync(slow);
        sim.Advance(TimeSpan.FromSeconds(3));
        var fastEvents = OfEvent(await SimHarness.DrainAsync(fast), "depthUpdate").ToList();
        var slowEvents = OfEvent(await SimHarness.DrainAsync(slow), "depthUpdate").ToList();
        Assert.True(slowEvents.Count < fastEvents.Count);
        var fastLast = fastEvents.Select(e => e.GetProperty("u").GetInt64()).ToHashSet();
        Assert.All(slowEvents, e => Assert.Contains(e.GetProperty("u").GetInt64(), fastLast));
    }

    [Fact]
    public async Task Mark_price_streams_deliver_on_market_only_and_carry_the_funding_fields()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var market = await sim.ConnectAsync("/market/ws/btcusdt@markPrice@1s");
        var wrongRoute = await sim.ConnectAsync("/public/ws/btcusdt@markPrice@1s");
        var legacy = await sim.ConnectAsync("/ws/btcusdt@markPrice@1s");
        var depthOnMarket = await sim.ConnectAsync("/market/ws/btcusdt@depth@100ms");
        foreach (var s in new[] { market, wrongRoute, legacy, depthOnMarket }) await SimHarness.DrainAsync(s);
        sim.Advance(TimeSpan.FromSeconds(3));

        var delivered = OfEvent(await SimHarness.DrainAsync(market), "markPriceUpdate").ToList();
        Assert.InRange(delivered.Count, 2, 4);
        var update = delivered[0];
        ShapeAssert.Matches("mark-price-stream.json", update);
        Assert.Equal("BTCUSDT", update.GetProperty("s").GetString());
        Assert.Equal("9000.00000000", update.GetProperty("p").GetString());
        Assert.Equal("8995.00000000", update.GetProperty("i").GetString());
        Assert.Equal("0.00030000", update.GetProperty("r").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), update.GetProperty("T").GetInt64());

        Assert.Empty(await SimHarness.DrainAsync(wrongRoute));
        Assert.Empty(await SimHarness.DrainAsync(legacy));
        Assert.Empty(await SimHarness.DrainAsync(depthOnMarket));
    }

    [Fact]
    public async Task Live_subscribe_is_acknowledged_as_documented_and_unsubscribe_stops_delivery()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var socket = await sim.ConnectAsync("/public/ws");
        await SimHarness.SendAsync(socket, """{"method":"SUBSCRIBE","params":["btcusdt@bookTicker","btcusdt@depth5@100ms"],"id":1}""");
        var ack = await SimHarness.ReceiveAsync(socket);
        ShapeAssert.Matches("subscribe-ack.json", ack);
        Assert.Equal("""{"result":null,"id":1}""", ack.GetRawText());
        await SimHarness.SendAsync(socket, """{"method":"LIST_SUBSCRIPTIONS","id":2}""");
        Assert.Equal("""{"result":["btcusdt@bookTicker","btcusdt@depth5@100ms"],"id":2}""", (await SimHarness.ReceiveAsync(socket)).GetRawText());

        sim.Advance(TimeSpan.FromMilliseconds(500));
        var frames = await SimHarness.DrainAsync(socket);
        Assert.NotEmpty(OfEvent(frames, "bookTicker"));
        var partial = OfEvent(frames, "depthUpdate").ToList();
        Assert.NotEmpty(partial);
        Assert.All(partial, p => Assert.Equal(5, p.GetProperty("b").GetArrayLength()));

        await SimHarness.SendAsync(socket, """{"method":"UNSUBSCRIBE","params":["btcusdt@bookTicker","btcusdt@depth5@100ms"],"id":3}""");
        Assert.Equal("""{"result":null,"id":3}""", (await SimHarness.ReceiveAsync(socket)).GetRawText());
        sim.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Empty(await SimHarness.DrainAsync(socket));

        await SimHarness.SendAsync(socket, """{"method":"SUBSCRIBE","params":["btcusdt@bookTicker"],"id":"x"}""");
        Assert.Equal("""{"code":2,"msg":"Invalid request: request ID must be an unsigned integer"}""", (await SimHarness.ReceiveAsync(socket)).GetRawText());
    }

    [Theory]
    [InlineData("/private/ws/{0}")]
    [InlineData("/private/ws?listenKey={0}")]
    public async Task The_user_data_stream_reports_orders_fills_and_funding(string pathTemplate)
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, created) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/listenKey", null, null, SimHarness.Key);
        var listenKey = created.GetProperty("listenKey").GetString()!;
        var socket = await sim.ConnectAsync(string.Format(CultureInfo.InvariantCulture, pathTemplate, listenKey));
        var onPublic = await sim.ConnectAsync("/public/ws/" + listenKey);
        await SimHarness.DrainAsync(socket);
        await SimHarness.DrainAsync(onPublic);

        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.5&newClientOrderId=u1");
        var frames = await SimHarness.DrainAsync(socket);
        var orders = OfEvent(frames, "ORDER_TRADE_UPDATE").Select(f => f.GetProperty("o")).ToList();
        Assert.Equal(["NEW", "TRADE"], orders.Select(o => o.GetProperty("x").GetString()));
        Assert.Equal(["NEW", "FILLED"], orders.Select(o => o.GetProperty("X").GetString()));
        Assert.Equal("u1", orders[1].GetProperty("c").GetString());
        Assert.Equal("0.500", orders[1].GetProperty("l").GetString());
        Assert.Equal("9000.1", orders[1].GetProperty("L").GetString());
        Assert.Equal("USDT", orders[1].GetProperty("N").GetString());
        Assert.False(orders[0].TryGetProperty("n", out _)); // no commission on NEW: not pushed
        ShapeAssert.Matches("order-trade-update.json", OfEvent(frames, "ORDER_TRADE_UPDATE").First());
        var account = Assert.Single(OfEvent(frames, "ACCOUNT_UPDATE"));
        ShapeAssert.Matches("account-update.json", account);
        Assert.Equal("ORDER", account.GetProperty("a").GetProperty("m").GetString());
        Assert.Equal("0.500", account.GetProperty("a").GetProperty("P")[0].GetProperty("pa").GetString());

        sim.Advance(TimeSpan.FromSeconds(61)); // past the 08:00 settlement
        frames = await SimHarness.DrainAsync(socket);
        var funding = Assert.Single(OfEvent(frames, "ACCOUNT_UPDATE"));
        Assert.Equal("FUNDING_FEE", funding.GetProperty("a").GetProperty("m").GetString());
        Assert.Equal("-1.35000000", funding.GetProperty("a").GetProperty("B")[0].GetProperty("bc").GetString());
        Assert.Equal(0, funding.GetProperty("a").GetProperty("P").GetArrayLength());

        Assert.Empty(await SimHarness.DrainAsync(onPublic));
    }

    [Fact]
    public async Task An_unrouted_path_that_is_not_a_stream_endpoint_is_not_found()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        await Assert.ThrowsAsync<WebSocketException>(() => sim.ConnectAsync("/public/nope"));
    }
}
