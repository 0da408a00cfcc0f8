using System.Globalization;
using System.Text.Json;
using FundingArb.Replay;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Capture;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>A capture (DESIGN.md text form) played as the simulator's market: rules from the captured metadata, each
/// value held until the capture changed it, the captured book served over the venue's own wire.</summary>
public class CaptureScenarioTests
{
    private const long T0Ms = 1_795_566_600_000;
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(T0Ms);

    private static string ShippedCapture => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "Fixtures", "interval-trap.capture.jsonl"));

    private static string Line(double seconds, string venue, string frame, string? rest = null) =>
        JsonSerializer.Serialize(new CaptureLineFields((T0Ms * 1_000_000) + (long)(seconds * 1e9), venue, frame, rest),
            CaptureLineJson.Default.CaptureLineFields);

    private static async Task<(VenueSimulator Sim, VirtualClock Market)> StartAsync(Scenario scenario)
    {
        var market = new VirtualClock(T0);
        var sim = await VenueSimulator.StartAsync(new VenueSimulatorOptions { Scenario = scenario, MarketClock = market, WallClock = new VirtualClock(T0) });
        return (sim, market);
    }

    [Fact]
    public void The_shipped_capture_is_recognised_and_takes_its_rules_from_the_captured_metadata()
    {
        Assert.True(CaptureScenario.LooksLikeCapture(ShippedCapture));
        Assert.False(CaptureScenario.LooksLikeCapture(TestScenarios.Flat));

        var scenario = CaptureScenario.Build(ShippedCapture, "interval-trap.capture.jsonl");

        var binance = Assert.Single(scenario.Catalog.OfVenue(VenueKind.Binance));
        Assert.Equal(("BTCUSDT", "BTC", 0.10m, 0.001m, TimeSpan.FromHours(8)),
            (binance.Symbol, binance.BaseAsset, binance.TickSize, binance.StepSize, binance.FundingInterval));
        var okx = Assert.Single(scenario.Catalog.OfVenue(VenueKind.Okx));
        Assert.Equal(("BTC-USDT-SWAP", "BTC", 0.01m, TimeSpan.FromHours(1)), (okx.Symbol, okx.BaseAsset, okx.ContractSize, okx.FundingInterval));
        Assert.Null(scenario.Start); // the capture's first line is the simulator's start, whenever it runs
    }

    [Fact]
    public async Task Binance_serves_the_captured_mark_rate_and_book_over_its_own_wire()
    {
        var (sim, market) = await StartAsync(CaptureScenario.Build(ShippedCapture, "capture"));
        await using var _ = sim;
        using var http = new HttpClient { BaseAddress = sim.Endpoints[VenueKind.Binance], Timeout = TestGuard.Timeout };
        market.Advance(TimeSpan.FromSeconds(2)); // past the first mark price (1.2 s) and the first partial-depth frame (1 s)

        using var premium = JsonDocument.Parse(await http.GetStringAsync("/fapi/v1/premiumIndex?symbol=BTCUSDT", TestContext.Current.CancellationToken));
        Assert.Equal(("100000.0", "99990.12", "0.0024"), (Dec(premium.RootElement, "markPrice"), Dec(premium.RootElement, "indexPrice"),
            Dec(premium.RootElement, "lastFundingRate")));

        using var depth = JsonDocument.Parse(await http.GetStringAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=20", TestContext.Current.CancellationToken));
        var bids = depth.RootElement.GetProperty("bids");
        Assert.Equal(20, bids.GetArrayLength());
        Assert.Equal(99999.9m, decimal.Parse(bids[0][0].GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(0.5m, decimal.Parse(bids[0][1].GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(100000.1m, decimal.Parse(depth.RootElement.GetProperty("asks")[0][0].GetString()!, CultureInfo.InvariantCulture));

        var okx = sim.ExchangeOf(VenueKind.Okx).Markets["BTC-USDT-SWAP"];
        Assert.Equal((99999.9m, 100000.1m, 0.0004m), (okx.Book.BestBid, okx.Book.BestAsk, okx.Point.FundingRate));
        Assert.Equal(100000.0m, okx.Point.Mark); // no mark in the capture: the book's mid stands in
    }

    private static string Dec(JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture).ToString("0.0###########", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_captured_value_holds_until_the_capture_changes_it_rather_than_drifting_towards_the_next()
    {
        var capture = string.Join('\n',
            Line(0, "bybit", """{"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","markPrice":"100","indexPrice":"99.9","fundingRate":"0.0001","fundingIntervalHour":"4"},"cs":1,"ts":1}"""),
            Line(0.5, "bybit", """{"topic":"orderbook.50.BTCUSDT","type":"snapshot","ts":1,"data":{"s":"BTCUSDT","b":[["99.9","3"]],"a":[["100.1","4"]],"u":1,"seq":1},"cts":1}"""),
            Line(60, "bybit", """{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","fundingRate":"0.0003"},"cs":2,"ts":2}"""),
            Line(61, "bybit", """{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":2,"data":{"s":"BTCUSDT","b":[["99.9","0"],["99.8","5"]],"a":[],"u":2,"seq":2},"cts":2}"""));
        var scenario = CaptureScenario.Build(capture, "steps");
        var spec = Assert.Single(scenario.Catalog.OfVenue(VenueKind.Bybit));
        Assert.Equal(TimeSpan.FromHours(4), spec.FundingInterval);
        var path = scenario.PathOf(spec);
        Assert.Equal(0.0001m, path.Sample(TimeSpan.FromSeconds(59.9)).FundingRate);
        Assert.Equal(0.0003m, path.Sample(TimeSpan.FromSeconds(60)).FundingRate);
        Assert.Equal((100m, 99.9m), (path.Sample(TimeSpan.FromSeconds(60)).Mark, path.Sample(TimeSpan.FromSeconds(60)).Index)); // a delta keeps what it leaves out

        var (sim, market) = await StartAsync(scenario);
        await using var _ = sim;
        var book = sim.ExchangeOf(VenueKind.Bybit).Markets["BTCUSDT"].Book;
        market.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(99.9m, book.BestBid);
        market.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(99.8m, book.BestBid);
        Assert.Equal([(99.8m, 5m)], book.Top(BookSide.Bid, 10));
    }

    [Fact]
    public void Binance_diff_events_apply_only_on_a_snapshot_they_continue()
    {
        static string Diff(long first, long last, long previous, string bid) =>
            $$"""{"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":{{first}},"u":{{last}},"pu":{{previous}},"b":[["{{bid}}","1.000"]],"a":[]}""";
        var capture = string.Join('\n',
            Line(0, "binance", """{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"100.0","i":"100.0","P":"100.0","r":"0.0001","T":1}"""),
            Line(1, "binance", Diff(5, 9, 4, "90.0")),        // before any snapshot: nothing to apply it to
            Line(2, "binance", """{"lastUpdateId":10,"E":1,"T":1,"bids":[["99.0","2.000"]],"asks":[["101.0","2.000"]]}""", "/fapi/v1/depth?symbol=BTCUSDT&limit=1000"),
            Line(3, "binance", Diff(8, 10, 7, "91.0")),       // inside the snapshot already
            Line(4, "binance", Diff(9, 12, 8, "92.0")),       // bridges the snapshot: applied
            Line(5, "binance", Diff(13, 14, 12, "93.0")),     // continues: applied
            Line(6, "binance", Diff(20, 22, 19, "94.0")),     // a gap: the book waits for the next snapshot
            Line(7, "binance", Diff(23, 24, 22, "95.0")));
        var scenario = CaptureScenario.Build(capture, "diffs");
        var book = new SimulatedBook(Assert.Single(scenario.Catalog.OfVenue(VenueKind.Binance)), 1);
        scenario.CapturedBookOf(book.Spec)!.PlayUpTo(0, TimeSpan.FromSeconds(10), book, T0);

        Assert.Equal([92.0m, 93.0m, 99.0m], book.Levels(BookSide.Bid).Select(l => l.Key).Order().ToArray());
        Assert.Contains(scenario.Notes, n => n.Contains("binance: 3 line(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_that_is_not_a_capture_line_is_refused_with_its_number_and_the_expected_form()
    {
        var capture = Line(0, "binance", "{}") + "\n" + """{"t":5,"venue":"binance","frame":"{}"}""";
        var e = Assert.Throws<ScenarioException>(() => CaptureScenario.Build(capture, "bad.jsonl"));
        Assert.Contains("bad.jsonl: line 2: \"t\" must be the receive time in unix nanoseconds", e.Message, StringComparison.Ordinal);

        var unknown = Line(0, "kraken", "{}");
        Assert.Contains("\"venue\" must be binance, bybit or okx", Assert.Throws<ScenarioException>(() => CaptureScenario.Build(unknown, "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capture_without_funding_drives_nothing_and_says_why()
    {
        var capture = Line(0, "okx", """{"arg":{"channel":"books5","instId":"BTC-USDT-SWAP"},"data":[{"asks":[["100.1","1","0","1"]],"bids":[["99.9","1","0","1"]],"ts":"1"}]}""")
            + "\n" + Line(1, "okx", "not json");
        var e = Assert.Throws<ScenarioException>(() => CaptureScenario.Build(capture, "books-only"));
        Assert.Contains("okx BTC-USDT-SWAP not simulated: no funding rate in the capture", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_captured_rate_the_simulator_cannot_play_names_the_instrument()
    {
        var capture = Line(0, "binance", """{"e":"markPriceUpdate","E":1,"s":"ETHUSDT","p":"100.0","i":"100.0","P":"100.0","r":"0.07","T":1}""");
        var e = Assert.Throws<ScenarioException>(() => CaptureScenario.Build(capture, "absurd"));
        Assert.Contains("is absurd", e.Message, StringComparison.Ordinal);
        Assert.Contains("(binance ETHUSDT)", e.Message, StringComparison.Ordinal);
    }
}

internal sealed record CaptureLineFields(
    [property: System.Text.Json.Serialization.JsonPropertyName("t")] long T,
    [property: System.Text.Json.Serialization.JsonPropertyName("venue")] string Venue,
    [property: System.Text.Json.Serialization.JsonPropertyName("frame")] string Frame,
    [property: System.Text.Json.Serialization.JsonPropertyName("rest"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Rest);

[System.Text.Json.Serialization.JsonSerializable(typeof(CaptureLineFields))]
internal sealed partial class CaptureLineJson : System.Text.Json.Serialization.JsonSerializerContext;
