namespace FundingArb.VenueSim.Bybit;

/// <summary>Per-account, per-endpoint request counting in one-second windows of the wall clock, for the
/// <c>X-Bapi-Limit</c>, <c>X-Bapi-Limit-Status</c> and <c>X-Bapi-Limit-Reset-Timestamp</c> headers (docs/v5/rate-limit).
/// Reported, never enforced (README, "Not yet").</summary>
public sealed class BybitRateLimits
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Key, string Endpoint), (long Second, int Used)> _windows = [];

    /// <summary>Counts one request and returns the limit, what remains of it this second, and when it resets: the
    /// current time while within the limit, as the docs describe, else the start of the next second.
    /// <paramref name="exceededUntil"/>: the request was refused as rate limited (an injected fault), so nothing remains
    /// until then.</summary>
    public (int Limit, int Remaining, long ResetTimestamp) Count(string apiKey, string endpoint, int limit, long nowMs, long? exceededUntil = null)
    {
        if (exceededUntil is { } until) return (limit, 0, until);
        var second = nowMs / 1000;
        int used;
        lock (_lock)
        {
            used = _windows.TryGetValue((apiKey, endpoint), out var window) && window.Second == second ? window.Used + 1 : 1;
            _windows[(apiKey, endpoint)] = (second, used);
        }
        var remaining = Math.Max(0, limit - used);
        return (limit, remaining, used > limit ? (second + 1) * 1000 : nowMs);
    }
}
