using System.Net.WebSockets;
using System.Text.Json;
using FundingArb.Tests.Tools.VenueSim.Faults;
using FundingArb.VenueSim.Faults;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>Connection and stream faults on OKX's WebSockets: drops (the private socket, which also trades), stale
/// channels, a books sequence gap (prevSeqId ≠ the last seqId), a bad books checksum in both checksum modes, and
/// outages.</summary>
public class OkxStreamFaultTests
{
    [Fact]
    public async Task The_private_socket_drops_on_the_nth_order_after_the_order_took_effect()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.DropConnection, Connection = ConnectionKind.Trading, Nth = 2 });
        var socket = await sim.PrivateAsync();
        var market = await OkxFaultClient.PublicAsync(sim, "mark-price");

        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("first"));
        Assert.Equal("0", (await OkxSim.ReceiveAsync(socket)).GetProperty("code").GetString());
        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("lost"));

        await FaultClient.AssertDroppedAsync(socket);
        Assert.Equal(20m, await OkxFaultClient.PositionAsync(sim)); // placed; only its answer was lost
        Assert.Equal(WebSocketState.Open, market.State);
        Assert.NotEmpty(await OkxSim.DrainAsync(market));
    }

    [Fact]
    public async Task The_private_socket_drops_at_the_scripted_time_and_the_public_socket_stays()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var socket = await OkxFaultClient.OrdersChannelAsync(sim);
        var market = await OkxFaultClient.PublicAsync(sim, "mark-price");
        await OkxSim.DrainAsync(market);
        OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.DropConnection, Connection = ConnectionKind.Private, At = TimeSpan.FromSeconds(2) });

        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, OkxFaultClient.Plan(sim).Applied(FaultKind.DropConnection));
        sim.Advance(TimeSpan.FromSeconds(1));

        await FaultClient.AssertDroppedAsync(socket);
        Assert.NotEmpty(OkxSim.OfChannel(await OkxSim.DrainAsync(market), "mark-price"));
        Assert.Equal(1, OkxFaultClient.Plan(sim).Applied(FaultKind.DropConnection));
    }

    [Fact]
    public async Task A_stale_books_feed_sends_nothing_for_its_window_then_resumes_from_the_last_seqId()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var books = await OkxFaultClient.PublicAsync(sim, "books");
        var mark = await OkxFaultClient.PublicAsync(sim, "mark-price");
        sim.Advance(TimeSpan.FromMilliseconds(300));
        var lastSeqId = OkxFaultClient.Books(await OkxSim.DrainAsync(books))[^1].GetProperty("seqId").GetInt64();
        await OkxSim.DrainAsync(mark);
        OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.StaleFeed, Channel = MarketChannel.Depth, Symbol = "BTC-USDT-SWAP", For = TimeSpan.FromSeconds(2) });

        sim.Advance(TimeSpan.FromMilliseconds(1900));
        Assert.Empty(await OkxSim.DrainAsync(books));
        Assert.NotEmpty(OkxSim.OfChannel(await OkxSim.DrainAsync(mark), "mark-price"));
        Assert.Equal(200, (await sim.GetAsync("/api/v5/market/books?instId=BTC-USDT-SWAP&sz=5")).Status);

        sim.Advance(TimeSpan.FromMilliseconds(500));
        var resumed = OkxFaultClient.Books(await OkxSim.DrainAsync(books));
        Assert.NotEmpty(resumed);
        Assert.Equal(lastSeqId, resumed[0].GetProperty("prevSeqId").GetInt64());
        Assert.True(resumed[0].GetProperty("seqId").GetInt64() > lastSeqId);
        Assert.Equal(1, OkxFaultClient.Plan(sim).Applied(FaultKind.StaleFeed));
    }

    [Fact]
    public async Task A_stale_mark_feed_silences_mark_price_and_funding_rate_but_not_books()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var mark = await OkxFaultClient.PublicAsync(sim, "mark-price");
        var books = await OkxFaultClient.PublicAsync(sim, "books");
        await OkxSim.DrainAsync(mark);
        await OkxSim.DrainAsync(books);
        OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.StaleFeed, Channel = MarketChannel.Mark, For = TimeSpan.FromSeconds(30) });

        sim.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await OkxSim.DrainAsync(mark));
        Assert.NotEmpty(OkxFaultClient.Books(await OkxSim.DrainAsync(books)));

        sim.Advance(TimeSpan.FromSeconds(11));
        Assert.NotEmpty(OkxSim.OfChannel(await OkxSim.DrainAsync(mark), "mark-price"));
    }

    [Fact]
    public async Task A_sequence_gap_swallows_one_update_so_prevSeqId_no_longer_matches()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var books = await OkxFaultClient.PublicAsync(sim, "books");
        var events = new List<JsonElement> { OkxFaultClient.Books([await OkxSim.ReceiveAsync(books)])[0] };
        OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.SequenceGap, Symbol = "BTC-USDT-SWAP", At = TimeSpan.FromMilliseconds(500) });

        sim.Advance(TimeSpan.FromSeconds(1));
        events.AddRange(OkxFaultClient.Books(await OkxSim.DrainAsync(books)));

        var gaps = Enumerable.Range(1, events.Count - 1)
            .Where(i => events[i].GetProperty("prevSeqId").GetInt64() != events[i - 1].GetProperty("seqId").GetInt64()).ToList();
        var gap = Assert.Single(gaps);
        // The update follows on from one the client never saw.
        Assert.True(events[gap].GetProperty("prevSeqId").GetInt64() > events[gap - 1].GetProperty("seqId").GetInt64());
        Assert.True(events[gap].GetProperty("seqId").GetInt64() > events[gap].GetProperty("prevSeqId").GetInt64());
        Assert.Equal(1, OkxFaultClient.Plan(sim).Applied(FaultKind.SequenceGap));
    }

    [Theory]
    [InlineData(false)] // current docs: checksum fixed at 0, the bad one is neither 0 nor the book's CRC32
    [InlineData(true)]  // legacy mode: every message carries the CRC32, the bad one a wrong CRC32
    public async Task A_bad_checksum_corrupts_exactly_one_books_update_and_nothing_else(bool legacy)
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var books = await OkxFaultClient.PublicAsync(sim, "books", legacy ? "/ws/v5/public?checksum=legacy" : "/ws/v5/public");
        var book = new OkxLocalBook();
        var snapshot = OkxFaultClient.Books([await OkxSim.ReceiveAsync(books)])[0];
        book.Apply(snapshot);
        var armed = OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.BadChecksum, Symbol = "BTC-USDT-SWAP", At = TimeSpan.FromMilliseconds(300) });

        sim.Advance(TimeSpan.FromSeconds(1));
        var updates = OkxFaultClient.Books(await OkxSim.DrainAsync(books));

        var previous = snapshot.GetProperty("seqId").GetInt64();
        var corrupted = new List<int>();
        for (var i = 0; i < updates.Count; i++)
        {
            book.Apply(updates[i]);
            var checksum = updates[i].GetProperty("checksum").GetInt32();
            var expected = legacy ? book.Checksum() : 0;
            if (checksum != expected)
            {
                corrupted.Add(i);
                Assert.NotEqual(0, checksum);
                Assert.NotEqual(book.Checksum(), checksum);
            }
            Assert.Equal(previous, updates[i].GetProperty("prevSeqId").GetInt64()); // the sequence itself stays intact
            previous = updates[i].GetProperty("seqId").GetInt64();
        }
        Assert.Single(corrupted);
        Assert.Equal(1, armed.Applied);
    }

    [Fact]
    public async Task A_venue_outage_answers_503_50001_drops_and_refuses_websockets_then_recovers()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var market = await OkxFaultClient.PublicAsync(sim, "mark-price");
        var socket = await sim.PrivateAsync();
        OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.VenueDown, For = TimeSpan.FromSeconds(5) });

        sim.Advance(TimeSpan.FromMilliseconds(100));
        await FaultClient.AssertDroppedAsync(market);
        await FaultClient.AssertDroppedAsync(socket);
        var (status, body) = await sim.GetAsync("/api/v5/public/time");
        Assert.Equal(503, status);
        Assert.Equal("50001", body.GetProperty("code").GetString());
        Assert.Equal("Service temporarily unavailable. Please try again later.", body.GetProperty("msg").GetString());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => sim.ConnectAsync("/ws/v5/public"));

        sim.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(200, (await sim.GetAsync("/api/v5/public/time")).Status);
        var again = await OkxFaultClient.PublicAsync(sim, "mark-price");
        Assert.NotEmpty(OkxSim.OfChannel(await OkxSim.DrainAsync(again), "mark-price"));
    }

    [Fact]
    public async Task A_venue_outage_in_reset_mode_resets_rest_connections()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.VenueDown, Mode = OutageMode.Reset, For = TimeSpan.FromSeconds(5) });

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.GetAsync("/api/v5/public/time"));
        Assert.Equal(1, OkxFaultClient.Plan(sim).Applied(FaultKind.VenueDown));
    }
}
