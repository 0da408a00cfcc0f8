using FundingArb.Gateway;

namespace FundingArb.Venues.Binance;

/// <summary>Binance USDⓈ-M request limits, counted locally from the documented weights and raised to what the venue
/// reports (<c>X-MBX-USED-WEIGHT-1M</c>, <c>X-MBX-ORDER-COUNT-10S</c>/<c>-1M</c> headers; <c>rateLimits</c> in WS API
/// answers, shared with REST). A request that would exceed a limit is refused here, with the reason and when to retry,
/// and never sent. After a 429 or 418 nothing is sent until its <c>Retry-After</c> has passed (general-info: "Repeatedly
/// violating rate limits and/or failing to back off after receiving 429s will result in an automated IP ban").</summary>
/// <remarks>Defaults are the documented limits (exchangeInfo rateLimits: REQUEST_WEIGHT 2400/1m, ORDERS 300/10s and
/// 1200/1m). Thread-safe.</remarks>
public sealed class BinanceRateLimits
{
    private readonly Lock _lock = new();
    private long _blockedUntilMs;

    public BinanceRateLimits(int weightPerMinute = 2400, int ordersPer10Seconds = 300, int ordersPerMinute = 1200)
    {
        Weight = new RateWindow("request weight per 1m", weightPerMinute, 60_000);
        Orders10s = new RateWindow("orders per 10s", ordersPer10Seconds, 10_000);
        Orders1m = new RateWindow("orders per 1m", ordersPerMinute, 60_000);
    }

    public RateWindow Weight { get; }
    public RateWindow Orders10s { get; }
    public RateWindow Orders1m { get; }

    /// <summary>Requests refused locally (tests, status).</summary>
    public long Refused { get; private set; }

    /// <summary>Reserves <paramref name="weight"/> (and one order if <paramref name="isOrder"/>); false with the refusal
    /// (<see cref="ExecutionErrorKind.RateLimited"/>, retry time set) when it does not fit.</summary>
    public bool TryAcquire(int weight, bool isOrder, long nowMs, out ExecutionError refusal)
    {
        lock (_lock)
        {
            refusal = default;
            if (nowMs < _blockedUntilMs)
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "venue asked us to back off (429/418 Retry-After); not sent"u8, _blockedUntilMs), out refusal);
            if (!Weight.Fits(weight, nowMs))
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "request weight per minute would exceed the limit; not sent"u8, Weight.WindowEnd(nowMs)), out refusal);
            if (isOrder && !Orders10s.Fits(1, nowMs))
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "orders per 10 s would exceed the limit; not sent"u8, Orders10s.WindowEnd(nowMs)), out refusal);
            if (isOrder && !Orders1m.Fits(1, nowMs))
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "orders per minute would exceed the limit; not sent"u8, Orders1m.WindowEnd(nowMs)), out refusal);
            Weight.Add(weight, nowMs);
            if (isOrder)
            {
                Orders10s.Add(1, nowMs);
                Orders1m.Add(1, nowMs);
            }
            return true;
        }
    }

    private bool Refuse(in ExecutionError error, out ExecutionError refusal)
    {
        Refused++;
        refusal = error;
        return false;
    }

    /// <summary>Counts the venue reported for the current windows; a negative value means "not reported".</summary>
    public void Observe(int usedWeight1m, int orders10s, int orders1m, long nowMs)
    {
        lock (_lock)
        {
            if (usedWeight1m >= 0) Weight.Observe(usedWeight1m, nowMs);
            if (orders10s >= 0) Orders10s.Observe(orders10s, nowMs);
            if (orders1m >= 0) Orders1m.Observe(orders1m, nowMs);
        }
    }

    /// <summary>A 429 or 418: no request goes out before <paramref name="untilMs"/>.</summary>
    public void BlockUntil(long untilMs)
    {
        lock (_lock)
            if (untilMs > _blockedUntilMs) _blockedUntilMs = untilMs;
    }

    public long BlockedUntilMs
    {
        get
        {
            lock (_lock) return _blockedUntilMs;
        }
    }
}
