using System.Net.WebSockets;
using System.Text.Json;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Okx;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>The index-tickers channel (#public-data-websocket-index-tickers-channel: "Push data every 100ms if there are
/// any changes, otherwise push once a minute") and GET /api/v5/market/index-tickers: the index named like the swap's
/// instrument family (BTC-USDT for BTC-USDT-SWAP), its scenario index at the swap's tick, the 24-hour figures and day
/// opens, and the stale mark feed that silences it.</summary>
public class OkxIndexTickerTests
{
    private static string Subscribe(string instId) =>
        $$"""{"id":"1512","op":"subscribe","args":[{"channel":"index-tickers","instId":"{{instId}}"}]}""";

    private static async Task<ClientWebSocket> SubscribedAsync(OkxSim sim, string instId = "BTC-USDT")
    {
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, Subscribe(instId));
        var ack = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-subscribe-ack.json", ack);
        Assert.Equal("subscribe", ack.GetProperty("event").GetString());
        Assert.Equal("index-tickers", ack.GetProperty("arg").GetProperty("channel").GetString());
        Assert.Equal(instId, ack.GetProperty("arg").GetProperty("instId").GetString());
        return socket;
    }

    private static List<string> Prices(IEnumerable<JsonElement> frames) =>
        [.. OkxSim.OfChannel(frames, "index-tickers").Select(f => f.GetProperty("data")[0].GetProperty("idxPx").GetString()!)];

    [Fact]
    public async Task Subscribing_pushes_the_swap_index_with_the_documented_shape_then_once_a_minute_while_it_stands_still()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await SubscribedAsync(sim);
        var first = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-index-tickers.json", first);
        var data = first.GetProperty("data")[0];
        Assert.Equal("BTC-USDT", data.GetProperty("instId").GetString());
        foreach (var field in (string[])["idxPx", "high24h", "low24h", "open24h", "sodUtc0", "sodUtc8"])
            Assert.Equal("8995", data.GetProperty(field).GetString()); // BTC-USDT-SWAP's constant scenario index
        Assert.Equal(SimHarness.DefaultStart.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            data.GetProperty("ts").GetString());

        var eth = await SubscribedAsync(sim, "ETH-USDT");
        Assert.Equal(["2001"], Prices([await OkxSim.ReceiveAsync(eth)]));

        sim.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await OkxSim.DrainAsync(socket));
        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["8995"], Prices(await OkxSim.DrainAsync(socket)));
    }

    [Fact]
    public async Task A_moving_index_is_pushed_each_time_its_printed_price_changes_with_the_24h_figures_following()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively); // index 59990 → 60590 over an hour, tick 0.1
        var socket = await SubscribedAsync(sim);
        Assert.Equal(["59990"], Prices([await OkxSim.ReceiveAsync(socket)]));

        // +600 an hour is 0.0167 a step: the printed index moves a tick every six steps or so, and only then is pushed.
        for (var i = 0; i < 10; i++) sim.Advance(TimeSpan.FromMilliseconds(100));
        var pushes = OkxSim.OfChannel(await OkxSim.DrainAsync(socket), "index-tickers");
        Assert.Equal(["59990.1", "59990.2"], Prices(pushes));
        var last = pushes[^1].GetProperty("data")[0];
        Assert.Equal("59990.2", last.GetProperty("high24h").GetString());
        Assert.Equal("59990", last.GetProperty("low24h").GetString());
        Assert.Equal("59990", last.GetProperty("open24h").GetString());
        Assert.Equal("59990", last.GetProperty("sodUtc0").GetString());
        Assert.Equal("59990", last.GetProperty("sodUtc8").GetString());
        var times = pushes.Select(p => long.Parse(p.GetProperty("data")[0].GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(times[1] - times[0] >= 100, "at most one push per 100 ms");

        var (status, rest) = await sim.GetAsync("/api/v5/market/index-tickers?instId=BTC-USDT");
        Assert.Equal(200, status);
        ShapeAssert.Matches("Okx/rest-index-tickers.json", rest);
        var ticker = Assert.Single(rest.GetProperty("data").EnumerateArray());
        Assert.Equal("BTC-USDT", ticker.GetProperty("instId").GetString());
        Assert.Equal("59990.2", ticker.GetProperty("idxPx").GetString());
        Assert.Equal("59990.2", ticker.GetProperty("high24h").GetString());
    }

    [Fact]
    public async Task The_day_opens_are_the_first_index_of_the_UTC_and_UTC_plus_8_days()
    {
        // A minute before midnight UTC (08:00 in UTC+8, whose day began at 16:00 UTC the day before).
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively, new DateTimeOffset(2026, 1, 5, 23, 59, 0, TimeSpan.Zero));
        var socket = await SubscribedAsync(sim);
        await OkxSim.DrainAsync(socket);

        sim.Advance(TimeSpan.FromMinutes(2));
        var last = OkxSim.OfChannel(await OkxSim.DrainAsync(socket), "index-tickers")[^1].GetProperty("data")[0];
        Assert.Equal("60010", last.GetProperty("idxPx").GetString());   // 59990 + 600 × 2 / 60
        Assert.Equal("60000", last.GetProperty("sodUtc0").GetString());  // the index at 00:00 UTC, a minute in
        Assert.Equal("59990", last.GetProperty("sodUtc8").GetString());
        Assert.Equal("59990", last.GetProperty("open24h").GetString());
        Assert.Equal("60010", last.GetProperty("high24h").GetString());
        Assert.Equal("59990", last.GetProperty("low24h").GetString());
    }

    [Fact]
    public void The_24h_figures_forget_what_is_older_than_a_day()
    {
        var start = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var ticker = new OkxIndexTicker("BTC-USDT", "BTC-USDT-SWAP");
        ticker.Observe(100m, start);
        ticker.Observe(130m, start.AddHours(1));
        ticker.Observe(120m, start.AddHours(2));
        ticker.Observe(110m, start.AddHours(24).AddMinutes(30)); // the first minute has left the window, the peak has not

        using var document = JsonDocument.Parse(JsonFrame.Build(ticker, static (w, t) => t.Write(w, DateTimeOffset.UnixEpoch)));
        var data = document.RootElement;
        Assert.Equal("110", data.GetProperty("idxPx").GetString());
        Assert.Equal("130", data.GetProperty("open24h").GetString());
        Assert.Equal("130", data.GetProperty("high24h").GetString());
        Assert.Equal("110", data.GetProperty("low24h").GetString());
        Assert.Equal("110", data.GetProperty("sodUtc0").GetString()); // 10:30 the next UTC day
        Assert.Equal("110", data.GetProperty("sodUtc8").GetString()); // 18:30 in UTC+8, also the next day
    }

    [Fact]
    public async Task Rest_index_tickers_lists_by_quote_currency_and_refuses_a_missing_or_unknown_index()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (_, usdt) = await sim.GetAsync("/api/v5/market/index-tickers?quoteCcy=USDT");
        Assert.Equal(["BTC-USDT", "ETH-USDT"], usdt.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("instId").GetString()!).Order());
        var (_, usd) = await sim.GetAsync("/api/v5/market/index-tickers?quoteCcy=USD");
        Assert.Equal(0, usd.GetProperty("data").GetArrayLength());

        var (status, missing) = await sim.GetAsync("/api/v5/market/index-tickers");
        Assert.Equal(400, status);
        Assert.Equal("50014", missing.GetProperty("code").GetString());
        var (_, unknown) = await sim.GetAsync("/api/v5/market/index-tickers?instId=BTC-USD");
        Assert.Equal("51001", unknown.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_index_or_a_missing_instId_is_refused_on_the_socket()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, Subscribe("BTC-USDT-SWAP")); // a swap is not an index
        var unknown = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-error.json", unknown);
        Assert.Equal("60018", unknown.GetProperty("code").GetString());
        Assert.Equal("Wrong URL or channel:index-tickers,instId:BTC-USDT-SWAP doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
            unknown.GetProperty("msg").GetString());
        await OkxSim.SendAsync(socket, """{"op":"subscribe","args":[{"channel":"index-tickers"}]}""");
        Assert.Equal("60027", (await OkxSim.ReceiveAsync(socket)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_stale_mark_feed_on_the_swap_silences_its_index_then_the_index_resumes()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Lively);
        var socket = await SubscribedAsync(sim);
        var books = await OkxFaultClient.PublicAsync(sim, "books");
        await OkxSim.DrainAsync(socket);
        await OkxSim.DrainAsync(books);
        OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.StaleFeed, Channel = MarketChannel.Mark, Symbol = "BTC-USDT-SWAP", For = TimeSpan.FromSeconds(30) });

        sim.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await OkxSim.DrainAsync(socket));
        Assert.NotEmpty(OkxFaultClient.Books(await OkxSim.DrainAsync(books)));

        sim.Advance(TimeSpan.FromSeconds(11));
        var resumed = Prices(await OkxSim.DrainAsync(socket));
        Assert.NotEmpty(resumed);
        Assert.Equal("59995.2", resumed[^1]); // 59990 + 600 × 31 / 3600
        Assert.Equal(1, OkxFaultClient.Plan(sim).Applied(FaultKind.StaleFeed));
    }
}
