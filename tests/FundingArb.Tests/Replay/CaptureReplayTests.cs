using System.Text;
using System.Text.Json;
using FundingArb.Decision;
using FundingArb.Replay;

namespace FundingArb.Tests.Replay;

/// <summary>The shipped capture (Fixtures/README.md): BTC on binance (8 h, 0.24 % per settlement) and okx (1 h, 0.04 %).
/// Raw rates say short binance; per hour okx pays more (0.04 % vs 0.03 %), so the engine must short okx.</summary>
public sealed class CaptureReplayTests
{
    private static string Capture => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "Fixtures", "interval-trap.capture.jsonl"));

    private static (string Decisions, string Errors, CaptureReplay Replay) Replay(string capture)
    {
        var decisions = new MemoryStream();
        var errors = new StringWriter();
        using var replay = new CaptureReplay(DecisionConfig.Default, decisions, errors);
        replay.Run(new StringReader(capture));
        return (Encoding.UTF8.GetString(decisions.ToArray()), errors.ToString(), replay);
    }

    private static List<JsonElement> Records(string decisions) =>
        [.. decisions.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public void The_interval_trap_is_refused_on_the_raw_side_and_opened_on_the_normalised_side()
    {
        var (decisions, errors, replay) = Replay(Capture);
        Assert.Equal("", errors);
        Assert.Equal(0, replay.FramesMalformed + replay.FramesDropped);
        var records = Records(decisions);

        var raw = records.Where(r => r.GetProperty("long").GetString() == "okx" && r.GetProperty("diffPerHour").ValueKind == JsonValueKind.Number).ToList();
        Assert.NotEmpty(raw);
        Assert.All(raw, r => Assert.Equal("NEGATIVE_DIFF", r.GetProperty("reason").GetString()));

        var opened = Assert.Single(records, r => r.GetProperty("verdict").GetString() == "open");
        Assert.Equal("BTC-USDT-PERP", opened.GetProperty("instrument").GetString());
        Assert.Equal("binance", opened.GetProperty("long").GetString());
        Assert.Equal("okx", opened.GetProperty("short").GetString());
        Assert.Equal(0.0001, opened.GetProperty("diffPerHour").GetDouble(), 12);   // 0.04 %/h − 0.24 %/8 h
        Assert.Equal(24, opened.GetProperty("fundingBps").GetDouble(), 6);        // 24 okx settlements − 3 binance ones in 24 h
        Assert.Equal(20, opened.GetProperty("feesBps").GetDouble(), 6);
        Assert.Equal("0.01", opened.GetProperty("qty").GetString());
        Assert.Equal(1, replay.Core.IntentsSent);

        // The position is held: the pair is at its limit; at 00:56 okx settles in four minutes.
        var after = records.SkipWhile(r => r.GetProperty("verdict").GetString() != "open").Skip(1)
            .Where(r => r.GetProperty("long").GetString() == "binance").Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Equal(["RISK_LIMIT", "STALE_DATA", "SETTLEMENT_WINDOW"], after);
    }

    [Fact]
    public void Two_replays_of_one_capture_write_the_same_bytes()
    {
        var first = Replay(Capture).Decisions;
        var second = Replay(Capture).Decisions;
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Bad_lines_are_reported_by_number_and_the_replay_goes_on()
    {
        var lines = Capture.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(1, "{\"t\":1795566600000000000,\"venue\":\"binance\""); // truncated
        lines.Insert(2, "{\"t\":1795566600000000000,\"venue\":\"kraken\",\"frame\":\"{}\"}");
        lines.Insert(3, "{\"t\":1795566600000000000,\"venue\":\"okx\"}");
        lines.Insert(1, "{\"t\":1795566600000,\"venue\":\"okx\",\"frame\":\"{}\"}"); // ms, not ns
        lines.Insert(5, "{\"t\":1795566600000000000,\"venue\":\"okx\",\"frame\":\"{\\\"arg\\\":{\\\"channel\\\":\\\"funding-rate\\\",\\\"instId\\\":\\\"BTC-USDT-SWAP\\\"},\\\"data\\\":[{\\\"fundingRate\\\":\\\"NaN\\\"}]}\"}");
        var (decisions, errors, replay) = Replay(string.Join('\n', lines));

        Assert.Contains("line 2: \"t\" must be the receive time in unix nanoseconds", errors);
        Assert.Contains("line 3: malformed JSON", errors);
        Assert.Contains("line 4: unknown venue 'kraken'; known: binance, bybit, okx", errors);
        Assert.Contains("line 5: \"frame\" is missing", errors);
        Assert.Contains("line 6: ", errors);
        Assert.Equal(4, replay.RefusedLines);
        Assert.Equal(1, replay.FramesMalformed);
        Assert.Single(Records(decisions), r => r.GetProperty("verdict").GetString() == "open");
    }
}
