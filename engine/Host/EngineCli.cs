using System.CommandLine;
using System.CommandLine.Parsing;
using FundingArb.Feeds;

namespace FundingArb.Host;

/// <summary>The <c>funding-arb</c> command line: the modes of SPEC.md with the options of DESIGN.md's contracts.</summary>
/// <remarks>A mode whose implementation has not landed says so on stderr, names the issue that brings it, and
/// exits with <see cref="ExitCode.NotYetAvailable"/>; it never prints output that could be mistaken for a result.</remarks>
public static class EngineCli
{
    /// <summary>Parses and runs a command line; usage errors go to stderr with exit code <see cref="ExitCode.Usage"/>.</summary>
    public static int Invoke(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var result = Build().Parse(args);
        if (result.Errors.Count == 0) return result.Invoke(configuration);
        foreach (var error in result.Errors) configuration.Error.WriteLine(error.Message);
        configuration.Error.WriteLine($"Run '{CommandPath(result.CommandResult)} --help' for usage.");
        return ExitCode.Usage;
    }

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "FundingArb: cross-venue funding-rate arbitrage on perpetual futures (Binance USD-M, Bybit v5, OKX v5).");
        root.Subcommands.Add(Paper());
        root.Subcommands.Add(Run());
        root.Subcommands.Add(Replay());
        root.Subcommands.Add(Capture());
        root.Subcommands.Add(Decode());
        return root;
    }

    private static Command Paper()
    {
        var scenario = FileOption("--scenario", "Scenario file for the simulator (default: the embedded scenario).");
        var faults = FileOption("--faults", "Fault-injection file for the simulator.");
        var duration = DurationOption("--duration", "How long to run, e.g. 60s, 5m, 2h (default: until Ctrl+C).");
        var speed = SpeedOption();
        var report = FileOption("--report", "Write the run report as JSON to this file.");
        var decisions = FileOption("--decisions", "Write decision records (JSON Lines) to this file.");
        var command = new Command("paper",
            "Run the full live pipeline against the bundled venue simulator over loopback (embedded default scenario, no keys).")
        {
            scenario,
            faults,
            duration,
            speed,
            report,
            decisions,
            new Option<bool>("--no-ui") { Description = "Plain log output instead of the terminal status view." },
        };
        command.SetAction((result, stop) => PaperCommand.RunAsync(result.GetValue(scenario), result.GetValue(faults), result.GetValue(duration),
            result.GetValue(speed), result.GetValue(report), result.GetValue(decisions), result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error, stop));
        return command;
    }

    private static Command Run()
    {
        var command = new Command("run",
            "Trade on live or testnet venues; API keys are read from environment variables, never from files or arguments.")
        {
            FileOption("--config", "Engine configuration file."),
            DurationOption("--duration", "How long to run (default: until Ctrl+C)."),
            FileOption("--report", "Write the run report as JSON to this file at exit."),
            FileOption("--decisions", "Write decision records (JSON Lines) to this file."),
            new Option<bool>("--no-ui") { Description = "Plain log output instead of the terminal status view." },
        };
        command.SetAction(result => NotYetAvailable(result,
            "run mode trades real money: it waits for holding and closing positions, the journal and start-up reconciliation with the venues, which no open issue covers yet. The trading clients and the order gateway it runs on are in paper mode now."));
        return command;
    }

    private static Command Replay()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A capture in its text form (JSON Lines: t, venue, frame, optional rest)." };
        var decisions = FileOption("--decisions", "Write decision records (JSON Lines) to this file; standard output when omitted.");
        var report = FileOption("--report", "Write the run report as JSON to this file.");
        var command = new Command("replay",
            "Replay a captured feed through the same parsers and decision core on a virtual clock; byte-identical output every time.")
        {
            file,
            decisions,
            report,
        };
        command.SetAction(result =>
        {
            var errors = result.InvocationConfiguration.Error;
            var capture = result.GetValue(file)!;
            if (!capture.Exists)
            {
                errors.WriteLine($"funding-arb replay: {capture.FullName} does not exist; give a capture file (see 'funding-arb replay --help').");
                return ExitCode.Usage;
            }
            if (result.GetValue(report) is not null)
            {
                errors.WriteLine("funding-arb replay: --report is not available yet: the run report needs orders and the matcher, " +
                                 "which replay does not have yet (no open issue covers it). Run without --report for the decision records.");
                return ExitCode.NotYetAvailable;
            }
            return CaptureReplayCommand.Run(capture, result.GetValue(decisions), result.InvocationConfiguration.Output, errors);
        });
        return command;
    }

    private static Command Capture()
    {
        var command = new Command("capture", "Record raw venue frames with receive timestamps.")
        {
            new Option<FileInfo>("--out") { Description = "Capture file to write.", Required = true },
            new Option<string[]>("--venue")
            {
                Description = $"Venues to record: {string.Join(", ", VenueDirectory.Names)}.",
                AllowMultipleArgumentsPerToken = true,
            },
            new Option<string[]>("--instrument") { Description = "Canonical instruments, e.g. BTC-USDT-PERP.", AllowMultipleArgumentsPerToken = true },
            new Option<bool>("--text") { Description = "Write the JSON Lines text form instead of the compact binary form." },
            DurationOption("--duration", "How long to record (default: until Ctrl+C)."),
        };
        command.SetAction(result => NotYetAvailable(result,
            "capture needs the market-data feeds (issue 4) and the capture writer, which no open issue covers yet."));
        return command;
    }

    private static Command Decode()
    {
        var venue = new Option<string>("--venue") { Description = "The venue whose frames these are.", Required = true };
        venue.AcceptOnlyFromAmong([.. VenueDirectory.Names]);
        var file = new Argument<FileInfo?>("FILE") { Description = "Frames file; stdin when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("decode",
            "Read raw frames, one per line (FILE or stdin), and print one JSON object per normalised event.")
        {
            venue,
            file,
        };
        command.SetAction(result =>
        {
            var errors = result.InvocationConfiguration.Error;
            var input = result.GetValue(file);
            if (input is not null && !input.Exists)
            {
                errors.WriteLine($"funding-arb decode: {input.FullName} does not exist; give a frames file, or pipe frames on stdin.");
                return ExitCode.Usage;
            }
            if (!VenueDirectory.TryGet(result.GetValue(venue)!, out var marketData))
            {
                errors.WriteLine($"funding-arb decode: unknown venue '{result.GetValue(venue)}'; known: {string.Join(", ", VenueDirectory.Names)}. Run 'funding-arb decode --help' for usage.");
                return ExitCode.Usage;
            }
            using var reader = input is null ? Console.In : input.OpenText();
            var output = result.InvocationConfiguration.Output;
            var decoder = new FrameDecoder(marketData);
            if (ReferenceEquals(output, Console.Out))
            {
                using var stdout = Console.OpenStandardOutput();
                decoder.Run(reader, stdout, errors);
            }
            else
            {
                using var buffer = new MemoryStream();
                decoder.Run(reader, buffer, errors);
                output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            return ExitCode.Ok;
        });
        return command;
    }

    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "funding-arb";

    private static Option<double> SpeedOption()
    {
        var speed = new Option<double>("--speed") { Description = "Scenario speed multiplier (default 1).", DefaultValueFactory = _ => 1.0 };
        speed.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value <= 0)
                result.AddError($"--speed: {value} is not a speed; give a positive multiplier, e.g. 1 (real time) or 10.");
        });
        return speed;
    }

    private static Option<FileInfo> FileOption(string name, string description) => new(name) { Description = description };

    private static Option<TimeSpan?> DurationOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "duration",
        CustomParser = ParseDuration,
    };

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (Duration.TryParse(token, out var duration, out var error)) return duration;
        result.AddError($"{((OptionResult)result.Parent!).Option.Name}: {error}");
        return null;
    }

    private static int NotYetAvailable(ParseResult result, string what)
    {
        result.InvocationConfiguration.Error.WriteLine($"funding-arb {result.CommandResult.Command.Name}: not available yet: {what}");
        return ExitCode.NotYetAvailable;
    }
}
