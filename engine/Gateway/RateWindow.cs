namespace FundingArb.Gateway;

/// <summary>One venue rate limit: at most <see cref="Limit"/> units per fixed window of <see cref="IntervalMs"/>, windows
/// aligned to the epoch as the venues count them (Binance resets its per-minute weight on the minute). Our own count is
/// raised to whatever the venue reports it has counted, so requests made elsewhere with the same key or IP count too.</summary>
/// <remarks>Not thread-safe: the venue's limiter serialises access.</remarks>
public sealed class RateWindow(string name, int limit, long intervalMs)
{
    private long _windowStart = long.MinValue;
    private int _used;

    public string Name => name;
    public int Limit => limit;
    public long IntervalMs => intervalMs;

    public int Used(long nowMs)
    {
        Roll(nowMs);
        return _used;
    }

    /// <summary>When the current window ends, unix ms.</summary>
    public long WindowEnd(long nowMs)
    {
        Roll(nowMs);
        return _windowStart + intervalMs;
    }

    /// <summary>Whether <paramref name="cost"/> more units fit in the current window.</summary>
    public bool Fits(int cost, long nowMs)
    {
        Roll(nowMs);
        return _used + cost <= limit;
    }

    public void Add(int cost, long nowMs)
    {
        Roll(nowMs);
        _used += cost;
    }

    /// <summary>The venue's own count for the current window (a response header, a <c>rateLimits</c> entry).</summary>
    public void Observe(int venueCount, long nowMs)
    {
        Roll(nowMs);
        if (venueCount > _used) _used = venueCount;
    }

    private void Roll(long nowMs)
    {
        var start = nowMs - ((nowMs % intervalMs) + intervalMs) % intervalMs;
        if (start == _windowStart) return;
        if (start > _windowStart)
        {
            _windowStart = start;
            _used = 0;
        }
    }
}
