using System.Globalization;

namespace FundingArb.VenueSim.Hosting;

/// <summary>DESIGN.md's command line: <c>[--scenario FILE] [--faults FILE] [--binance-port N] [--bybit-port N]
/// [--okx-port N] [--seed N]</c>. A bad argument yields an error that names the option and the fix.</summary>
public sealed record SimulatorCommandLine(string? ScenarioPath, string? FaultsPath, int BinancePort, int BybitPort, int OkxPort, int Seed)
{
    public const string Usage =
        "usage: VenueSim [--scenario FILE] [--faults FILE] [--binance-port N] [--bybit-port N] [--okx-port N] [--seed N]\n" +
        "  --scenario FILE   scenario JSON, or a capture (JSON Lines) to replay as the market (default: the shipped default scenario)\n" +
        "  --faults FILE     fault script JSON: rejects, latency, fills, drops, stale feeds... (README, \"Fault injection\")\n" +
        "  --*-port N        loopback port per venue, 0 = a free port (default 0)\n" +
        "  --seed N          seed for every random choice (default 1)";

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says which option is wrong and how to fix it.</summary>
    public static bool TryParse(string[] args, out SimulatorCommandLine? commandLine, out string? error)
    {
        commandLine = null;
        string? scenario = null, faults = null;
        int binance = 0, bybit = 0, okx = 0, seed = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (option is "--help" or "-h")
            {
                error = Usage;
                return false;
            }
            if (option is not ("--scenario" or "--faults" or "--binance-port" or "--bybit-port" or "--okx-port" or "--seed"))
            {
                error = $"unknown option '{option}'. {Usage}";
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{option} needs a value, e.g. '{option} {(option.EndsWith("port", StringComparison.Ordinal) ? "0" : option == "--seed" ? "42" : "file.json")}'.";
                return false;
            }
            var value = args[++i];
            switch (option)
            {
                case "--scenario":
                    if (!File.Exists(value)) { error = $"--scenario: file '{value}' does not exist; give the path of a scenario JSON file (format: tools/VenueSim/README.md) or leave the option out to run the default scenario."; return false; }
                    scenario = value;
                    break;
                case "--faults":
                    if (!File.Exists(value)) { error = $"--faults: file '{value}' does not exist; give the path of a fault script JSON file (format: tools/VenueSim/README.md, \"Fault injection\")."; return false; }
                    faults = value;
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed)) { error = $"--seed: '{value}' is not a whole number; give e.g. '--seed 42'."; return false; }
                    break;
                default:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        error = $"{option}: '{value}' is not a port; give a number from 0 to 65535 (0 picks a free port).";
                        return false;
                    }
                    if (option == "--binance-port") binance = port;
                    else if (option == "--bybit-port") bybit = port;
                    else okx = port;
                    break;
            }
        }
        commandLine = new SimulatorCommandLine(scenario, faults, binance, bybit, okx, seed);
        error = null;
        return true;
    }
}
