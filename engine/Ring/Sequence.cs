using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FundingArb.Ring;

/// <summary>
/// A sequence number (cursor, consumer progress) shared between threads, padded so that the hot
/// <see cref="long"/> sits on its own cache line(s).
/// </summary>
/// <remarks>
/// Each side writes its own sequence every batch while the other side reads it; sharing a cache line
/// with any other hot field would make every write invalidate the reader's copy (false sharing).
/// 56 bytes either side keep the value alone on its 64-byte line; 128 in all also covers adjacent-line
/// prefetch. The padding is a nested struct because the runtime honours an explicit <c>Size</c> on
/// structs but not on classes (a class declared with Size = 128 measured 80 bytes).
/// </remarks>
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything has been claimed, published or consumed.</summary>
    public const long InitialValue = -1;

    private Padded _padded;

    public Sequence(long initialValue = InitialValue)
    {
        _padded.Value = initialValue;
    }

    /// <summary>The current value, read with acquire semantics.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _padded.Value);
    }

    /// <summary>Release store: everything written before (e.g. the slot contents) is visible to a reader that sees the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(long value) => Volatile.Write(ref _padded.Value, value);

    /// <summary>Atomically sets the value to <paramref name="newValue"/> if it equals <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long newValue) =>
        Interlocked.CompareExchange(ref _padded.Value, newValue, expected) == expected;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Padded
    {
        [FieldOffset(56)]
        public long Value;
    }
}
