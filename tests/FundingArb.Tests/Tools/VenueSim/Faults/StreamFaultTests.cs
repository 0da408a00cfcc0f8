using System.Net.WebSockets;
using System.Text.Json;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Faults;

/// <summary>Connection and stream faults on Binance's WebSockets: drops (by time, by order), stale feeds, book-stream
/// sequence gaps, and whole-venue outages.</summary>
public class StreamFaultTests
{
    private static List<JsonElement> OfEvent(IEnumerable<JsonElement> frames, string type) =>
        [.. frames.Where(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("e", out var e) && e.GetString() == type)];

    [Fact]
    public async Task The_private_stream_drops_at_the_scripted_time_and_the_market_stream_stays()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var user = await FaultClient.UserStreamAsync(sim);
        var market = await sim.ConnectAsync("/market/ws/btcusdt@markPrice@1s");
        FaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.DropConnection, Connection = ConnectionKind.Private, At = TimeSpan.FromSeconds(2) });

        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, FaultClient.Plan(sim).Applied(FaultKind.DropConnection));
        sim.Advance(TimeSpan.FromSeconds(1));

        await FaultClient.AssertDroppedAsync(user);
        Assert.NotEmpty(OfEvent(await SimHarness.DrainAsync(market), "markPriceUpdate"));
        Assert.Equal(1, FaultClient.Plan(sim).Applied(FaultKind.DropConnection));
    }

    [Fact]
    public async Task The_trading_connection_drops_on_the_nth_order_after_the_order_took_effect()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.DropConnection, Connection = ConnectionKind.Trading, Nth = 1 });
        var socket = await sim.ConnectAsync("/ws-fapi/v1");

        await SimHarness.SendAsync(socket, FaultClient.WsPlace(sim, "lost"));

        await FaultClient.AssertDroppedAsync(socket);
        Assert.Equal(0.1m, await FaultClient.PositionAsync(sim)); // placed; only its answer was lost
    }

    [Fact]
    public async Task A_stale_depth_feed_sends_nothing_for_its_window_then_resumes_without_a_gap()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var depth = await sim.ConnectAsync("/public/ws/btcusdt@depth@100ms");
        var mark = await sim.ConnectAsync("/market/ws/btcusdt@markPrice@1s");
        sim.Advance(TimeSpan.FromMilliseconds(300));
        var lastU = OfEvent(await SimHarness.DrainAsync(depth), "depthUpdate")[^1].GetProperty("u").GetInt64();
        await SimHarness.DrainAsync(mark);
        FaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.StaleFeed, Channel = MarketChannel.Depth, Symbol = "BTCUSDT", For = TimeSpan.FromSeconds(2) });

        sim.Advance(TimeSpan.FromMilliseconds(1900));
        Assert.Empty(await SimHarness.DrainAsync(depth));
        Assert.NotEmpty(OfEvent(await SimHarness.DrainAsync(mark), "markPriceUpdate"));
        Assert.Equal(200, (await sim.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=5")).Status);

        sim.Advance(TimeSpan.FromMilliseconds(500));
        var resumed = OfEvent(await SimHarness.DrainAsync(depth), "depthUpdate");
        Assert.NotEmpty(resumed);
        Assert.Equal(lastU, resumed[0].GetProperty("pu").GetInt64());
        Assert.Equal(1, FaultClient.Plan(sim).Applied(FaultKind.StaleFeed));
    }

    [Fact]
    public async Task A_sequence_gap_skips_update_ids_so_pu_no_longer_matches()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var depth = await sim.ConnectAsync("/public/ws/btcusdt@depth@100ms");
        sim.Advance(TimeSpan.FromMilliseconds(300));
        var before = OfEvent(await SimHarness.DrainAsync(depth), "depthUpdate");
        FaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.SequenceGap, Symbol = "BTCUSDT", At = TimeSpan.FromMilliseconds(500) });

        sim.Advance(TimeSpan.FromSeconds(1));
        var events = new List<JsonElement> { before[^1] };
        events.AddRange(OfEvent(await SimHarness.DrainAsync(depth), "depthUpdate"));

        var gaps = Enumerable.Range(1, events.Count - 1)
            .Where(i => events[i].GetProperty("pu").GetInt64() != events[i - 1].GetProperty("u").GetInt64()).ToList();
        var gap = Assert.Single(gaps);
        // The swallowed event's ids are missing: this event follows on from an event the client never saw.
        Assert.True(events[gap].GetProperty("pu").GetInt64() > events[gap - 1].GetProperty("u").GetInt64());
        Assert.Equal(events[gap].GetProperty("pu").GetInt64() + 1, events[gap].GetProperty("U").GetInt64());
        Assert.Equal(1, FaultClient.Plan(sim).Applied(FaultKind.SequenceGap));
    }

    [Fact]
    public async Task A_bad_checksum_is_refused_for_binance_which_has_no_book_checksum()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);

        var refused = Assert.Throws<ArgumentException>(() => FaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.BadChecksum }));

        Assert.Contains("sequenceGap", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_venue_outage_answers_503_drops_and_refuses_websockets_then_recovers()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Lively);
        var market = await sim.ConnectAsync("/market/ws/btcusdt@markPrice@1s");
        FaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.VenueDown, For = TimeSpan.FromSeconds(5) });

        sim.Advance(TimeSpan.FromMilliseconds(100));
        await FaultClient.AssertDroppedAsync(market);
        var (status, body) = await sim.GetAsync("/fapi/v1/time");
        Assert.Equal(503, status);
        Assert.Equal(-1001, body.GetProperty("code").GetInt32());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => sim.ConnectAsync("/market/ws/btcusdt@markPrice@1s"));

        sim.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(200, (await sim.GetAsync("/fapi/v1/time")).Status);
        var again = await sim.ConnectAsync("/market/ws/btcusdt@markPrice@1s");
        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEmpty(OfEvent(await SimHarness.DrainAsync(again), "markPriceUpdate"));
    }

    [Fact]
    public async Task A_venue_outage_in_reset_mode_resets_rest_connections()
    {
        await using var sim = await FaultClient.StartAsync(new FaultRule { Kind = FaultKind.VenueDown, Mode = OutageMode.Reset, For = TimeSpan.FromSeconds(5) });

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.GetAsync("/fapi/v1/time"));
        Assert.Equal(1, FaultClient.Plan(sim).Applied(FaultKind.VenueDown));
    }
}
