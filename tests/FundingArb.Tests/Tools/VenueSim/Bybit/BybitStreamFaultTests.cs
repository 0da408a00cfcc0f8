using System.Net.WebSockets;
using System.Text.Json;
using FundingArb.VenueSim.Faults;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>Connection and stream faults on Bybit's WebSockets: drops (by time, by order), stale topics, a book delta
/// whose <c>u</c> skips, and whole-venue outages.</summary>
public class BybitStreamFaultTests
{
    private const string PublicPath = "/v5/public/linear";

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static List<JsonElement> OfTopic(IEnumerable<JsonElement> frames, string topic) =>
        [.. frames.Where(f => f.TryGetProperty("topic", out var t) && t.GetString() == topic)];

    private static long U(JsonElement frame) => frame.GetProperty("data").GetProperty("u").GetInt64();

    /// <summary>A public connection subscribed to <paramref name="topics"/>, its acks and snapshots read; returns the
    /// last <c>u</c> the first topic showed.</summary>
    private static async Task<(ClientWebSocket Socket, long LastU)> SubscribedAsync(BybitSim sim, params string[] topics)
    {
        var socket = await sim.ConnectAsync(PublicPath);
        Assert.True((await BybitSim.SubscribeAsync(socket, "s", topics)).GetProperty("success").GetBoolean());
        sim.Advance(TimeSpan.FromMilliseconds(400));
        var frames = OfTopic(await BybitSim.DrainAsync(socket), topics[0]);
        return (socket, frames.Count > 0 && frames[^1].GetProperty("data").TryGetProperty("u", out var u) ? u.GetInt64() : 0);
    }

