using System.Text.Json;
using FundingArb.Decision;
using FundingArb.Gateway;
using FundingArb.Host;
using FundingArb.Market;

namespace FundingArb.Tests.Host;

public sealed class RunReportTests
{
    // DESIGN.md, "Run report", copied key by key.
    private static readonly string[] TopKeys =
    [
        "mode", "wallStart", "wallSeconds", "frames", "opportunities", "positions", "rollbacks", "emergencyCloses",
        "residualUnhedged", "pnl", "latency",
    ];
    private static readonly string[] FrameKeys = ["received", "malformed", "dropped"];
    private static readonly string[] OpportunityKeys = ["evaluated", "opened", "rejected"];
    private static readonly string[] PositionKeys = ["opened", "closed", "open", "unhedged"];
    private static readonly string[] ResidualKeys = ["venue", "instrument", "qty"];
    private static readonly string[] PnlKeys = ["funding", "fees", "price", "net"];
    private static readonly string[] LatencyKeys = ["legs", "legSkew", "tickToTrade"];
    private static readonly string[] LegKeys = ["decisionToSend", "sendToAck", "sendToFill"];
    private static readonly string[] HistogramKeys = ["count", "p50", "p99", "p999", "max"];
    private static readonly string[] ReasonCodes =
    [
        "NEGATIVE_DIFF", "BELOW_MIN_DIFF", "BELOW_MIN_EDGE", "SETTLEMENT_WINDOW", "HOLD_TOO_SHORT", "INSUFFICIENT_LIQUIDITY",
        "STALE_DATA", "BOOK_OUT_OF_SYNC", "VENUE_DOWN", "RISK_LIMIT", "COOLDOWN", "KILL_SWITCH",
    ];

    private static readonly VenueId Binance = new(1);
    private static readonly VenueId Bybit = new(2);

    private static LatencyReport SomeLatency()
    {
        var latency = new LegLatency(new Dictionary<VenueId, string> { [Bybit] = "bybit", [Binance] = "binance" }, 1_000_000_000L);
        latency.RecordDecisionToSend(Binance, 4_000);
        latency.RecordSendToAck(Binance, 900_000);
        latency.RecordSendToFill(Bybit, 1_200_000);
        latency.RecordLegSkew(1_500);
        latency.RecordTickToTrade(12_000);
        return latency.Summary();
    }

    private static RunReport Report(IReadOnlyList<ResidualLeg>? residual = null, LatencyReport? latency = null) => new()
    {
        Mode = RunReport.Paper,
        WallStart = new DateTimeOffset(2025, 3, 1, 12, 30, 15, TimeSpan.Zero),
        WallSeconds = 61.25,
        Frames = new FrameCounts(120_000, 3, 7),
        Opportunities = OpportunityCounts.Of(5_000, 2, reason => reason switch
        {
            RejectReason.NegativeDiff => 3_000,
            RejectReason.BelowMinEdge => 1_500,
            RejectReason.StaleData => 400,
            RejectReason.Cooldown => 98,
            _ => 0,
        }),
        Positions = new PositionCounts(2, 1, 1, 0),
        Rollbacks = 1,
        EmergencyCloses = 0,
        ResidualUnhedged = residual ?? [],
        Pnl = new PnlSummary(12.5, 1.25, -0.5),
        Latency = latency ?? SomeLatency(),
    };

