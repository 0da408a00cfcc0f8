namespace FundingArb.VenueSim.Okx;

/// <summary>Place order's documented limit, 60 requests per 2 seconds per user and instrument, shared by REST and the
/// WebSocket "order" op. Counted in fixed 2-second windows of the wall clock.</summary>
public sealed class OkxOrderRateLimit(TimeProvider wallClock)
{
    public const int Limit = 60;
    private const long WindowMs = 2000;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Account, string Symbol), (long Window, int Count)> _counts = [];

    /// <summary>Counts one request; false when it is over the limit.</summary>
    public bool TryAcquire(string accountKey, string symbol)
    {
        var window = wallClock.GetUtcNow().ToUnixTimeMilliseconds() / WindowMs;
        lock (_lock)
        {
            var key = (accountKey, symbol);
            var (current, count) = _counts.GetValueOrDefault(key);
            count = current == window ? count + 1 : 1;
            _counts[key] = (window, count);
            return count <= Limit;
        }
    }
}
