using System.IO.Hashing;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Okx;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>/ws/v5/public: acks and errors, "ping"/"pong", the books channel's seqId/prevSeqId chain (snapshot prevSeqId
/// −1, each update's prevSeqId the previous seqId, the idle heartbeat with seqId = prevSeqId), its checksum (0 as the
/// current docs fix it, or in legacy mode the old CRC32, verified here by an independent implementation of the docs'
/// description), books5, funding-rate and mark-price.</summary>
public class OkxPublicStreamTests
{
    private static string Subscribe(string channel, string instId = "BTC-USDT-SWAP", string id = "1512") =>
        $$"""{"id":"{{id}}","op":"subscribe","args":[{"channel":"{{channel}}","instId":"{{instId}}"}]}""";

    private static async Task<JsonElement> ExpectAckAsync(ClientWebSocket socket, string channel)
    {
        var ack = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-subscribe-ack.json", ack);
        Assert.Equal("subscribe", ack.GetProperty("event").GetString());
        Assert.Equal(channel, ack.GetProperty("arg").GetProperty("channel").GetString());
        return ack;
    }

    [Theory]
    [InlineData("3366.1:7:3366.8:9:3366:6:3368:8", -1881014294)]
    [InlineData("3366.1:7:3366.8:9:3368:8:3372:8", 831078360)]
    public void The_legacy_checksum_of_the_docs_check_strings_matches_an_independent_CRC32(string checkString, int expected)
    {
        Assert.Equal(expected, unchecked((int)Crc32.HashToUInt32(Encoding.ASCII.GetBytes(checkString))));
        Assert.Equal(expected, OkxBookChecksum.Crc32(Encoding.ASCII.GetBytes(checkString)));
    }

    [Fact]
    public void The_legacy_check_string_alternates_bids_and_asks_and_skips_a_short_side()
    {
        // The docs' second worked example: one bid, three asks.
        var check = OkxBookChecksum.CheckString([(3366.1m, 7m)], [(3366.8m, 9m), (3368m, 8m), (3372m, 8m)]);
        Assert.Equal("3366.1:7:3366.8:9:3368:8:3372:8", check);
    }

