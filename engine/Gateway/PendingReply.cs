using System.Threading.Tasks.Sources;

namespace FundingArb.Gateway;

/// <summary>A reusable awaitable for one request's answer on a trading WebSocket: armed with the request id when sent,
/// completed once (by the answer, a timeout or the drop), freed when awaited. Pooled by <see cref="PendingReplies"/>,
/// so waiting for an answer allocates nothing.</summary>
public sealed class PendingReply : IValueTaskSource<OrderReport>
{
    private const long Free = 0;
    private const long Completed = -1;
    private ManualResetValueTaskSourceCore<OrderReport> _core = new() { RunContinuationsAsynchronously = true };
    private long _requestId; // the armed id; Free or Completed otherwise
    private long _deadlineTimestamp;

    public long DeadlineTimestamp => Volatile.Read(ref _deadlineTimestamp);
    public long ArmedRequestId => Volatile.Read(ref _requestId);

    public ValueTask<OrderReport> Task => new(this, _core.Version);

    internal bool TryArm(long requestId, long deadlineTimestamp)
    {
        if (Interlocked.CompareExchange(ref _requestId, requestId, Free) != Free) return false;
        Volatile.Write(ref _deadlineTimestamp, deadlineTimestamp);
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
