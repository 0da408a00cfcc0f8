using FundingArb.Gateway;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>The per-endpoint, per-IP and ban accounting of docs/v5/rate-limit: refused locally, with when to retry.</summary>
public sealed class BybitRateLimitsTests
{
    private const long Now = 1_767_599_940_250; // 07:59:00.250

    [Fact]
    public void Each_endpoint_has_its_own_rolling_per_second_window()
    {
        var limits = new BybitRateLimits(orderPerSecond: 2);
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now, out _));
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now + 500, out _));
        Assert.False(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now + 500, out var refusal));
        Assert.Equal(ExecutionErrorKind.RateLimited, refusal.Kind);
        Assert.InRange(refusal.RetryAfterMs, Now + 1000, Now + 1010); // when the first leaves the rolling second (10 ms slices)
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCancel, rest: false, Now + 500, out _)); // another endpoint
        // "the rolling time window per second and UID" (docs/v5/rate-limit): a new calendar second frees nothing.
        Assert.False(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now + 750, out _));
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, refusal.RetryAfterMs, out _));
        Assert.False(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, refusal.RetryAfterMs, out _)); // the second is still in
        Assert.Equal(3, limits.Refused);
    }

    [Fact]
    public void The_venues_figures_raise_our_count_and_an_exhausted_limit_blocks_until_its_reset()
    {
        var limits = new BybitRateLimits();
        limits.Observe(BybitEndpoint.OrderRealtime, limit: 50, left: 20, resetMs: Now, Now);
        Assert.Equal(30, limits.Of(BybitEndpoint.OrderRealtime).Used(Now));
        limits.Observe(BybitEndpoint.OrderCreate, limit: 10, left: 0, resetMs: Now + 600, Now);
        Assert.False(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now + 100, out var refusal));
        Assert.Equal(Now + 600, refusal.RetryAfterMs);
        // The venue's window frees one by then; ours holds the 10 it was told of, as made when told, a full second.
        Assert.False(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now + 600, out _));
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now + 1010, out _));
    }

    [Fact]
    public void The_ip_window_counts_rest_only_and_a_403_ban_stops_rest_but_not_the_websocket()
    {
        var limits = new BybitRateLimits(ipPer5Seconds: 1, ipBan: TimeSpan.FromMinutes(30));
        Assert.True(limits.TryAcquire(BybitEndpoint.PositionList, rest: true, Now, out _));
        Assert.False(limits.TryAcquire(BybitEndpoint.WalletBalance, rest: true, Now, out _));
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now, out _));

        var until = limits.BanRest(Now);
        Assert.Equal(Now + 30 * 60_000, until);
        Assert.False(limits.TryAcquire(BybitEndpoint.ServerTime, rest: true, Now + 10_000, out var refusal));
        Assert.Equal(until, refusal.RetryAfterMs);
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now + 10_000, out _));
    }

    [Fact]
    public void A_403_ban_lasts_the_documented_10_minutes_by_default()
    {
        // docs/v5/rate-limit, "HTTP IP limit": "wait for at least 10 minutes. The ban will be lifted automatically."
        var limits = new BybitRateLimits();
        Assert.Equal(TimeSpan.FromMinutes(10), limits.IpBan);
        var until = limits.BanRest(Now);
        Assert.Equal(Now + 10 * 60_000, until);
        Assert.False(limits.TryAcquire(BybitEndpoint.PositionList, rest: true, until - 1, out _));
        Assert.True(limits.TryAcquire(BybitEndpoint.PositionList, rest: true, until, out _));
    }

    [Fact]
    public void A_10006_blocks_its_endpoint_only()
    {
        var limits = new BybitRateLimits();
        limits.Block(BybitEndpoint.OrderCreate, Now + 1000);
        Assert.False(limits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, Now, out _));
        Assert.True(limits.TryAcquire(BybitEndpoint.OrderCancel, rest: false, Now, out _));
        Assert.Equal(Now + 1000, limits.BlockedUntilMs(BybitEndpoint.OrderCreate));
    }
}
