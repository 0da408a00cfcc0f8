namespace FundingArb.Tests;

/// <summary>How long a test waits for something that should happen at once before it fails. A guard against a hang,
/// never a timing assertion: generous so that a slow, loaded 2-core machine does not trip it.</summary>
public static class TestGuard
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <see cref="Timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {Timeout.TotalSeconds:0} s waiting for: {what}");
            await Task.Delay(1); // a polling interval, not a synchronisation: the condition decides
        }
    }
}
