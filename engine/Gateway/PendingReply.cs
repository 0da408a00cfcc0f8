using System.Threading.Tasks.Sources;

namespace FundingArb.Gateway;

/// <summary>A reusable awaitable for one request's answer on a trading WebSocket: armed with the request id when sent,
/// completed once (by the answer, a timeout or the drop), freed when awaited. Pooled by <see cref="PendingReplies"/>,
/// so waiting for an answer allocates nothing.</summary>
public sealed class PendingReply : IValueTaskSource<OrderReport>
{
    private const long Free = 0;
    private const long Completed = -1;
    private const long Arming = -2;
    private ManualResetValueTaskSourceCore<OrderReport> _core = new() { RunContinuationsAsynchronously = true };
    private long _requestId; // the armed id; Free, Arming or Completed otherwise
    private long _deadlineTimestamp;

    public long DeadlineTimestamp => Volatile.Read(ref _deadlineTimestamp);
    public long ArmedRequestId => Volatile.Read(ref _requestId);

    public ValueTask<OrderReport> Task => new(this, _core.Version);

    /// <remarks>The slot is claimed with a sentinel, the deadline written, and only then the id published: the timeout
    /// sweep reads the id first and skips ids ≤ 0, so it can never pair a fresh id with the previous request's (passed)
    /// deadline and fail a request before it is sent. The interleaving needs the sweep to run between two stores, which a
    /// test cannot force; the order of the stores is what guarantees it.</remarks>
    internal bool TryArm(long requestId, long deadlineTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requestId, 0);
        if (Interlocked.CompareExchange(ref _requestId, Arming, Free) != Free) return false;
        Volatile.Write(ref _deadlineTimestamp, deadlineTimestamp);
        Volatile.Write(ref _requestId, requestId);
        return true;
    }

    /// <summary>Completes the wait for <paramref name="requestId"/>; false if it is not the armed request (a late answer).</summary>
    public bool TryComplete(long requestId, in OrderReport report)
    {
        if (requestId <= 0 || Interlocked.CompareExchange(ref _requestId, Completed, requestId) != requestId) return false;
        _core.SetResult(report);
        return true;
    }

    public OrderReport GetResult(short token)
    {
        var result = _core.GetResult(token);
        _core.Reset();
        Volatile.Write(ref _requestId, Free);
        return result;
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
