using System.Numerics;
using System.Runtime.CompilerServices;

namespace FundingArb.Ring;

/// <summary>
/// Hands out sequence numbers to producers, tracks what is published, and keeps producers from lapping
/// the slowest consumer (the gating sequences).
/// </summary>
/// <remarks>
/// The two implementations are sealed: code that holds a <see cref="SingleProducerSequencer"/> or
/// <see cref="MultiProducerSequencer"/> (as <see cref="RingBuffer{T}"/> does) gets direct, inlinable calls.
/// </remarks>
public abstract class Sequencer
{
    private readonly object _gatingLock = new();
    private protected readonly int _bufferSize;
    private protected readonly Sequence _cursor = new();
    private protected readonly IWaitStrategy _waitStrategy;
    private protected readonly bool _signalOnPublish;

    // Copy-on-write: producers read the array without locking; the rare add/remove swaps in a new one.
    private protected Sequence[] _gatingSequences = [];

    private protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        if (bufferSize < 1 || !BitOperations.IsPow2(bufferSize))
        {
            throw new ArgumentOutOfRangeException(
                nameof(bufferSize), bufferSize, "ring buffer size must be a positive power of two (1, 2, 4, … 2^30)");
        }

        _bufferSize = bufferSize;
        _waitStrategy = waitStrategy;
        _signalOnPublish = waitStrategy.IsBlockingStrategy;
    }

    public int BufferSize => _bufferSize;

    public IWaitStrategy WaitStrategy => _waitStrategy;

    /// <summary>
    /// Single producer: the highest published sequence. Multi producer: the highest claimed sequence
    /// (slots up to it may still be being written; see <see cref="GetHighestPublishedSequence"/>).
    /// </summary>
    public long Cursor => _cursor.Value;

    internal Sequence CursorSequence => _cursor;

    /// <summary>Free slots: capacity minus what producers claimed that the slowest gating consumer has not consumed.</summary>
    public abstract long RemainingCapacity { get; }

    /// <summary>Claims the next slot, waiting (spin, then yield) while the ring is full.</summary>
    public abstract long Next();

    /// <summary>Claims <paramref name="n"/> consecutive slots and returns the highest; the first is that minus <paramref name="n"/> - 1.</summary>
    public abstract long Next(int n);

    /// <summary>Claims the next slot if one is free; never waits.</summary>
    public abstract bool TryNext(out long sequence);

    /// <summary>Claims <paramref name="n"/> slots if that many are free; never waits. <paramref name="hi"/> is the highest claimed.</summary>
    public abstract bool TryNext(int n, out long hi);

    public abstract void Publish(long sequence);

    public abstract void Publish(long lo, long hi);

    /// <summary>True when <paramref name="sequence"/> has been published and not yet lapped.</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>
    /// The highest sequence in [<paramref name="lo"/>, <paramref name="available"/>] such that every slot
    /// from <paramref name="lo"/> up to it is published; <paramref name="lo"/> - 1 when <paramref name="lo"/> is not.
    /// </summary>
    public abstract long GetHighestPublishedSequence(long lo, long available);

    /// <summary>
    /// Adds consumer sequences producers must not overtake. Each is first set to the current cursor so a
    /// consumer added to a running ring starts at the live position rather than a lapped one.
    /// </summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (_gatingLock)
        {
            long cursor = _cursor.Value;
            foreach (var s in sequences)
            {
                ArgumentNullException.ThrowIfNull(s, nameof(sequences));
                s.Set(cursor);
            }

            var current = _gatingSequences;
            var updated = new Sequence[current.Length + sequences.Length];
            current.CopyTo(updated, 0);
            sequences.CopyTo(updated, current.Length);
            Volatile.Write(ref _gatingSequences, updated);

            // A producer may have advanced between our read of the cursor and the swap; catch up again.
            cursor = _cursor.Value;
            foreach (var s in sequences)
            {
                s.Set(cursor);
            }
        }
    }

    /// <summary>Stops gating on <paramref name="sequence"/> (all occurrences). Returns false if it was not gating.</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        lock (_gatingLock)
        {
            var current = _gatingSequences;
            int keep = 0;
            foreach (var s in current)
            {
                if (!ReferenceEquals(s, sequence))
                {
                    keep++;
                }
            }

            if (keep == current.Length)
            {
                return false;
            }

            var updated = new Sequence[keep];
            int i = 0;
            foreach (var s in current)
            {
                if (!ReferenceEquals(s, sequence))
                {
                    updated[i++] = s;
                }
            }

            Volatile.Write(ref _gatingSequences, updated);
            return true;
        }
    }

    /// <summary>The slowest gating sequence, or the cursor when nothing gates.</summary>
    public long GetMinimumSequence() => GetMinimumSequence(_cursor.Value);

    /// <summary>
    /// A barrier for a consumer that waits on <paramref name="dependents"/> (its upstream stages), or on
    /// the cursor when none are given. One barrier per consumer: alerting it halts that consumer.
    /// </summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        return new SequenceBarrier(this, dependents);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void SignalIfBlocking()
    {
        if (_signalOnPublish)
        {
            _waitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Minimum of the gating sequences, capped at <paramref name="minimum"/> (the producers' own position).</summary>
    private protected long GetMinimumSequence(long minimum)
    {
        var gating = Volatile.Read(ref _gatingSequences);
        foreach (var s in gating)
        {
            long v = s.Value;
            if (v < minimum)
            {
                minimum = v;
            }
        }

        return minimum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void ValidateClaimSize(int n)
    {
        // One unsigned compare covers n < 1 and n > bufferSize.
        if ((uint)(n - 1) >= (uint)_bufferSize)
        {
            ThrowClaimSize(n);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowClaimSize(int n) => throw new ArgumentOutOfRangeException(
        nameof(n), n, $"claim size must be between 1 and the buffer size ({_bufferSize})");
}
