namespace FundingArb.Feeds;

/// <summary>Delays between reconnect attempts: exponential with full jitter, so that many connections dropped
/// together (a venue restart) do not all come back in the same instant; reset once a connection has been stable.</summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan maximum, Random random)
{
    private int _attempt;

    public static ReconnectBackoff Default(Random random) => new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), random);

    public TimeSpan Next()
    {
        var ceiling = Math.Min(maximum.Ticks, initial.Ticks * (1L << Math.Min(_attempt, 20)));
        _attempt++;
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling));
    }

    public void Reset() => _attempt = 0;

    /// <summary>Waits the next delay on <paramref name="clock"/>; false if <paramref name="stop"/> ended the wait.</summary>
    public async ValueTask<bool> WaitAsync(TimeProvider clock, CancellationToken stop)
    {
        try
        {
            await Task.Delay(Next(), clock, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
