using System.Runtime.InteropServices;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

// VenueSim: simulated venues on 127.0.0.1 (DESIGN.md, "tools/VenueSim"). Prints "<venue> http://127.0.0.1:PORT" per
// listening venue, then "ready"; runs until Ctrl+C / SIGTERM. Exit codes: 0 stopped, 1 failed, 2 bad command line.

if (!SimulatorCommandLine.TryParse(args, out var commandLine, out var error))
{
    Console.Error.WriteLine($"VenueSim: {error}");
    return 2;
}

Scenario scenario;
try
{
    scenario = commandLine!.ScenarioPath is { } path ? ScenarioLoader.LoadFile(path) : ScenarioLoader.LoadDefault();
}
catch (ScenarioException e)
{
    Console.Error.WriteLine($"VenueSim: --scenario: {e.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
// SIGTERM: the web hosts' console lifetime takes this signal and cancels the default exit (it only flags its own
// application as stopping), so ProcessExit never fires; stop here, which disposes the simulator and exits with 0.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

VenueSimulator simulator;
try
{
    simulator = await VenueSimulator.StartAsync(new VenueSimulatorOptions
    {
        Scenario = scenario,
        BinancePort = commandLine.BinancePort,
        BybitPort = commandLine.BybitPort,
        OkxPort = commandLine.OkxPort,
        Seed = commandLine.Seed,
    }, stop.Token);
}
catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
{
    Console.Error.WriteLine($"VenueSim: could not start: {e.Message}");
    return 1;
}

await using (simulator)
{
    foreach (var (venue, uri) in simulator.Endpoints)
        Console.WriteLine($"{VenueNames.Of(venue)} {uri.GetLeftPart(UriPartial.Authority)}");
    Console.WriteLine("ready");
    Console.Out.Flush();
    // Wait for Ctrl+C / SIGTERM; nothing here is timed.
    var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    using (stop.Token.Register(() => stopped.TrySetResult())) await stopped.Task;
}
return 0;
