namespace FundingArb.Ring;

/// <summary>
/// A consumer driven from its owner's loop rather than its own thread: each <see cref="Poll"/> handles
/// what is available now and returns without waiting, so the owner can interleave other work (the
/// decision core polls its inbound ring and runs its timers on one thread).
/// </summary>
/// <remarks>Single consumer: call <see cref="Poll"/> from one thread at a time.</remarks>
public sealed class EventPoller<T> where T : struct
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly Sequence _sequence = new();

    internal EventPoller(RingBuffer<T> ring, SequenceBarrier barrier)
    {
        _ring = ring;
        _barrier = barrier;
    }

    /// <summary>The highest sequence this poller has handled; gate producers on it.</summary>
    public Sequence Sequence => _sequence;

    /// <summary>
    /// Handles every event available now, at most <paramref name="maxEvents"/>, as one batch
    /// (<c>OnBatchStart</c>, then <c>OnEvent</c> with <c>endOfBatch</c> on the last). Never waits.
    /// </summary>
    /// <remarks>
    /// If the handler throws, the poller's sequence stays on the last event handled successfully and the
    /// exception propagates: the failing event is not consumed, and the next poll offers it again.
    /// </remarks>
    public PollState Poll<THandler>(ref THandler handler, int maxEvents = int.MaxValue)
        where THandler : IEventHandler<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        long current = _sequence.Value;
        long next = current + 1;
        long available = _barrier.GetAvailableNoWait(next, current + maxEvents);
        if (available < next)
        {
            return _barrier.Cursor >= next ? PollState.Gating : PollState.Idle;
        }

        long hi = Math.Min(available, current + maxEvents);
        handler.OnBatchStart(hi - current);
        long s = next;
        try
        {
            for (; s <= hi; s++)
            {
                handler.OnEvent(ref _ring[s], s, s == hi);
            }
        }
        finally
        {
            // One release store per batch, not per event.
            _sequence.Set(s - 1);
        }

        return PollState.Processing;
    }
}
