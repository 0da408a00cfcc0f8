using System.CommandLine;
using FundingArb.Host;

namespace FundingArb.Tests.Host;

public class EngineCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = EngineCli.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var (code, output, _) = Run("--version");
        Assert.Equal(ExitCode.Ok, code);
        Assert.StartsWith("0.1.0", output.Trim());
    }

    [Theory]
    [InlineData("reconciliation", "run")]
    [InlineData("issue 4", "capture", "--out", "c.bin")]
    public void Modes_not_yet_built_say_which_issue_brings_them_print_nothing_on_stdout_and_exit_3(string issue, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(ExitCode.NotYetAvailable, code);
        Assert.Equal("", output);
        Assert.Contains($"funding-arb {args[0]}: not available yet", error);
        Assert.Contains(issue, error);
    }

    private static string TrapCapture => Path.Combine(AppContext.BaseDirectory, "Replay", "Fixtures", "interval-trap.capture.jsonl");

    [Fact]
    public void Replay_writes_decision_records_to_the_file_and_a_summary_to_stderr()
    {
        var decisions = Path.Combine(Path.GetTempPath(), $"fa-decisions-{Guid.NewGuid():N}.jsonl");
        try
        {
            var (code, output, error) = Run("replay", TrapCapture, "--decisions", decisions);
            Assert.Equal(ExitCode.Ok, code);
            Assert.Equal("", output);
            var lines = File.ReadAllLines(decisions);
            Assert.Contains(lines, l => l.Contains("\"long\":\"binance\",\"short\":\"okx\"", StringComparison.Ordinal)
                                        && l.Contains("\"verdict\":\"open\"", StringComparison.Ordinal));
            Assert.Contains("funding-arb replay: 15 lines (0 refused)", error);
            Assert.Contains("1 would open", error);
        }
        finally
        {
            File.Delete(decisions);
        }
    }

    [Fact]
    public void Replay_without_decisions_file_prints_the_records_on_stdout()
    {
        var (code, output, _) = Run("replay", TrapCapture);
        Assert.Equal(ExitCode.Ok, code);
        Assert.Contains("\"reason\":\"NEGATIVE_DIFF\"", output);
    }

    [Fact]
    public void Replay_of_a_missing_file_is_a_usage_error_and_report_is_not_yet_available()
    {
        var (missing, _, error) = Run("replay", "no-such-capture.jsonl");
        Assert.Equal(ExitCode.Usage, missing);
        Assert.Contains("does not exist", error);

        var (report, output, reportError) = Run("replay", TrapCapture, "--report", "r.json");
        Assert.Equal(ExitCode.NotYetAvailable, report);
        Assert.Equal("", output);
        Assert.Contains("matcher", reportError);
    }

    [Fact]
    public void Paper_accepts_the_contract_options_and_says_a_speed_other_than_1_is_not_available_yet()
    {
        var (code, output, error) = Run("paper", "--scenario", "s.json", "--faults", "f.json", "--duration", "60s", "--speed", "10",
            "--report", "r.json", "--decisions", "d.jsonl", "--no-ui");
        Assert.Equal(ExitCode.NotYetAvailable, code);
        Assert.Equal("", output);
        Assert.DoesNotContain("Unrecognized", error);
        Assert.Contains("--speed", error);
    }

    [Fact]
    public void Paper_runs_for_its_duration_then_prints_the_summary_and_writes_the_report_and_its_histograms()
    {
        var directory = Directory.CreateTempSubdirectory("fa-paper-");
        try
        {
            var report = Path.Combine(directory.FullName, "r.json");
            var (code, output, error) = Run("paper", "--duration", "2s", "--report", report);
            Assert.True(code == ExitCode.Ok, $"exit {code}: {error}");
            Assert.Contains("residual unhedged: none", output);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
            Assert.Equal("paper", json.RootElement.GetProperty("mode").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("residualUnhedged").GetArrayLength());
            Assert.True(json.RootElement.GetProperty("frames").GetProperty("received").GetInt64() > 0);
            var histograms = Directory.GetFiles(Path.Combine(directory.FullName, "r.latency"), "*.hgrm");
            Assert.Contains(histograms, f => Path.GetFileName(f) == "tickToTrade.hgrm");
            Assert.Contains(histograms, f => Path.GetFileName(f) == "okx.sendToAck.hgrm");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Paper_with_a_scenario_or_faults_file_that_cannot_be_read_is_a_usage_error_naming_it()
    {
        var (code, output, error) = Run("paper", "--scenario", "no-such-scenario.json", "--duration", "1s");
        Assert.Equal(ExitCode.Usage, code);
        Assert.Equal("", output);
        Assert.Contains("no-such-scenario.json", error);

        var faults = Path.Combine(Path.GetTempPath(), $"fa-faults-{Guid.NewGuid():N}.json");
        File.WriteAllText(faults, "{ \"okx\": [ { \"kind\": \"teleport\" } ] }");
        try
        {
            (code, output, error) = Run("paper", "--faults", faults, "--duration", "1s");
            Assert.Equal(ExitCode.Usage, code);
            Assert.Contains("kind", error);
        }
        finally
        {
            File.Delete(faults);
        }
    }

    [Fact]
    public void Paper_speed_defaults_to_real_time_and_durations_parse_to_their_value()
    {
        var result = EngineCli.Build().Parse(["paper", "--duration", "90s"]);
        var paper = result.CommandResult.Command;
        Assert.Equal(1.0, result.GetValue((Option<double>)paper.Options.Single(o => o.Name == "--speed")));
        Assert.Equal(TimeSpan.FromSeconds(90), result.GetValue((Option<TimeSpan?>)paper.Options.Single(o => o.Name == "--duration")));
    }

    [Theory]
    [InlineData("--speed", "paper", "--speed", "0")]
    [InlineData("--speed", "paper", "--speed", "-2")]
    [InlineData("--speed", "paper", "--speed", "NaN")]
    [InlineData("--duration", "paper", "--duration", "soon")]
    [InlineData("kraken", "decode", "--venue", "kraken")]
    [InlineData("--venue", "decode")]
    [InlineData("bogus", "bogus")]
    public void Usage_errors_name_the_problem_and_exit_2(string mentioned, params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains(mentioned, error);
        Assert.Contains("--help", error);
    }
}
