namespace FundingArb.Gateway;

/// <summary>Runs synchronisation rounds of a <see cref="ClockOffset"/> against a venue's server-time request: a few
/// samples per round, one round at a time (a caller arriving while one runs waits for it rather than start another).</summary>
public sealed class ClockSync(ClockOffset offset, int samples) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>One round; <paramref name="serverTimeMs"/> answers the venue's time in unix ms, or null when it could not
    /// be read. False if no sample came back (the offset is then unchanged); a caller that joined a running round gets
    /// that round's outcome.</summary>
    public async Task<bool> RoundAsync(Func<CancellationToken, Task<long?>> serverTimeMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serverTimeMs);
        var roundsBefore = offset.Rounds;
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            // A round is running: wait for it rather than start another, and report its outcome, not a blind success
            // (a start-up or post-(-1021) caller must not believe a clock that failed to sync).
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            _gate.Release();
            return offset.Rounds > roundsBefore;
        }
        try
        {
            offset.BeginRound();
            for (var i = 0; i < Math.Max(1, samples); i++)
            {
                var sent = offset.Clock.GetTimestamp();
                var server = await serverTimeMs(cancellationToken).ConfigureAwait(false);
                var received = offset.Clock.GetTimestamp();
                if (server is { } ms) offset.AddSample(sent, received, ms);
            }
            return offset.EndRound();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
