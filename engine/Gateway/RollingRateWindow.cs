namespace FundingArb.Gateway;

/// <summary>One venue rate limit counted over a rolling window: at most <see cref="Limit"/> units in any
/// <see cref="IntervalMs"/> ending now (Bybit: "the rolling time window per second and UID"), unlike
/// <see cref="RateWindow"/>'s windows aligned to the epoch. Our own count is raised to whatever the venue reports it has
/// counted, so requests made elsewhere with the same key or IP count too.</summary>
/// <remarks>Units are counted in <see cref="Buckets"/> slices of the interval (a hundredth of it, at least 1 ms), so the
/// memory is fixed whatever the limit and nothing is allocated after construction. A unit is held until its whole slice
/// has left the window: at least the interval, at most one slice longer — the conservative side, never more than the
/// venue allows in any window. Not thread-safe: the venue's limiter serialises access.</remarks>
public sealed class RollingRateWindow
{
    private readonly long _sliceMs;
    private readonly long[] _sliceIds; // ring of the slices in the window and the one leaving it, by slice id
    private readonly int[] _counts;
    private long _newest = long.MinValue; // id of the newest slice counted so far
    private int _used;

    public RollingRateWindow(string name, int limit, long intervalMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 1);
        Name = name;
        Limit = limit;
        IntervalMs = intervalMs;
        _sliceMs = Math.Max(1, intervalMs / 100);
        Buckets = (int)((intervalMs + _sliceMs - 1) / _sliceMs);
        _sliceIds = new long[Buckets + 1];
        _counts = new int[Buckets + 1];
        Array.Fill(_sliceIds, long.MinValue);
    }

    public string Name { get; }
    public int Limit { get; }
    public long IntervalMs { get; }
    /// <summary>Slices the interval is counted in.</summary>
    public int Buckets { get; }

    /// <summary>Units counted in the window ending at <paramref name="nowMs"/>.</summary>
    public int Used(long nowMs)
    {
        Roll(nowMs);
        return _used;
    }

    /// <summary>Whether <paramref name="cost"/> more units fit in the window ending now.</summary>
    public bool Fits(int cost, long nowMs)
    {
        Roll(nowMs);
        return (long)_used + cost <= Limit;
    }

    /// <summary>When (unix ms) enough units will have left the window for <paramref name="cost"/> more to fit;
    /// <paramref name="nowMs"/> when they fit now. Off the send path: it walks the slices.</summary>
    public long FreeAtMs(int cost, long nowMs)
    {
        Roll(nowMs);
        var excess = (long)_used + cost - Limit;
        if (excess <= 0) return nowMs;
        for (var id = _newest - Buckets; id <= _newest; id++)
        {
            var slot = Slot(id);
            if (_sliceIds[slot] != id) continue;
            excess -= _counts[slot];
            // A slice leaves the window once the newest slice is more than Buckets ahead of it.
            if (excess <= 0) return (id + Buckets + 1) * _sliceMs;
        }
        return (_newest + Buckets + 1) * _sliceMs; // more than the limit itself: once everything counted has left
    }

    public void Add(int cost, long nowMs)
    {
        Roll(nowMs);
        var slot = Slot(_newest);
        if (_sliceIds[slot] != _newest)
        {
            _sliceIds[slot] = _newest;
            _counts[slot] = 0;
        }
        _counts[slot] += cost;
        _used += cost;
    }

    /// <summary>The venue's own count for the window ending now (a response header): ours is raised to it, the difference
    /// counted as made now (it then stays a full interval: conservative, since the venue's may leave sooner).</summary>
    public void Observe(int venueCount, long nowMs)
    {
        Roll(nowMs);
        if (venueCount > _used) Add(venueCount - _used, nowMs);
    }

    private int Slot(long sliceId) => (int)(((sliceId % _sliceIds.Length) + _sliceIds.Length) % _sliceIds.Length);

    /// <summary>Moves the window's end to <paramref name="nowMs"/>: slices that left it are uncounted. A clock that steps
    /// back keeps the window where it was (units added then count in the newest slice, held longer, never shorter).</summary>
    private void Roll(long nowMs)
    {
        var current = Math.DivRem(nowMs, _sliceMs, out var rem);
        if (rem < 0) current--; // floor for times before the epoch
        if (current <= _newest) return;
        if (_newest == long.MinValue || current - _newest > Buckets)
        {
            Array.Clear(_counts);
            Array.Fill(_sliceIds, long.MinValue);
            _used = 0;
        }
        else
        {
            // Slices older than current − Buckets leave: those from the oldest kept before this roll up to that bound.
            for (var id = _newest - Buckets; id < current - Buckets; id++)
            {
                var slot = Slot(id);
                if (_sliceIds[slot] != id) continue;
                _used -= _counts[slot];
                _counts[slot] = 0;
                _sliceIds[slot] = long.MinValue;
            }
        }
        _newest = current;
    }
}
