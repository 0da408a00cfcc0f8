using System.Runtime.CompilerServices;

namespace FundingArb.Ring;

/// <summary>
/// What a consumer waits on: the ring cursor when it is a first-stage consumer, otherwise the
/// sequences of the consumers it must stay behind (chained stages).
/// </summary>
public sealed class DependentSequences
{
    private readonly Sequence _cursor;
    private readonly Sequence? _single;
    private readonly Sequence[] _sequences;

    internal DependentSequences(Sequence cursor, Sequence[] dependents)
    {
        _cursor = cursor;
        _sequences = dependents.Length == 0 ? [cursor] : (Sequence[])dependents.Clone();
        foreach (var s in _sequences)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(dependents));
        }

        // The common case (one dependency: the cursor or a single upstream stage) skips the loop.
        _single = _sequences.Length == 1 ? _sequences[0] : null;
    }

    /// <summary>The ring's cursor (for a multi-producer ring: the highest claimed, not necessarily published, sequence).</summary>
    public Sequence Cursor => _cursor;

    /// <summary>True when the consumer waits on upstream consumers rather than directly on the cursor.</summary>
    public bool HasUpstreamStages => !ReferenceEquals(_sequences[0], _cursor) || _sequences.Length > 1;

    /// <summary>The minimum of the dependent sequences: the highest sequence every dependency has reached.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _single is not null ? _single.Value : Minimum();
    }

    private long Minimum()
    {
        long min = long.MaxValue;
        foreach (var s in _sequences)
        {
            long v = s.Value;
            if (v < min)
            {
                min = v;
            }
        }

        return min;
    }
}
