using System.Runtime.CompilerServices;

namespace FundingArb.Ring;

/// <summary>
/// A consumer's view of what it may read: the ring cursor (or upstream stages' sequences) and, for a
/// multi-producer ring, only the contiguous published prefix. Also carries the consumer's halt flag.
/// </summary>
/// <remarks>
/// Halting is signalled by status, not by exception: <see cref="WaitFor"/> returns
/// <see cref="AlertSignal"/> once <see cref="Alert"/> has been called. One barrier per consumer, since
/// alerting a shared barrier would halt every consumer using it.
/// </remarks>
public sealed class SequenceBarrier
{
    /// <summary>
    /// What <see cref="WaitFor"/> returns when the barrier is alerted. Distinct from every real result,
    /// which is at least the requested sequence (and requested sequences are ≥ 0).
    /// </summary>
    public const long AlertSignal = long.MinValue;

    private readonly Sequence _cursor;
    private readonly DependentSequences _dependents;
    private readonly IWaitStrategy _waitStrategy;

    // Set only for a multi-producer ring read directly off the cursor; upstream stages only ever
    // advance over published slots, so a chained consumer needs no availability scan.
    private readonly MultiProducerSequencer? _publishedFilter;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, Sequence[] dependents)
    {
        _cursor = sequencer.CursorSequence;
        _dependents = new DependentSequences(_cursor, dependents);
        _waitStrategy = sequencer.WaitStrategy;
        _publishedFilter = _dependents.HasUpstreamStages ? null : sequencer as MultiProducerSequencer;
    }

    /// <summary>The ring cursor (multi producer: highest claimed).</summary>
    public long Cursor => _cursor.Value;

    public DependentSequences Dependents => _dependents;

    public bool IsAlerted => _alerted;

    /// <summary>
    /// Waits until <paramref name="sequence"/> can be read and returns the highest sequence that can be
    /// read now (often above <paramref name="sequence"/>: consume up to it as one batch), or
    /// <see cref="AlertSignal"/> if the barrier is or becomes alerted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence)
    {
        if (_alerted)
        {
            return AlertSignal;
        }

        long available = _dependents.Value;
        if (available < sequence)
        {
            available = _waitStrategy.WaitFor(sequence, _cursor, _dependents, this);
            if (available == AlertSignal)
            {
                return AlertSignal;
            }
        }

        return _publishedFilter is null ? available : WaitForPublished(sequence, available);
    }

    /// <summary>
    /// The highest sequence readable right now starting at <paramref name="sequence"/>, without waiting
    /// and ignoring the alert: <paramref name="sequence"/> - 1 when nothing is.
    /// </summary>
    public long GetAvailableNoWait(long sequence, long limit = long.MaxValue)
    {
        // The limit caps the multi-producer published scan too, so a consumer far behind pays for what it takes.
        long available = Math.Min(_dependents.Value, limit);
        if (available < sequence || _publishedFilter is null)
        {
            return available < sequence ? sequence - 1 : available;
        }

        return _publishedFilter.GetHighestPublishedSequence(sequence, available);
    }

    /// <summary>Makes current and future waits return <see cref="AlertSignal"/> and wakes parked waiters.</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }

    public void ClearAlert() => _alerted = false;

    // The cursor passed `sequence`, but a producer may have claimed a slot and not yet published it.
    // It is mid-write and will publish shortly, so spin/yield on it instead of going back to the
    // wait strategy (which only watches the cursor and would return at once).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long WaitForPublished(long sequence, long available)
    {
        var filter = _publishedFilter!;
        long highest = filter.GetHighestPublishedSequence(sequence, available);
        var backoff = default(SpinBackoff);
        while (highest < sequence)
        {
            if (_alerted)
            {
                return AlertSignal;
            }

            backoff.Once();
            highest = filter.GetHighestPublishedSequence(sequence, _cursor.Value);
        }

        return highest;
    }
}