    private static void AssertKeys(string[] expected, JsonElement element)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.Equal(expected, element.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Json_has_exactly_the_keys_and_nesting_of_DESIGN()
    {
        var report = Report([ResidualLeg.Of("bybit", "BTC-USDT-PERP", Quantity.Parse("0.001"))]);

        using var json = JsonDocument.Parse(report.ToJson());

        var root = json.RootElement;
        AssertKeys(TopKeys, root);
        AssertKeys(FrameKeys, root.GetProperty("frames"));
        AssertKeys(OpportunityKeys, root.GetProperty("opportunities"));
        AssertKeys(PositionKeys, root.GetProperty("positions"));
        Assert.Equal(1, root.GetProperty("residualUnhedged").GetArrayLength());
        AssertKeys(ResidualKeys, root.GetProperty("residualUnhedged")[0]);
        AssertKeys(PnlKeys, root.GetProperty("pnl"));
        var latency = root.GetProperty("latency");
        AssertKeys(LatencyKeys, latency);
        AssertKeys(["binance", "bybit"], latency.GetProperty("legs"));
        foreach (var venue in latency.GetProperty("legs").EnumerateObject())
        {
            AssertKeys(LegKeys, venue.Value);
            foreach (var histogram in venue.Value.EnumerateObject()) AssertKeys(HistogramKeys, histogram.Value);
        }
        AssertKeys(HistogramKeys, latency.GetProperty("legSkew"));
        AssertKeys(HistogramKeys, latency.GetProperty("tickToTrade"));
    }

    [Fact]
    public void Values_land_under_their_keys_with_their_json_types()
    {
        using var json = JsonDocument.Parse(Report().ToJson());
        var root = json.RootElement;

        Assert.Equal("paper", root.GetProperty("mode").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 30, 15, TimeSpan.Zero), root.GetProperty("wallStart").GetDateTimeOffset());
        Assert.Equal(61.25, root.GetProperty("wallSeconds").GetDouble());
        Assert.Equal(120_000, root.GetProperty("frames").GetProperty("received").GetInt64());
        Assert.Equal(7, root.GetProperty("frames").GetProperty("dropped").GetInt64());
        Assert.Equal(5_000, root.GetProperty("opportunities").GetProperty("evaluated").GetInt64());
        Assert.Equal(1, root.GetProperty("positions").GetProperty("open").GetInt64());
        Assert.Equal(1, root.GetProperty("rollbacks").GetInt64());
        Assert.Equal(0, root.GetProperty("emergencyCloses").GetInt64());
        var pnl = root.GetProperty("pnl");
        Assert.Equal(12.5, pnl.GetProperty("funding").GetDouble());
        Assert.Equal(1.25, pnl.GetProperty("fees").GetDouble());
        Assert.Equal(-0.5, pnl.GetProperty("price").GetDouble());
        Assert.Equal(10.75, pnl.GetProperty("net").GetDouble());
        var ack = root.GetProperty("latency").GetProperty("legs").GetProperty("binance").GetProperty("sendToAck");
        Assert.Equal(1, ack.GetProperty("count").GetInt64());
        Assert.InRange(ack.GetProperty("p50").GetDouble(), 900, 900.9);
        // 4 µs and 12 µs as HdrHistogram reports them: the highest value equivalent at three significant digits.
        Assert.Equal(4.001, root.GetProperty("latency").GetProperty("legs").GetProperty("binance").GetProperty("decisionToSend").GetProperty("max").GetDouble());
        Assert.Equal(12.007, root.GetProperty("latency").GetProperty("tickToTrade").GetProperty("p999").GetDouble());
    }

    [Fact]
    public void Rejections_are_keyed_by_reason_code_every_code_present_and_sorted()
    {
        using var json = JsonDocument.Parse(Report().ToJson());

        var rejected = json.RootElement.GetProperty("opportunities").GetProperty("rejected");

        AssertKeys([.. ReasonCodes.Order(StringComparer.Ordinal)], rejected);
        Assert.Equal(3_000, rejected.GetProperty("NEGATIVE_DIFF").GetInt64());
        Assert.Equal(1_500, rejected.GetProperty("BELOW_MIN_EDGE").GetInt64());
        Assert.Equal(98, rejected.GetProperty("COOLDOWN").GetInt64());
        Assert.Equal(0, rejected.GetProperty("KILL_SWITCH").GetInt64());
    }

    [Theory]
    [InlineData("0.001", "0.001")]
    [InlineData("-0.001", "-0.001")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("123456.7", "123456.7")]
    [InlineData("2.50", "2.5")]
    public void Residual_quantity_is_the_exact_signed_decimal_as_a_string(string quantity, string expected)
    {
        var report = Report([ResidualLeg.Of("bybit", "BTC-USDT-PERP", Quantity.Parse(quantity))]);

        using var json = JsonDocument.Parse(report.ToJson());

        var leg = json.RootElement.GetProperty("residualUnhedged")[0];
        Assert.Equal("bybit", leg.GetProperty("venue").GetString());
        Assert.Equal("BTC-USDT-PERP", leg.GetProperty("instrument").GetString());
        Assert.Equal(JsonValueKind.String, leg.GetProperty("qty").ValueKind);
        Assert.Equal(expected, leg.GetProperty("qty").GetString());
    }

