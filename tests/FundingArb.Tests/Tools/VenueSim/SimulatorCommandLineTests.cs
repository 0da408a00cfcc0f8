using FundingArb.VenueSim.Hosting;

namespace FundingArb.Tests.Tools.VenueSim;

public class SimulatorCommandLineTests
{
    [Fact]
    public void No_arguments_run_the_default_scenario_on_free_ports()
    {
        Assert.True(SimulatorCommandLine.TryParse([], out var parsed, out _));
        Assert.Equal(new SimulatorCommandLine(null, null, 0, 0, 0, 1), parsed);
    }

    [Fact]
    public void Ports_and_seed_are_read()
    {
        Assert.True(SimulatorCommandLine.TryParse(["--binance-port", "18080", "--seed", "42"], out var parsed, out _));
        Assert.Equal(18080, parsed!.BinancePort);
        Assert.Equal(42, parsed.Seed);
    }

    [Theory]
    [InlineData(new[] { "--binance-port", "http" }, "--binance-port")]
    [InlineData(new[] { "--okx-port", "70000" }, "--okx-port")]
    [InlineData(new[] { "--seed" }, "--seed needs a value")]
    [InlineData(new[] { "--scenario", "/no/such/file.json" }, "--scenario: file '/no/such/file.json' does not exist")]
    [InlineData(new[] { "--speed", "2" }, "unknown option '--speed'")]
    public void A_bad_argument_names_the_option_and_the_fix(string[] args, string expected)
    {
        Assert.False(SimulatorCommandLine.TryParse(args, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fault_script_is_accepted()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.True(SimulatorCommandLine.TryParse(["--faults", file, "--seed", "3"], out var parsed, out _));
            Assert.Equal(file, parsed!.FaultsPath);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void A_missing_fault_script_names_the_option()
    {
        Assert.False(SimulatorCommandLine.TryParse(["--faults", "/no/such/faults.json"], out _, out var error));
        Assert.Contains("--faults: file '/no/such/faults.json' does not exist", error, StringComparison.Ordinal);
    }
}
