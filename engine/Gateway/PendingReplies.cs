namespace FundingArb.Gateway;

/// <summary>The requests in flight on one trading WebSocket, by request id: a fixed pool of <see cref="PendingReply"/>
/// slots (id modulo the pool size), allocated once. Answers, timeouts and drops each complete a request at most once;
/// whoever comes first wins.</summary>
public sealed class PendingReplies
{
    private readonly PendingReply[] _slots;
    private readonly int _mask;

    public PendingReplies(int capacity = 256)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new PendingReply[size];
        for (var i = 0; i < size; i++) _slots[i] = new PendingReply();
        _mask = size - 1;
    }

    /// <summary>Requests armed and not yet answered, timed out or dropped (status, tests).</summary>
    public int InFlight
    {
        get
        {
            var n = 0;
            foreach (var slot in _slots)
                if (slot.ArmedRequestId > 0) n++;
            return n;
        }
    }

    /// <summary>A slot for <paramref name="requestId"/>; false when its slot is still busy (as many requests in flight as
    /// the pool holds).</summary>
    public bool TryArm(long requestId, long deadlineTimestamp, out PendingReply reply)
    {
        reply = _slots[(int)(requestId & _mask)];
        return reply.TryArm(requestId, deadlineTimestamp);
    }

    public bool TryComplete(long requestId, in OrderReport report) =>
        requestId > 0 && _slots[(int)(requestId & _mask)].TryComplete(requestId, report);

    /// <summary>Completes every request still waiting whose deadline is at or before <paramref name="nowTimestamp"/>
    /// (every one when <paramref name="nowTimestamp"/> is <see cref="long.MaxValue"/>) with <paramref name="error"/>.</summary>
    public int FailWaiting(long nowTimestamp, in ExecutionError error)
    {
        var failed = 0;
        foreach (var slot in _slots)
        {
            var id = slot.ArmedRequestId; // read before the deadline: an id > 0 was published after its deadline
            if (id > 0 && slot.DeadlineTimestamp <= nowTimestamp && slot.TryComplete(id, OrderReport.Failed(error))) failed++;
        }
        return failed;
    }
}