    [Fact]
    public async Task Books_send_a_snapshot_then_updates_whose_prevSeqId_is_the_previous_seqId_with_checksum_0()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, Subscribe("books"));
        await ExpectAckAsync(socket, "books");
        var snapshot = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-books-snapshot.json", snapshot);
        Assert.Equal("snapshot", snapshot.GetProperty("action").GetString());
        var data = snapshot.GetProperty("data")[0];
        Assert.Equal(-1, data.GetProperty("prevSeqId").GetInt64());
        Assert.Equal(30, data.GetProperty("asks").GetArrayLength());
        Assert.Equal(0, data.GetProperty("checksum").GetInt32());

        for (var i = 0; i < 5; i++) sim.Advance(TimeSpan.FromMilliseconds(100));
        var updates = await OkxSim.DrainAsync(socket);
        Assert.True(updates.Count >= 4, $"expected an update per step, got {updates.Count}");
        var previous = data.GetProperty("seqId").GetInt64();
        foreach (var update in updates)
        {
            ShapeAssert.Matches("Okx/ws-books-update.json", update);
            Assert.Equal("update", update.GetProperty("action").GetString());
            var d = update.GetProperty("data")[0];
            Assert.Equal(previous, d.GetProperty("prevSeqId").GetInt64());
            Assert.True(d.GetProperty("seqId").GetInt64() > previous);
            Assert.Equal(0, d.GetProperty("checksum").GetInt32());
            previous = d.GetProperty("seqId").GetInt64();
        }
    }

    [Fact]
    public async Task In_legacy_mode_every_books_message_carries_the_CRC32_of_the_book_the_client_rebuilt()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var socket = await sim.ConnectAsync("/ws/v5/public?checksum=legacy");
        await OkxSim.SendAsync(socket, Subscribe("books"));
        await ExpectAckAsync(socket, "books");
        var book = new OkxLocalBook();
        var snapshot = (await OkxSim.ReceiveAsync(socket)).GetProperty("data")[0];
        book.Apply(snapshot);
        Assert.Equal(book.Checksum(), snapshot.GetProperty("checksum").GetInt32());
        Assert.NotEqual(0, snapshot.GetProperty("checksum").GetInt32());

        // Someone trades through the top between steps, and the book keeps moving.
        await sim.PlaceAsync("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"120"}""");
        for (var i = 0; i < 6; i++) sim.Advance(TimeSpan.FromMilliseconds(100));
        var updates = await OkxSim.DrainAsync(socket);
        Assert.True(updates.Count >= 5);
        foreach (var update in updates)
        {
            var d = update.GetProperty("data")[0];
            book.Apply(d);
            Assert.Equal(book.Checksum(), d.GetProperty("checksum").GetInt32());
        }
        var (_, rest) = await sim.GetAsync("/api/v5/market/books?instId=BTC-USDT-SWAP&sz=1");
        var top = rest.GetProperty("data")[0];
        // REST shows the book as it stands now, which the next step's update may still change; the top agrees unless it moved since.
        Assert.True(top.GetProperty("seqId").GetInt64() >= updates[^1].GetProperty("data")[0].GetProperty("seqId").GetInt64());
    }

    [Fact]
    public async Task An_idle_book_sends_an_empty_update_with_seqId_equal_to_prevSeqId_after_60_seconds()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, Subscribe("books"));
        await ExpectAckAsync(socket, "books");
        var seqId = (await OkxSim.ReceiveAsync(socket)).GetProperty("data")[0].GetProperty("seqId").GetInt64();

        sim.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await OkxSim.DrainAsync(socket));
        sim.Advance(TimeSpan.FromSeconds(1));
        var heartbeat = Assert.Single(await OkxSim.DrainAsync(socket));
        ShapeAssert.Matches("Okx/ws-books-idle-heartbeat.json", heartbeat);
        var d = heartbeat.GetProperty("data")[0];
        Assert.Equal(0, d.GetProperty("asks").GetArrayLength());
        Assert.Equal(0, d.GetProperty("bids").GetArrayLength());
        Assert.Equal(seqId, d.GetProperty("prevSeqId").GetInt64());
        Assert.Equal(seqId, d.GetProperty("seqId").GetInt64());

        // The next change continues the chain from the heartbeat.
        await sim.PlaceAsync("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"sell","ordType":"market","sz":"30"}""");
        sim.Advance(TimeSpan.FromMilliseconds(100));
        var update = Assert.Single(await OkxSim.DrainAsync(socket)).GetProperty("data")[0];
        Assert.Equal(seqId, update.GetProperty("prevSeqId").GetInt64());
        Assert.Equal(seqId + 1, update.GetProperty("seqId").GetInt64());
        Assert.Equal("""[["8999.9","70","0","1"]]""", update.GetProperty("bids").GetRawText());
    }

    [Fact]
    public async Task Books5_sends_the_top_five_levels_whenever_they_change()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, Subscribe("books5"));
        await ExpectAckAsync(socket, "books5");
        var first = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-books5.json", first);
        Assert.Equal(5, first.GetProperty("data")[0].GetProperty("asks").GetArrayLength());
        await sim.PlaceAsync("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"market","sz":"100"}""");
        sim.Advance(TimeSpan.FromMilliseconds(100));
        var next = Assert.Single(await OkxSim.DrainAsync(socket));
        Assert.Equal("9001.1", next.GetProperty("data")[0].GetProperty("asks")[0][0].GetString());
        Assert.Equal(4, next.GetProperty("data")[0].GetProperty("asks").GetArrayLength());
    }

    [Fact]
    public async Task Funding_rate_and_mark_price_push_on_subscribe_with_the_documented_shapes()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, Subscribe("funding-rate"));
        await ExpectAckAsync(socket, "funding-rate");
        var funding = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-funding-rate.json", funding);
        Assert.Equal("0.0003", funding.GetProperty("data")[0].GetProperty("fundingRate").GetString());
        await OkxSim.SendAsync(socket, Subscribe("mark-price"));
        await ExpectAckAsync(socket, "mark-price");
        var mark = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-mark-price.json", mark);
        Assert.Equal("9000", mark.GetProperty("data")[0].GetProperty("markPx").GetString());
        // A constant mark is re-sent every 10 s; the funding rate every minute.
        sim.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(await OkxSim.DrainAsync(socket));
    }

    [Fact]
    public async Task Bad_frames_get_the_documented_errors_and_ping_gets_pong()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, "ping");
        Assert.Equal("pong", await OkxSim.ReceiveTextAsync(socket));

        await OkxSim.SendAsync(socket, "{\"id\":\"1512\",\"op\": \"subscribe\", \"argss\":[]}");
        var invalid = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-error.json", invalid);
        Assert.Equal("60012", invalid.GetProperty("code").GetString());
        Assert.Equal("Invalid request: {\"id\":\"1512\",\"op\": \"subscribe\", \"argss\":[]}", invalid.GetProperty("msg").GetString());

        await OkxSim.SendAsync(socket, Subscribe("books", "NOPE-USDT-SWAP"));
        var unknown = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("60018", unknown.GetProperty("code").GetString());
        Assert.Equal("1512", unknown.GetProperty("id").GetString());
        Assert.Equal("Wrong URL or channel:books,instId:NOPE-USDT-SWAP doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
            unknown.GetProperty("msg").GetString());

        await OkxSim.SendAsync(socket, """{"op":"dance","args":[]}""");
        Assert.Equal("60019", (await OkxSim.ReceiveAsync(socket)).GetProperty("code").GetString());
        await OkxSim.SendAsync(socket, "not json at all");
        Assert.Equal("60012", (await OkxSim.ReceiveAsync(socket)).GetProperty("code").GetString());

        await OkxSim.SendAsync(socket, """{"op":"unsubscribe","args":[{"channel":"books","instId":"BTC-USDT-SWAP"}]}""");
        Assert.Equal("unsubscribe", (await OkxSim.ReceiveAsync(socket)).GetProperty("event").GetString());
    }
}
