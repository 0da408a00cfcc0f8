using FundingArb.Feeds;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Host;

/// <summary>The paper mode's command line: load scenario and faults (a bad file names the problem), run the session
/// for the duration or until Ctrl+C, print the report's summary, write the JSON report. Exits <see cref="ExitCode.Failed"/>
/// when exposure is left unhedged.</summary>
internal static class PaperCommand
{
    public static async Task<int> RunAsync(FileInfo? scenarioFile, FileInfo? faultsFile, TimeSpan? duration, double speed, FileInfo? reportFile,
        FileInfo? decisionsFile, TextWriter output, TextWriter errors, CancellationToken stop)
    {
        if (speed != 1)
        {
            errors.WriteLine("funding-arb paper: --speed other than 1 is not available yet: the simulator's market clock runs in real time. Run without --speed.");
            return ExitCode.NotYetAvailable;
        }
        Scenario? scenario = null;
        FaultScript? faults = null;
        try
        {
            if (scenarioFile is not null) scenario = ScenarioLoader.LoadFile(scenarioFile.FullName);
            if (faultsFile is not null) faults = FaultScriptLoader.LoadFile(faultsFile.FullName);
        }
        catch (Exception e) when (e is ScenarioException or FaultScriptException or IOException)
        {
            errors.WriteLine($"funding-arb paper: {e.Message}");
            return ExitCode.Usage;
        }

        await using var decisions = decisionsFile?.Create();
        PaperSession paper;
        try
        {
            paper = await PaperSession.StartAsync(new PaperOptions { Scenario = scenario, Faults = faults, Decisions = decisions }, errors, stop);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or HttpRequestException or VenueStartupException)
        {
            errors.WriteLine($"funding-arb paper: could not start: {e.Message}");
            return ExitCode.Failed;
        }
        await using (paper)
        {
            errors.WriteLine($"funding-arb paper: simulator on {string.Join(", ", paper.Simulator.Endpoints.Select(e => $"{e.Key} {e.Value}"))}; " +
                             $"trading {paper.Session.Listings.Count} listings; " + (duration is { } d ? $"running for {d}." : "running until Ctrl+C."));
            try
            {
                await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, stop);
            }
            catch (OperationCanceledException)
            {
                errors.WriteLine("funding-arb paper: stopping.");
            }
            var report = await paper.StopAsync();
            foreach (var feed in paper.Session.Feeds)
            {
                var issues = Enum.GetValues<FrameIssue>().Where(i => i != FrameIssue.None && feed.Counters[i] > 0)
                    .Select(i => $"{FrameIssueText.Describe(i)} {feed.Counters[i]}");
                errors.WriteLine($"funding-arb paper: {feed.Venue.Name} frames: {feed.Counters.Received} received, {feed.Counters.Malformed} malformed, " +
                                 $"{feed.Counters.Dropped} dropped{(issues.Any() ? " (" + string.Join(", ", issues) + ")" : "")}.");
            }
            output.WriteLine(report.Summary());
            reportFile?.Directory?.Create();
            if (reportFile is not null)
            {
                report.WriteTo(reportFile.FullName);
                // The full latency distributions beside the report, one HdrHistogram percentile file per series.
                var histograms = Path.Combine(reportFile.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(reportFile.Name) + ".latency");
                Directory.CreateDirectory(histograms);
                var written = paper.Latency.WriteHgrm(histograms);
                errors.WriteLine($"funding-arb paper: report in {reportFile.FullName}; {written.Count} latency histograms (.hgrm) in {histograms}.");
            }
            return report.ResidualUnhedged.Count == 0 ? ExitCode.Ok : ExitCode.Failed;
        }
    }
}
