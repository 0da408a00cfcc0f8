using System.Text.RegularExpressions;

namespace FundingArb.Tests;

/// <summary>SPEC/DESIGN: time comes from one <see cref="TimeProvider"/> (virtual in replay and tests). A direct read
/// of the machine clock anywhere in the engine would make replay non-deterministic, so it is refused here.</summary>
public partial class ClockDisciplineTests
{
    // Only the host chooses the system clock for live modes.
    private static readonly string[] AllowedFolders = ["Host"];

    [GeneratedRegex(@"\b(DateTime(Offset)?\.(Utc)?Now|Stopwatch\.(GetTimestamp|StartNew|GetElapsedTime)|new\s+Stopwatch\b|Environment\.TickCount(64)?|TimeProvider\.System|new\s+(System\.Threading\.)?Timer\s*\(|Thread\.Sleep\s*\(\s*[1-9])")]
    private static partial Regex MachineClockRead();

    // Waits that take a TimeProvider are fine; the same call without one runs on the machine clock.
    [GeneratedRegex(@"(\bTask\.Delay\s*\(|\.CancelAfter\s*\(|\.WaitAsync\s*\([^)]*TimeSpan|\bnew\s+PeriodicTimer\s*\()")]
    private static partial Regex TimedWait();

    [GeneratedRegex(@"\b(clock|_clock|TimeProvider|timeProvider)\b")]
    private static partial Regex MentionsClock();

    private static bool ReadsMachineClock(string line) =>
        !line.TrimStart().StartsWith("//", StringComparison.Ordinal)
        && (MachineClockRead().IsMatch(line) || (TimedWait().IsMatch(line) && !MentionsClock().IsMatch(line)));

    [Fact]
    public void Engine_code_reads_time_only_through_the_clock_it_is_given()
    {
        var engine = Path.Combine(RepositoryRoot(), "engine");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(engine, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (folder is "bin" or "obj" || AllowedFolders.Contains(folder)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (ReadsMachineClock(lines[i])) offenders.Add($"engine/{relative}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(offenders.Count == 0, "Read time from the injected TimeProvider instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_catches_a_direct_read()
    {
        Assert.True(ReadsMachineClock("var now = DateTime.UtcNow;"));
        Assert.True(ReadsMachineClock("long t = Stopwatch.GetTimestamp();"));
        Assert.True(ReadsMachineClock("var clock = TimeProvider.System;"));
        Assert.True(ReadsMachineClock("await Task.Delay(TimeSpan.FromSeconds(1), stop);"));
        Assert.True(ReadsMachineClock("cts.CancelAfter(TimeSpan.FromSeconds(15));"));
        Assert.True(ReadsMachineClock("var t = new Timer(OnTick, null, 0, 1000);"));
        Assert.True(ReadsMachineClock("using var p = new PeriodicTimer(TimeSpan.FromSeconds(1));"));
        Assert.True(ReadsMachineClock("Thread.Sleep(100);"));
        Assert.False(ReadsMachineClock("var t = clock.GetTimestamp();"));
        Assert.False(ReadsMachineClock("await Task.Delay(backoff.Next(), _clock, stop);"));
        Assert.False(ReadsMachineClock("using var p = new PeriodicTimer(TimeSpan.FromSeconds(1), _clock);"));
        Assert.False(ReadsMachineClock("Thread.Sleep(0);"));
        Assert.False(ReadsMachineClock("await _sendGate.WaitAsync(stop);"));
        Assert.True(ReadsMachineClock("await task.WaitAsync(TimeSpan.FromSeconds(15));"));
        Assert.False(ReadsMachineClock("/// falls into <c>Thread.Sleep(1)</c> after a few dozen"));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FundingArb.sln"))) return dir.FullName;
        throw new InvalidOperationException($"FundingArb.sln not found above {AppContext.BaseDirectory}.");
    }
}
