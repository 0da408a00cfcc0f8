using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FundingArb.Ring;

/// <summary>
/// A preallocated ring of <typeparamref name="T"/> slots that producers claim, fill in place and publish,
/// and consumers read in place through a <see cref="SequenceBarrier"/> (the Disruptor pattern).
/// </summary>
/// <remarks>
/// <para>Usage: <c>long s = ring.Next(); ref var e = ref ring[s]; …fill e…; ring.Publish(s);</c>. Slots are
/// reused, never reallocated: a producer must overwrite every field it relies on.</para>
/// <para>Producers are gated on the sequences passed to <see cref="AddGatingSequences"/> (normally the
/// last consumer stage). With no gating sequences producers never wait and will lap consumers.</para>
/// <para>The claim strategy (single or multi producer) is fixed at construction. Both sequencers are
/// sealed and held in typed fields, so each producer call is one predictable branch plus a direct,
/// inlinable call rather than a virtual one.</para>
/// </remarks>
public sealed class RingBuffer<T> where T : struct
{
    private readonly T[] _entries;
    private readonly long _mask;

    // Empty slots before and after the live ones so that producer writes to the first/last slot do not
    // share a cache line with the array header or a neighbouring object.
    private readonly int _padding;
    private readonly int _bufferSize;
    private readonly SingleProducerSequencer? _single;
    private readonly MultiProducerSequencer? _multi;
    private readonly Sequencer _sequencer;

    private RingBuffer(Sequencer sequencer)
    {
        _sequencer = sequencer;
        _single = sequencer as SingleProducerSequencer;
        _multi = sequencer as MultiProducerSequencer;
        _bufferSize = sequencer.BufferSize;
        _mask = _bufferSize - 1;
        int slotSize = Math.Max(1, Unsafe.SizeOf<T>());
        _padding = (128 + slotSize - 1) / slotSize;
        _entries = new T[_bufferSize + (2 * _padding)];
    }

    /// <summary>A ring for exactly one producer thread (no CAS on claim).</summary>
    public static RingBuffer<T> CreateSingleProducer(int bufferSize, IWaitStrategy waitStrategy) =>
        new(new SingleProducerSequencer(bufferSize, waitStrategy));

    /// <summary>A single-producer ring with the default wait strategy.</summary>
    public static RingBuffer<T> CreateSingleProducer(int bufferSize) =>
        CreateSingleProducer(bufferSize, WaitStrategies.Create());

    /// <summary>A ring any number of threads may publish to concurrently.</summary>
    public static RingBuffer<T> CreateMultiProducer(int bufferSize, IWaitStrategy waitStrategy) =>
        new(new MultiProducerSequencer(bufferSize, waitStrategy));

    /// <summary>A multi-producer ring with the default wait strategy.</summary>
    public static RingBuffer<T> CreateMultiProducer(int bufferSize) =>
        CreateMultiProducer(bufferSize, WaitStrategies.Create());

    public int BufferSize => _bufferSize;

    public Sequencer Sequencer => _sequencer;

    public IWaitStrategy WaitStrategy => _sequencer.WaitStrategy;

    /// <summary>Single producer: highest published. Multi producer: highest claimed.</summary>
    public long Cursor => _sequencer.Cursor;

    /// <summary>Free slots given the slowest gating consumer.</summary>
    public long RemainingCapacity => _sequencer.RemainingCapacity;

    /// <summary>The slot for <paramref name="sequence"/>, by reference; no bounds check (the mask keeps it in range).</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(_entries), (nint)(_padding + (sequence & _mask)));
    }

    /// <summary>Claims the next slot, spinning then yielding while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _single is not null ? _single.Next(1) : _multi!.Next(1);

    /// <summary>Claims <paramref name="n"/> slots (1 ≤ n ≤ <see cref="BufferSize"/>); returns the highest, the lowest being that - n + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n) => _single is not null ? _single.Next(n) : _multi!.Next(n);

    /// <summary>Claims the next slot if the ring is not full; never waits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) =>
        _single is not null ? _single.TryNext(1, out sequence) : _multi!.TryNext(1, out sequence);

    /// <summary>Claims <paramref name="n"/> slots if that many are free; never waits. <paramref name="hi"/> is the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int n, out long hi) =>
        _single is not null ? _single.TryNext(n, out hi) : _multi!.TryNext(n, out hi);

    /// <summary>Makes the slot at <paramref name="sequence"/> visible to consumers (release store).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_single is not null)
        {
            _single.Publish(sequence);
        }
        else
        {
            _multi!.Publish(sequence);
        }
    }

    /// <summary>Publishes the claimed range [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long lo, long hi)
    {
        if (_single is not null)
        {
            _single.Publish(lo, hi);
        }
        else
        {
            _multi!.Publish(lo, hi);
        }
    }

    /// <summary>True when <paramref name="sequence"/> is published and not yet lapped.</summary>
    public bool IsPublished(long sequence) => _sequencer.IsAvailable(sequence);

    /// <inheritdoc cref="Sequencer.AddGatingSequences"/>
    public void AddGatingSequences(params Sequence[] sequences) => _sequencer.AddGatingSequences(sequences);

    /// <inheritdoc cref="Sequencer.RemoveGatingSequence"/>
    public bool RemoveGatingSequence(Sequence sequence) => _sequencer.RemoveGatingSequence(sequence);

    /// <inheritdoc cref="Sequencer.GetMinimumSequence()"/>
    public long GetMinimumGatingSequence() => _sequencer.GetMinimumSequence();

    /// <inheritdoc cref="Sequencer.NewBarrier"/>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => _sequencer.NewBarrier(dependents);

    /// <summary>
    /// A poller: a consumer driven from the caller's own loop (see <see cref="EventPoller{T}"/>). Add
    /// its <see cref="EventPoller{T}.Sequence"/> to the gating sequences if producers must not lap it.
    /// </summary>
    public EventPoller<T> NewPoller(params Sequence[] dependents) => new(this, NewBarrier(dependents));
}
