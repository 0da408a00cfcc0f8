using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5 request limits (docs/v5/rate-limit), counted locally and raised to what the venue reports; a request
/// that would go over a limit is refused here, with the reason and when to retry, and never sent.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Per account and endpoint, per second ("The API rate limit is based on the rolling time window per second and
/// UID", docs/v5/rate-limit), for a unified account trading linear: order create and cancel 10/s, order realtime,
/// execution list, position list, wallet balance and account info 50/s, set-leverage and switch-mode 10/s. Every signed
/// answer reports the endpoint's <c>X-Bapi-Limit</c>, what is left of it
/// (<c>X-Bapi-Limit-Status</c>) and <c>X-Bapi-Limit-Reset-Timestamp</c>; our count is raised to limit − left, and an
/// exhausted limit blocks the endpoint until the reset time. The WS trade API reports the same figures in its answer's
/// <c>header</c>, shared with REST.</item>
/// <item>Per IP, REST only: 600 requests "within a 5-second window" (formerly "in any 5-second window"); docs/v5/rate-limit,
/// "HTTP IP limit": on "403, access too frequent" "you should terminate all HTTP sessions and wait for at least 10
/// minutes. The ban will be lifted automatically." So no REST request goes out for <see cref="IpBan"/>.</item>
/// <item>retCode 10006 ("Too many visits") blocks the endpoint until its reset time (a second when none is given).</item>
/// </list>
/// Windows roll on the venue's clock (<see cref="RollingRateWindow"/>): a fixed second would let twice the limit through
/// across its boundary, which the venue's rolling second refuses. The venue's own count, observed after each request,
/// corrects ours. Thread-safe.
/// </remarks>
public sealed class BybitRateLimits
{
    private static readonly int EndpointCount = Enum.GetValues<BybitEndpoint>().Length;
    private readonly Lock _lock = new();
    /// <summary>docs/v5/rate-limit, "HTTP IP limit": "wait for at least 10 minutes. The ban will be lifted automatically."</summary>
    public static readonly TimeSpan DefaultIpBan = TimeSpan.FromMinutes(10);

    private readonly RollingRateWindow[] _endpoints;
    private readonly long[] _blockedUntilMs;
    private long _restBlockedUntilMs;

    public BybitRateLimits(int orderPerSecond = 10, int queryPerSecond = 50, int settingsPerSecond = 10, int ipPer5Seconds = 600,
        TimeSpan? ipBan = null)
    {
        _endpoints = new RollingRateWindow[EndpointCount];
        _blockedUntilMs = new long[EndpointCount];
        foreach (var endpoint in Enum.GetValues<BybitEndpoint>())
        {
            var limit = endpoint switch
            {
                BybitEndpoint.OrderCreate or BybitEndpoint.OrderCancel => orderPerSecond,
                BybitEndpoint.SetLeverage or BybitEndpoint.SwitchMode => settingsPerSecond,
                BybitEndpoint.ServerTime => int.MaxValue, // public: the IP limit only
                _ => queryPerSecond,
            };
            _endpoints[(int)endpoint] = new RollingRateWindow(endpoint + " per 1s", limit, 1000);
        }
        Ip = new RollingRateWindow("REST requests per IP per 5s", ipPer5Seconds, 5000);
        IpBan = ipBan ?? DefaultIpBan;
    }

    public RollingRateWindow Ip { get; }
    public TimeSpan IpBan { get; }
    public RollingRateWindow Of(BybitEndpoint endpoint) => _endpoints[(int)endpoint];

    /// <summary>Requests refused locally (tests, status).</summary>
    public long Refused { get; private set; }

    /// <summary>Reserves one request on <paramref name="endpoint"/> (and on the IP window when it goes over REST); false
    /// with the refusal (<see cref="ExecutionErrorKind.RateLimited"/>, retry time set) when it does not fit.</summary>
    public bool TryAcquire(BybitEndpoint endpoint, bool rest, long nowMs, out ExecutionError refusal)
    {
        lock (_lock)
        {
            refusal = default;
            var window = _endpoints[(int)endpoint];
            if (rest && nowMs < _restBlockedUntilMs)
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "the venue banned this IP (HTTP 403); no REST request until the ban ends"u8,
                    _restBlockedUntilMs), out refusal);
            if (nowMs < _blockedUntilMs[(int)endpoint])
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "the venue reported this endpoint's limit exhausted; not sent"u8,
                    _blockedUntilMs[(int)endpoint]), out refusal);
            if (!window.Fits(1, nowMs))
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "requests per second on this endpoint would exceed the limit; not sent"u8,
                    window.FreeAtMs(1, nowMs)), out refusal);
            if (rest && !Ip.Fits(1, nowMs))
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "REST requests per 5 s from this IP would exceed the limit; not sent"u8,
                    Ip.FreeAtMs(1, nowMs)), out refusal);
            window.Add(1, nowMs);
            if (rest) Ip.Add(1, nowMs);
            return true;
        }
    }

    private bool Refuse(in ExecutionError error, out ExecutionError refusal)
    {
        Refused++;
        refusal = error;
        return false;
    }

    /// <summary>The figures of one answer: <c>X-Bapi-Limit</c>, <c>X-Bapi-Limit-Status</c> (left), and
    /// <c>X-Bapi-Limit-Reset-Timestamp</c>; a negative limit or left means "not reported".</summary>
    public void Observe(BybitEndpoint endpoint, int limit, int left, long resetMs, long nowMs)
    {
        if (limit < 0 || left < 0) return;
        lock (_lock)
        {
            _endpoints[(int)endpoint].Observe(Math.Max(0, limit - left), nowMs);
            // "the timestamp indicating when your request limit resets if you have exceeded your rate limit"
            if (left == 0 && resetMs > nowMs) BlockLocked(endpoint, resetMs);
        }
    }

    /// <summary>retCode 10006 on <paramref name="endpoint"/>: nothing goes to it before <paramref name="untilMs"/>.</summary>
    public void Block(BybitEndpoint endpoint, long untilMs)
    {
        lock (_lock) BlockLocked(endpoint, untilMs);
    }

    /// <summary>HTTP 403: the IP is banned; no REST request before <paramref name="nowMs"/> + <see cref="IpBan"/>.</summary>
    public long BanRest(long nowMs)
    {
        lock (_lock)
        {
            var until = nowMs + (long)IpBan.TotalMilliseconds;
            if (until > _restBlockedUntilMs) _restBlockedUntilMs = until;
            return _restBlockedUntilMs;
        }
    }

    public long BlockedUntilMs(BybitEndpoint endpoint)
    {
        lock (_lock) return _blockedUntilMs[(int)endpoint];
    }

    private void BlockLocked(BybitEndpoint endpoint, long untilMs)
    {
        if (untilMs > _blockedUntilMs[(int)endpoint]) _blockedUntilMs[(int)endpoint] = untilMs;
    }
}
