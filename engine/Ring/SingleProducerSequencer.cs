using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FundingArb.Ring;

/// <summary>
/// Sequencer for exactly one producer thread: claims are plain field updates (no CAS), and the
/// slowest-consumer position is cached so the gating sequences are only re-read when the cache says
/// the ring might be full.
/// </summary>
/// <remarks>
/// Not safe for concurrent producers: two threads calling <see cref="Next()"/> would claim the same slot.
/// Claims must be published in order (publishing sequence s makes everything up to s visible).
/// </remarks>
public sealed class SingleProducerSequencer : Sequencer
{
    // Producer-private, written on every claim: padded so the writes do not invalidate cache lines that
    // consumers read (this object's readonly fields, neighbouring objects).
    private ProducerState _state;

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _state.NextValue = Sequence.InitialValue;
        _state.CachedGating = Sequence.InitialValue;
    }

    public override long RemainingCapacity
    {
        get
        {
            long produced = Volatile.Read(ref _state.NextValue);
            long consumed = GetMinimumSequence(produced);
            return _bufferSize - (produced - consumed);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next() => Next(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        ValidateClaimSize(n);
        long current = _state.NextValue;
        long next = current + n;
        long wrapPoint = next - _bufferSize;

        // cached > current can only happen after gating sequences were added at a later cursor; re-read then too.
        if (wrapPoint > _state.CachedGating || _state.CachedGating > current)
        {
            WaitForCapacity(wrapPoint, current);
        }

        _state.NextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool TryNext(out long sequence) => TryNext(1, out sequence);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool TryNext(int n, out long hi)
    {
        ValidateClaimSize(n);
        long current = _state.NextValue;
        long next = current + n;
        long wrapPoint = next - _bufferSize;
        if (wrapPoint > _state.CachedGating || _state.CachedGating > current)
        {
            long min = GetMinimumSequence(current);
            _state.CachedGating = min;
            if (wrapPoint > min)
            {
                hi = -1;
                return false;
            }
        }

        _state.NextValue = next;
        hi = next;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        _cursor.Set(sequence);
        SignalIfBlocking();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long lo, long hi) => Publish(hi);

    public override bool IsAvailable(long sequence)
    {
        long cursor = _cursor.Value;
        return sequence <= cursor && sequence > cursor - _bufferSize;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long GetHighestPublishedSequence(long lo, long available) => available;

    // Out of line: the ring is full (or the cache is stale), which is the uncommon case.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long wrapPoint, long current)
    {
        var backoff = default(SpinBackoff);
        long min;
        while (wrapPoint > (min = GetMinimumSequence(current)))
        {
            backoff.Once();
        }

        _state.CachedGating = min;
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct ProducerState
    {
        [FieldOffset(56)]
        public long NextValue;

        [FieldOffset(64)]
        public long CachedGating;
    }
}
