using System.Globalization;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>The public linear stream (docs/v5/ws/connect, websocket/public/orderbook and ticker): acks and pongs as the
/// linear examples show; a snapshot then deltas per book topic, <c>u</c> growing by one per message, and
/// snapshot + deltas rebuilding exactly the book REST serves after the same step; tickers as a snapshot then deltas of
/// changed fields; every frame on its own topic only.</summary>
public class BybitPublicStreamTests
{
    private const string PublicPath = "/v5/public/linear";

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A local book kept by the documented rules: a snapshot replaces it; a delta sets each level, "0" deletes.</summary>
    private sealed class LocalBook
    {
        public SortedDictionary<decimal, string> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        public SortedDictionary<decimal, string> Asks { get; } = new();

        public void Apply(JsonElement frame)
        {
            var data = frame.GetProperty("data");
            if (S(frame, "type") == "snapshot")
            {
                Bids.Clear();
                Asks.Clear();
            }
            Set(Bids, data.GetProperty("b"));
            Set(Asks, data.GetProperty("a"));
        }

        private static void Set(SortedDictionary<decimal, string> side, JsonElement levels)
        {
            foreach (var level in levels.EnumerateArray())
                if (level[1].GetString() == "0") side.Remove(D(level[0].GetString()!));
                else side[D(level[0].GetString()!)] = level[1].GetString()!;
        }

        public static List<(decimal, string)> Levels(JsonElement side) =>
            [.. side.EnumerateArray().Select(l => (D(l[0].GetString()!), l[1].GetString()!))];
    }