    [Fact]
    public void No_residual_serialises_as_an_empty_array()
    {
        var text = Report([]).ToJson();

        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("residualUnhedged").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("residualUnhedged").GetArrayLength());
        Assert.Contains("\"residualUnhedged\": []", text);
    }

    [Fact]
    public void A_run_without_orders_reports_no_legs_and_empty_histograms()
    {
        using var json = JsonDocument.Parse(Report(latency: LatencyReport.Empty).ToJson());

        var latency = json.RootElement.GetProperty("latency");
        AssertKeys([], latency.GetProperty("legs"));
        AssertKeys(HistogramKeys, latency.GetProperty("tickToTrade"));
        Assert.Equal(0, latency.GetProperty("tickToTrade").GetProperty("count").GetInt64());
    }

    [Fact]
    public void The_same_report_is_the_same_indented_bytes_whatever_order_its_dictionaries_were_filled_in()
    {
        var report = Report();
        var reversed = report with
        {
            Opportunities = report.Opportunities with
            {
                Rejected = new SortedDictionary<string, long>(report.Opportunities.Rejected.Reverse().ToDictionary(), StringComparer.Ordinal),
            },
        };

        var text = report.ToJson();

        Assert.Equal(text, reversed.ToJson());
        Assert.Equal(text, Report().ToJson());
        Assert.StartsWith("{\n  \"mode\": \"paper\",\n  \"wallStart\": ", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Only_wall_keys_depend_on_the_wall_clock()
    {
        var first = Report();
        var second = first with { WallStart = first.WallStart.AddHours(3), WallSeconds = 1.5 };

        using var a = JsonDocument.Parse(first.ToJson());
        using var b = JsonDocument.Parse(second.ToJson());

        var differing = a.RootElement.EnumerateObject()
            .Where(p => p.Value.GetRawText() != b.RootElement.GetProperty(p.Name).GetRawText())
            .Select(p => p.Name).ToArray();
        Assert.Equal(["wallStart", "wallSeconds"], differing);
    }

    [Fact]
    public void A_nan_pnl_is_still_written_rather_than_losing_the_report()
    {
        var report = Report() with { Pnl = new PnlSummary(double.NaN, 0, 0) };

        using var json = JsonDocument.Parse(report.ToJson());

        Assert.Equal("NaN", json.RootElement.GetProperty("pnl").GetProperty("funding").GetString());
    }

    [Fact]
    public void WriteTo_writes_the_json_to_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "run-report-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var report = Report();
            report.WriteTo(path);

            var text = File.ReadAllText(path);
            Assert.Equal(report.ToJson() + "\n", text);
            using var json = JsonDocument.Parse(text);
            AssertKeys(TopKeys, json.RootElement);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Summary_says_residual_unhedged_none_when_every_leg_is_hedged()
    {
        var summary = Report().Summary();

        Assert.Contains("residual unhedged: none", summary);
        Assert.DoesNotContain("RESIDUAL", summary);
        Assert.Contains("frames: 120000 received, 3 malformed, 7 dropped", summary);
        Assert.Contains("5000 evaluated, 2 opened, 4998 rejected (NEGATIVE_DIFF 3000, BELOW_MIN_EDGE 1500, STALE_DATA 400)", summary);
        Assert.Contains("positions: 2 opened, 1 closed, 1 open, 0 unhedged", summary);
        Assert.Contains("rollbacks: 1, emergency closes: 0", summary);
        Assert.Contains("net 10.75", summary);
        Assert.Contains("tick-to-trade 12/12, leg skew 1.5/1.5", summary);
        Assert.Contains("  binance: decision→send 4/4, send→ack 900.1/900.1, send→fill -", summary);
        Assert.Contains("  bybit: decision→send -, send→ack -, send→fill 1200.1/1200.1", summary);
        Assert.Equal(10, summary.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // 8 + one per venue
    }

    [Fact]
    public void Summary_leads_with_every_residual_unhedged_leg()
    {
        var summary = Report(
        [
            ResidualLeg.Of("bybit", "BTC-USDT-PERP", Quantity.Parse("-0.001")),
            ResidualLeg.Of("okx", "ETH-USDT-PERP", Quantity.Parse("0.25")),
        ]).Summary();

        var first = summary.Split('\n')[0];
        Assert.Contains("RESIDUAL UNHEDGED", first);
        Assert.Contains("bybit BTC-USDT-PERP -0.001", first);
        Assert.Contains("okx ETH-USDT-PERP 0.25", first);
        Assert.DoesNotContain("residual unhedged: none", summary);
    }
}
