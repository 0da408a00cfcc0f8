using System.Runtime.CompilerServices;

namespace FundingArb.Gateway;

/// <summary>The venue's clock as one execution client keeps it: the <see cref="ClockOffset"/> estimate, its rounds
/// against the venue's server-time request (<see cref="ClockSync"/>), the periodic refresh, and the resync after a
/// request the venue refused for a skewed clock.</summary>
/// <remarks>The round gate is never disposed: a round still running at shutdown (the refresh's, or one after a skew)
/// releases it when it ends, which must not throw <see cref="ObjectDisposedException"/> at an order's caller.</remarks>
public sealed class VenueClock : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ClockSync _sync;
    private readonly Func<CancellationToken, Task<long?>> _serverTimeMs;
    private ITimer? _refresh;

    /// <param name="serverTimeMs">The venue's time in unix ms, or null when it could not be had or read (the sample is
    /// then skipped).</param>
    public VenueClock(TimeProvider time, int samples, Func<CancellationToken, Task<long?>> serverTimeMs)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(serverTimeMs);
        _time = time;
        Offset = new ClockOffset(time);
        _sync = new ClockSync(Offset, samples);
        _serverTimeMs = serverTimeMs;
    }

    public ClockOffset Offset { get; }

    /// <summary>One synchronisation round; false if no sample came back. A call while a round runs joins it and gets its
    /// outcome (<see cref="ClockSync"/>).</summary>
    public Task<bool> SyncAsync(CancellationToken cancellationToken) => _sync.RoundAsync(_serverTimeMs, cancellationToken);

    /// <summary>Runs a round every <paramref name="every"/> from now on (after start-up's own round).</summary>
    public void StartRefresh(TimeSpan every) =>
        _refresh = _time.CreateTimer(static s => _ = ((VenueClock)s!).SyncAsync(CancellationToken.None), this, every, every);

    /// <summary>A <see cref="ExecutionErrorKind.ClockSkew"/> refusal means our idea of the venue's clock is off: corrected
    /// before the report goes back, so that the caller retries on the corrected clock. A caller that gives up meanwhile
    /// still gets the report; the refresh corrects the clock later.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<OrderReport> AfterAsync(OrderReport report, CancellationToken cancellationToken)
    {
        if (report.Error.Kind != ExecutionErrorKind.ClockSkew) return report;
        try
        {
            await SyncAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The report stands.
        }
        return report;
    }

    /// <summary>Stops the refresh.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_refresh is not null) await _refresh.DisposeAsync().ConfigureAwait(false);
    }
}
