using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>Keeps one Bybit WebSocket session (the private stream or the trade API) from staying dead after a connect: a
/// connection must be ready — its <c>auth</c> accepted and, on the private stream, its subscription acknowledged — within
/// <see cref="ReadyTimeout"/>, and a refused <c>auth</c> or subscribe is never retried on the same connection. Either way
/// the connection is dropped, so the socket reconnects with its backoff and authenticates again; a refusal that says our
/// timestamp was off (an <c>auth</c> whose <c>expires</c> the venue found in the past) resynchronises the clock first,
/// so the next <c>auth</c> carries a corrected expiry.</summary>
/// <remarks>The connection number ties each deadline and each restart to the connection it was made for: one that has
/// gone already is left alone, so a late timer never drops its successor.</remarks>
internal sealed class BybitSessionGuard(TimeProvider clock, TimeSpan readyTimeout) : IDisposable
{
    private PrivateSocket? _socket;
    private ITimer? _deadline;
    private int _connection;
    private volatile bool _ready;
    private long _aborts;

    public TimeSpan ReadyTimeout => readyTimeout;
    /// <summary>Resynchronises the clock; awaited before a connection whose <c>auth</c> was refused as expired is dropped.</summary>
    public Func<Task>? ClockSkewed { get; set; }
    /// <summary>Connections dropped because the <c>auth</c> or subscribe was refused or not answered in time.</summary>
    public long SessionAborts => Volatile.Read(ref _aborts);
    /// <summary>Why the last connection was dropped, for status.</summary>
    public string? LastError { get; private set; }

    /// <summary>A connection is up: its deadline starts.</summary>
    public void Connected(PrivateSocket socket)
    {
        _socket = socket;
        _ready = false;
        var connection = Interlocked.Increment(ref _connection);
        var deadline = clock.CreateTimer(_ => CheckReady(connection), null, readyTimeout, Timeout.InfiniteTimeSpan); // once per connection
        Interlocked.Exchange(ref _deadline, deadline)?.Dispose();
    }

    /// <summary>The connection is authenticated (and subscribed): the deadline is met.</summary>
    public void Ready()
    {
        _ready = true;
        Interlocked.Exchange(ref _deadline, null)?.Dispose();
    }

    public void Disconnected()
    {
        Interlocked.Increment(ref _connection);
        _ready = false;
        Interlocked.Exchange(ref _deadline, null)?.Dispose();
    }

    /// <summary>The venue refused the <c>auth</c> or the subscribe on the current connection: drop it (after a clock resync
    /// when <paramref name="clockSkew"/>).</summary>
    public void Refused(string reason, bool clockSkew) => _ = RestartAsync(Volatile.Read(ref _connection), reason, clockSkew);

    private void CheckReady(int connection)
    {
        if (_ready || connection != Volatile.Read(ref _connection)) return;
        _ = RestartAsync(connection, $"not authenticated and subscribed within {readyTimeout.TotalSeconds:0} s of connecting; reconnecting", clockSkew: false);
    }

    private async Task RestartAsync(int connection, string reason, bool clockSkew)
    {
        if (connection != Volatile.Read(ref _connection)) return; // that connection is gone already
        LastError = reason;
        Interlocked.Increment(ref _aborts);
        if (clockSkew && ClockSkewed is { } sync)
        {
            try
            {
                await sync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                // Stopping: the drop below still ends the connection.
            }
        }
        if (connection == Volatile.Read(ref _connection)) _socket?.Abort();
    }

    public void Dispose() => Interlocked.Exchange(ref _deadline, null)?.Dispose();
}