    [Fact]
    public async Task The_private_stream_drops_at_the_scripted_time_and_the_public_stream_stays()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var user = await sim.ConnectPrivateAsync("order");
        var (market, _) = await SubscribedAsync(sim, "tickers.BTCUSDT");
        sim.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Connection = ConnectionKind.Private, At = TimeSpan.FromSeconds(2) });

        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, sim.Faults.Applied(FaultKind.DropConnection));
        sim.Advance(TimeSpan.FromSeconds(1));

        await Faults.FaultClient.AssertDroppedAsync(user);
        Assert.NotEmpty(OfTopic(await BybitSim.DrainAsync(market), "tickers.BTCUSDT"));
        Assert.Equal(1, sim.Faults.Applied(FaultKind.DropConnection));
    }

    [Fact]
    public async Task The_trade_socket_drops_on_the_nth_order_after_the_order_took_effect()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.DropConnection, Connection = ConnectionKind.Trading, Nth = 2 });
        var socket = await sim.ConnectTradeAsync();

        await SimHarness.SendAsync(socket, sim.TradeCreate("first", BybitSim.MarketBuy));
        Assert.Equal(0, (await SimHarness.ReceiveAsync(socket)).GetProperty("retCode").GetInt32());
        await SimHarness.SendAsync(socket, sim.TradeCreate("lost", BybitSim.MarketBuy));

        await Faults.FaultClient.AssertDroppedAsync(socket);
        Assert.Equal("0.200", await sim.SizeAsync()); // placed; only its answer was lost
    }

    [Fact]
    public async Task A_stale_book_sends_nothing_for_its_window_then_resumes_with_the_next_u()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var (socket, lastU) = await SubscribedAsync(sim, "orderbook.50.BTCUSDT", "tickers.BTCUSDT");
        sim.Faults.Add(new FaultRule { Kind = FaultKind.StaleFeed, Channel = MarketChannel.Depth, Symbol = "BTCUSDT", For = TimeSpan.FromSeconds(2) });

        sim.Advance(TimeSpan.FromMilliseconds(1900));
        var during = await BybitSim.DrainAsync(socket);
        Assert.Empty(OfTopic(during, "orderbook.50.BTCUSDT"));
        Assert.NotEmpty(OfTopic(during, "tickers.BTCUSDT"));
        Assert.Equal(0, (await sim.GetAsync("/v5/market/orderbook?category=linear&symbol=BTCUSDT")).RetCode);

        sim.Advance(TimeSpan.FromMilliseconds(500));
        var resumed = OfTopic(await BybitSim.DrainAsync(socket), "orderbook.50.BTCUSDT");
        Assert.NotEmpty(resumed);
        Assert.Equal(("delta", lastU + 1), (S(resumed[0], "type"), U(resumed[0])));
        Assert.Equal(1, sim.Faults.Applied(FaultKind.StaleFeed));
    }

    [Fact]
    public async Task A_stale_mark_holds_that_symbols_tickers_only()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var (socket, _) = await SubscribedAsync(sim, "tickers.BTCUSDT", "tickers.ETHUSDT", "orderbook.50.BTCUSDT");
        sim.Faults.Add(new FaultRule { Kind = FaultKind.StaleFeed, Channel = MarketChannel.Mark, Symbol = "BTCUSDT", For = TimeSpan.FromSeconds(2) });

        sim.Advance(TimeSpan.FromMilliseconds(1900));
        var during = await BybitSim.DrainAsync(socket);
        Assert.Empty(OfTopic(during, "tickers.BTCUSDT"));
        Assert.NotEmpty(OfTopic(during, "tickers.ETHUSDT"));
        Assert.NotEmpty(OfTopic(during, "orderbook.50.BTCUSDT"));

        sim.Advance(TimeSpan.FromMilliseconds(500));
        var resumed = OfTopic(await BybitSim.DrainAsync(socket), "tickers.BTCUSDT");
        Assert.NotEmpty(resumed);
        Assert.Equal("delta", S(resumed[0], "type"));
    }

    [Fact]
    public async Task A_sequence_gap_sends_one_delta_whose_u_skips()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var (socket, lastU) = await SubscribedAsync(sim, "orderbook.50.BTCUSDT", "orderbook.1.BTCUSDT");
        sim.Faults.Add(new FaultRule { Kind = FaultKind.SequenceGap, Symbol = "BTCUSDT", At = TimeSpan.FromMilliseconds(600) });

        sim.Advance(TimeSpan.FromSeconds(1));
        var frames = await BybitSim.DrainAsync(socket);
        var deltas = OfTopic(frames, "orderbook.50.BTCUSDT");
        var ids = new List<long> { lastU };
        ids.AddRange(deltas.Select(U));

        var steps = ids.Zip(ids.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal(2, Assert.Single(steps, s => s != 1)); // exactly one u missing: the swallowed delta's
        Assert.All(OfTopic(frames, "orderbook.1.BTCUSDT"), f => Assert.Equal("snapshot", S(f, "type"))); // depth 1 is whole snapshots
        Assert.Equal(1, sim.Faults.Applied(FaultKind.SequenceGap));
    }

    [Fact]
    public async Task A_bad_checksum_is_refused_for_bybit_which_has_no_book_checksum()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);

        var refused = Assert.Throws<ArgumentException>(() => sim.Faults.Add(new FaultRule { Kind = FaultKind.BadChecksum }));

        Assert.Contains("sequenceGap", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_venue_outage_answers_503_drops_and_refuses_websockets_then_recovers()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var (market, _) = await SubscribedAsync(sim, "tickers.BTCUSDT");
        var trade = await sim.ConnectTradeAsync();
        sim.Faults.Add(new FaultRule { Kind = FaultKind.VenueDown, For = TimeSpan.FromSeconds(5) });

        sim.Advance(TimeSpan.FromMilliseconds(100));
        await Faults.FaultClient.AssertDroppedAsync(market);
        await Faults.FaultClient.AssertDroppedAsync(trade);
        var down = await sim.GetAsync("/v5/market/time");
        Assert.Equal((503, 10016, "Server error."), (down.Status, down.RetCode, down.RetMsg));
        await Assert.ThrowsAnyAsync<WebSocketException>(() => sim.ConnectAsync(PublicPath));

        sim.Advance(TimeSpan.FromSeconds(5));
        var up = await sim.GetAsync("/v5/market/time");
        Assert.Equal((200, 0), (up.Status, up.RetCode));
        var (again, _) = await SubscribedAsync(sim, "tickers.BTCUSDT");
        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEmpty(OfTopic(await BybitSim.DrainAsync(again), "tickers.BTCUSDT"));
    }

    [Fact]
    public async Task A_venue_outage_in_reset_mode_resets_rest_connections()
    {
        await using var sim = await BybitSim.StartAsync(new FaultRule { Kind = FaultKind.VenueDown, Mode = OutageMode.Reset, For = TimeSpan.FromSeconds(5) });

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.GetAsync("/v5/market/time"));
        Assert.Equal(1, sim.Faults.Applied(FaultKind.VenueDown));
    }
}
