using System.Text.RegularExpressions;

namespace FundingArb.Tests;

/// <summary>SPEC/DESIGN: time comes from one <see cref="TimeProvider"/> (virtual in replay and tests). A direct read
/// of the machine clock anywhere in the engine would make replay non-deterministic, so it is refused here.</summary>
public partial class ClockDisciplineTests
{
    // Only the host chooses the system clock for live modes.
    private static readonly string[] AllowedFolders = ["Host"];

    [GeneratedRegex(@"\b(DateTime(Offset)?\.(Utc)?Now|Stopwatch\.(GetTimestamp|StartNew)|new\s+Stopwatch\b|Environment\.TickCount(64)?|TimeProvider\.System)\b")]
    private static partial Regex MachineClockRead();

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
                if (MachineClockRead().IsMatch(lines[i])) offenders.Add($"engine/{relative}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(offenders.Count == 0, "Read time from the injected TimeProvider instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_catches_a_direct_read()
    {
        Assert.Matches(MachineClockRead(), "var now = DateTime.UtcNow;");
        Assert.Matches(MachineClockRead(), "long t = Stopwatch.GetTimestamp();");
        Assert.Matches(MachineClockRead(), "var clock = TimeProvider.System;");
        Assert.DoesNotMatch(MachineClockRead(), "var t = clock.GetTimestamp();");
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FundingArb.sln"))) return dir.FullName;
        throw new InvalidOperationException($"FundingArb.sln not found above {AppContext.BaseDirectory}.");
    }
}
