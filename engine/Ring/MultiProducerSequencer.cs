using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FundingArb.Ring;

/// <summary>
/// Sequencer for any number of producer threads: slots are claimed by CAS on the cursor, and each slot
/// is marked published in an availability array so consumers never read a claimed-but-unwritten slot.
/// </summary>
/// <remarks>
/// Because producers publish out of order, the cursor only says what is claimed. Each slot's flag
/// holds the "round" (sequence / bufferSize) of the last publish into it, so a flag left from the
/// previous lap never reads as published; consumers find the contiguous published prefix with
/// <see cref="GetHighestPublishedSequence"/>.
/// </remarks>
public sealed class MultiProducerSequencer : Sequencer
{
    // Shared by all producers: padded (it is a Sequence) and only written when the ring looked full.
    private readonly Sequence _gatingCache = new();
    private readonly int[] _available;
    private readonly int _indexMask;
    private readonly int _indexShift;

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _available = new int[bufferSize];
        _available.AsSpan().Fill(-1);
        _indexMask = bufferSize - 1;
        _indexShift = BitOperations.Log2((uint)bufferSize);
    }

    public override long RemainingCapacity
    {
        get
        {
            long produced = _cursor.Value;
            long consumed = GetMinimumSequence(produced);
            return _bufferSize - (produced - consumed);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next() => Next(1);

    public override long Next(int n)
    {
        ValidateClaimSize(n);
        var backoff = default(SpinBackoff);
        while (true)
        {
            long current = _cursor.Value;
            long next = current + n;
            long wrapPoint = next - _bufferSize;
            long cachedGating = _gatingCache.Value;
            if (wrapPoint > cachedGating || cachedGating > current)
            {
                long gating = GetMinimumSequence(current);
                if (wrapPoint > gating)
                {
                    // Full: wait for the slowest consumer, then retry from a fresh cursor.
                    backoff.Once();
                    continue;
                }

                _gatingCache.Set(gating);
            }
            else if (_cursor.CompareAndSet(current, next))
            {
                return next;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool TryNext(out long sequence) => TryNext(1, out sequence);

    public override bool TryNext(int n, out long hi)
    {
        ValidateClaimSize(n);
        while (true)
        {
            long current = _cursor.Value;
            long next = current + n;
            long wrapPoint = next - _bufferSize;
            long cachedGating = _gatingCache.Value;
            if (wrapPoint > cachedGating || cachedGating > current)
            {
                long gating = GetMinimumSequence(current);
                _gatingCache.Set(gating);
                if (wrapPoint > gating)
                {
                    hi = -1;
                    return false;
                }
            }

            if (_cursor.CompareAndSet(current, next))
            {
                hi = next;
                return true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        SignalIfBlocking();
    }

    public override void Publish(long lo, long hi)
    {
        for (long s = lo; s <= hi; s++)
        {
            SetAvailable(s);
        }

        SignalIfBlocking();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool IsAvailable(long sequence) =>
        Volatile.Read(ref Flag(sequence)) == (int)(sequence >>> _indexShift);

    public override long GetHighestPublishedSequence(long lo, long available)
    {
        for (long s = lo; s <= available; s++)
        {
            if (!IsAvailable(s))
            {
                return s - 1;
            }
        }

        return available;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence) =>
        Volatile.Write(ref Flag(sequence), (int)(sequence >>> _indexShift));

    // No bounds check: the mask keeps the index inside the array.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Flag(long sequence) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_available), (nint)((int)sequence & _indexMask));
}