    [Fact]
    public async Task Subscribing_is_acknowledged_as_documented_and_the_snapshot_follows()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PublicPath);
        var ack = await BybitSim.SubscribeAsync(socket, "sub-1", "orderbook.50.BTCUSDT");
        ShapeAssert.Matches("Bybit/ws-subscribe-ack.json", ack);
        Assert.Equal((true, "", "sub-1", "subscribe"), (ack.GetProperty("success").GetBoolean(), S(ack, "ret_msg"), S(ack, "req_id"), S(ack, "op")));
        var snapshot = await SimHarness.ReceiveAsync(socket);
        ShapeAssert.Matches("Bybit/ws-orderbook-snapshot.json", snapshot);
        Assert.Equal(("orderbook.50.BTCUSDT", "snapshot", "BTCUSDT"), (S(snapshot, "topic"), S(snapshot, "type"), S(snapshot.GetProperty("data"), "s")));
        Assert.Equal(["9000.1", "9001.1", "9002.1", "9003.1", "9004.1"], snapshot.GetProperty("data").GetProperty("a").EnumerateArray().Select(l => l[0].GetString()));
        Assert.Equal(["8999.9", "8998.9", "8997.9", "8996.9", "8995.9"], snapshot.GetProperty("data").GetProperty("b").EnumerateArray().Select(l => l[0].GetString()));

        await SimHarness.SendAsync(socket, """{"op":"ping"}""");
        var pong = await SimHarness.ReceiveAsync(socket);
        ShapeAssert.Matches("Bybit/ws-pong.json", pong);
        Assert.Equal((true, "pong", "", "ping", S(ack, "conn_id")), (pong.GetProperty("success").GetBoolean(), S(pong, "ret_msg"), S(pong, "req_id"), S(pong, "op"), S(pong, "conn_id")));
    }

    [Fact]
    public async Task Deltas_number_consecutively_per_topic_and_rebuild_the_book_REST_serves_after_the_same_step()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var socket = await sim.ConnectAsync(PublicPath);
        string[] topics = ["orderbook.50.BTCUSDT", "orderbook.200.BTCUSDT", "orderbook.1000.BTCUSDT"];
        Assert.True((await BybitSim.SubscribeAsync(socket, "s", topics)).GetProperty("success").GetBoolean());
        sim.Advance(TimeSpan.FromSeconds(3)); // 07:59:00 → 07:59:03, a step every topic publishes at
        var frames = await BybitSim.DrainAsync(socket);
        Assert.All(frames, f => Assert.Contains(S(f, "topic"), topics));

        var books = new Dictionary<string, LocalBook>();
        foreach (var topic in topics)
        {
            var messages = frames.Where(f => S(f, "topic") == topic).ToList();
            Assert.Equal("snapshot", S(messages[0], "type"));
            Assert.All(messages.Skip(1), m => Assert.Equal("delta", S(m, "type")));
            var depth = int.Parse(topic.Split('.')[1], CultureInfo.InvariantCulture);
            var book = books[topic] = new LocalBook();
            for (var i = 0; i < messages.Count; i++)
            {
                var data = messages[i].GetProperty("data");
                Assert.Equal(data.GetProperty("u").GetInt64(), messages[0].GetProperty("data").GetProperty("u").GetInt64() + i);
                if (i > 0) Assert.True(data.GetProperty("seq").GetInt64() > messages[i - 1].GetProperty("data").GetProperty("seq").GetInt64());
                book.Apply(messages[i]);
                Assert.InRange(book.Bids.Count, 1, depth);
                Assert.InRange(book.Asks.Count, 1, depth);
                Assert.True(book.Bids.Keys.First() < book.Asks.Keys.First());
            }
            ShapeAssert.Matches("Bybit/ws-orderbook-delta.json", messages[^1]);
        }
        // The book changes every step: depth 50 and 200 push at every 100 ms step, depth 1000 every 200 ms.
        foreach (var (topic, spacing) in (ReadOnlySpan<(string, long)>)[("orderbook.50.BTCUSDT", 100), ("orderbook.200.BTCUSDT", 100), ("orderbook.1000.BTCUSDT", 200)])
        {
            var times = frames.Where(f => S(f, "topic") == topic).Skip(1).Select(f => f.GetProperty("ts").GetInt64()).ToList();
            Assert.True(times.Count >= 3000 / spacing - 1, $"{topic}: {times.Count} deltas");
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(spacing, pair.Second - pair.First));
        }

        var rest = await sim.GetAsync("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=500");
        var thousand = frames.Last(f => S(f, "topic") == "orderbook.1000.BTCUSDT");
        Assert.Equal(thousand.GetProperty("data").GetProperty("u").GetInt64(), rest.Result.GetProperty("u").GetInt64());
        Assert.Equal(thousand.GetProperty("data").GetProperty("seq").GetInt64(), rest.Result.GetProperty("seq").GetInt64());
        var restBids = LocalBook.Levels(rest.Result.GetProperty("b"));
        var restAsks = LocalBook.Levels(rest.Result.GetProperty("a"));
        foreach (var topic in topics)
        {
            var depth = int.Parse(topic.Split('.')[1], CultureInfo.InvariantCulture);
            Assert.Equal(restBids.Take(depth), books[topic].Bids.Select(l => (l.Key, l.Value)));
            Assert.Equal(restAsks.Take(depth), books[topic].Asks.Select(l => (l.Key, l.Value)));
        }
    }

    [Fact]
    public async Task A_late_subscriber_s_snapshot_is_the_book_an_early_one_rebuilt()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var early = await sim.ConnectAsync(PublicPath);
        await BybitSim.SubscribeAsync(early, "a", "orderbook.50.ETHUSDT");
        sim.Advance(TimeSpan.FromMilliseconds(1700));
        var book = new LocalBook();
        var frames = await BybitSim.DrainAsync(early);
        foreach (var frame in frames) book.Apply(frame);
        var late = await sim.ConnectAsync(PublicPath);
        await BybitSim.SubscribeAsync(late, "b", "orderbook.50.ETHUSDT");
        var snapshot = await SimHarness.ReceiveAsync(late);
        Assert.Equal(frames[^1].GetProperty("data").GetProperty("u").GetInt64(), snapshot.GetProperty("data").GetProperty("u").GetInt64());
        Assert.Equal(book.Bids.Select(l => (l.Key, l.Value)), LocalBook.Levels(snapshot.GetProperty("data").GetProperty("b")));
        Assert.Equal(book.Asks.Select(l => (l.Key, l.Value)), LocalBook.Levels(snapshot.GetProperty("data").GetProperty("a")));
    }

    [Fact]
    public async Task Level_1_sends_snapshots_only_and_repeats_the_last_one_after_3_seconds_without_change()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PublicPath);
        await BybitSim.SubscribeAsync(socket, "l1", "orderbook.1.BTCUSDT");
        var first = await SimHarness.ReceiveAsync(socket);
        Assert.StartsWith("{\"topic\":\"orderbook.1.BTCUSDT\",\"ts\":", first.GetRawText(), StringComparison.Ordinal); // ts before type at level 1
        var u = first.GetProperty("data").GetProperty("u").GetInt64();
        Assert.Equal(("8999.9", "9000.1"), (first.GetProperty("data").GetProperty("b")[0][0].GetString(), first.GetProperty("data").GetProperty("a")[0][0].GetString()));
        sim.Advance(TimeSpan.FromMilliseconds(2900));
        Assert.Empty(await BybitSim.DrainAsync(socket));
        sim.Advance(TimeSpan.FromMilliseconds(200));
        var repeated = Assert.Single(await BybitSim.DrainAsync(socket));
        Assert.Equal(("snapshot", u), (S(repeated, "type"), repeated.GetProperty("data").GetProperty("u").GetInt64()));

        // A taker lifts the best ask: the next step publishes the book without it, the step after the redrawn level.
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1" """);
        sim.Advance(TimeSpan.FromMilliseconds(100));
        var afterTrade = Assert.Single(await BybitSim.DrainAsync(socket));
        Assert.Equal(("snapshot", u + 1, "9001.1"), (S(afterTrade, "type"), afterTrade.GetProperty("data").GetProperty("u").GetInt64(),
            afterTrade.GetProperty("data").GetProperty("a")[0][0].GetString()));
        sim.Advance(TimeSpan.FromMilliseconds(100));
        var refilled = Assert.Single(await BybitSim.DrainAsync(socket));
        Assert.Equal((u + 2, "9000.1"), (refilled.GetProperty("data").GetProperty("u").GetInt64(), refilled.GetProperty("data").GetProperty("a")[0][0].GetString()));
    }

    [Fact]
    public async Task The_ticker_snapshot_carries_the_funding_fields_and_deltas_only_what_changed()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PublicPath);
        await BybitSim.SubscribeAsync(socket, "t", "tickers.BTCUSDT");
        var snapshot = await SimHarness.ReceiveAsync(socket);
        ShapeAssert.Matches("Bybit/ws-ticker-snapshot.json", snapshot);
        var data = snapshot.GetProperty("data");
        Assert.Equal(("snapshot", "9000.0", "8995.0", "0.0003", "1767600000000", "8"),
            (S(snapshot, "type"), S(data, "markPrice"), S(data, "indexPrice"), S(data, "fundingRate"), S(data, "nextFundingTime"), S(data, "fundingIntervalHour")));
        Assert.Equal(("8999.9", "1.000", "9000.1", "1.000", "0.00375"), (S(data, "bid1Price"), S(data, "bid1Size"), S(data, "ask1Price"), S(data, "ask1Size"), S(data, "fundingCap")));
        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await BybitSim.DrainAsync(socket)); // nothing changed, nothing sent
        sim.Advance(TimeSpan.FromSeconds(60)); // past the 08:00 settlement: only the next funding time moves
        var delta = Assert.Single(await BybitSim.DrainAsync(socket));
        Assert.Equal("delta", S(delta, "type"));
        Assert.Equal(["symbol", "nextFundingTime"], delta.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Equal("1767628800000", S(delta.GetProperty("data"), "nextFundingTime"));
    }

    [Fact]
    public async Task Ticker_deltas_applied_to_the_snapshot_give_the_REST_ticker()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var socket = await sim.ConnectAsync(PublicPath);
        await BybitSim.SubscribeAsync(socket, "t", "tickers.ETHUSDT");
        sim.Advance(TimeSpan.FromSeconds(2));
        var frames = await BybitSim.DrainAsync(socket);
        var fields = frames[0].GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.True(frames.Count > 5);
        foreach (var delta in frames.Skip(1))
        {
            Assert.Equal("delta", S(delta, "type"));
            foreach (var field in delta.GetProperty("data").EnumerateObject().Where(p => p.Name != "symbol"))
            {
                Assert.NotEqual(fields[field.Name], field.Value.GetString()); // a delta carries changed values only
                fields[field.Name] = field.Value.GetString()!;
            }
        }
        var rest = Assert.Single((await sim.GetAsync("/v5/market/tickers?category=linear&symbol=ETHUSDT")).Result.GetProperty("list").EnumerateArray());
        Assert.All(fields, f => Assert.Equal(f.Value, S(rest, f.Key)));
    }

    [Fact]
    public async Task Each_frame_goes_only_to_sessions_subscribed_to_its_topic_and_unsubscribe_stops_it()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var a = await sim.ConnectAsync(PublicPath);
        var b = await sim.ConnectAsync(PublicPath);
        var idle = await sim.ConnectAsync(PublicPath);
        await BybitSim.SubscribeAsync(a, "a", "orderbook.50.BTCUSDT", "tickers.ETHUSDT");
        await BybitSim.SubscribeAsync(b, "b", "orderbook.1.ETHUSDT");
        sim.Advance(TimeSpan.FromSeconds(1));
        var framesA = await BybitSim.DrainAsync(a);
        var framesB = await BybitSim.DrainAsync(b);
        Assert.Equal(["orderbook.50.BTCUSDT", "tickers.ETHUSDT"], framesA.Select(f => S(f, "topic")).Distinct().Order());
        Assert.Equal(["orderbook.1.ETHUSDT"], framesB.Select(f => S(f, "topic")).Distinct());
        Assert.Empty(await BybitSim.DrainAsync(idle));

        await SimHarness.SendAsync(a, """{"req_id":"u","op":"unsubscribe","args":["orderbook.50.BTCUSDT"]}""");
        var ack = await SimHarness.ReceiveAsync(a);
        Assert.Equal((true, "unsubscribe", "u"), (ack.GetProperty("success").GetBoolean(), S(ack, "op"), S(ack, "req_id")));
        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.All(await BybitSim.DrainAsync(a), f => Assert.Equal("tickers.ETHUSDT", S(f, "topic")));
    }

    [Theory]
    [InlineData("""{"req_id":"e1","op":"subscribe","args":["orderbook.500.BTCUSDT"]}""", "error:handler not found,topic:orderbook.500.BTCUSDT", "subscribe")]
    [InlineData("""{"req_id":"e1","op":"subscribe","args":["orderbook.50.btcusdt"]}""", "error:handler not found,topic:orderbook.50.btcusdt", "subscribe")]
    [InlineData("""{"req_id":"e1","op":"subscribe","args":["order"]}""", "error:handler not found,topic:order", "subscribe")]
    [InlineData("""{"req_id":"e1","op":"nope"}""", "error:invalid op", "nope")]
    public async Task Refused_requests_are_answered_in_the_venue_s_words(string request, string message, string op)
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PublicPath);
        await SimHarness.SendAsync(socket, request);
        var reply = await SimHarness.ReceiveAsync(socket);
        Assert.Equal((false, message, "e1", op), (reply.GetProperty("success").GetBoolean(), S(reply, "ret_msg"), S(reply, "req_id"), S(reply, "op")));
    }

    [Fact]
    public async Task A_second_subscribe_and_undecodable_text_are_refused_and_the_connection_stays_open()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var socket = await sim.ConnectAsync(PublicPath);
        await BybitSim.SubscribeAsync(socket, "1", "orderbook.1.ETHUSDT");
        await SimHarness.ReceiveAsync(socket); // the snapshot
        var again = await BybitSim.SubscribeAsync(socket, "2", "orderbook.1.ETHUSDT");
        Assert.Equal((false, "error:already subscribed,topic:orderbook.1.ETHUSDT"), (again.GetProperty("success").GetBoolean(), S(again, "ret_msg")));
        await SimHarness.SendAsync(socket, "hello");
        var undecodable = await SimHarness.ReceiveAsync(socket);
        Assert.False(undecodable.GetProperty("success").GetBoolean());
        Assert.StartsWith("Failed to decode incoming data:readObjectStart: expect { or n, but found h", S(undecodable, "ret_msg"), StringComparison.Ordinal);
        Assert.Empty(await BybitSim.DrainAsync(socket)); // still answering
    }
}
