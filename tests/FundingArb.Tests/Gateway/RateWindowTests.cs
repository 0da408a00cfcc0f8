using FundingArb.Gateway;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Gateway;

public sealed class RateWindowTests
{
    private const long Minute = 1_767_571_200_000; // 2026-01-05T00:00:00Z, a minute boundary

    [Fact]
    public void Windows_are_aligned_and_reset_on_the_boundary()
    {
        var window = new RateWindow("weight", 10, 60_000);
        window.Add(8, Minute + 59_999);
        Assert.False(window.Fits(3, Minute + 59_999));
        Assert.Equal(Minute + 60_000, window.WindowEnd(Minute + 59_999));
        Assert.True(window.Fits(10, Minute + 60_000));
        Assert.Equal(0, window.Used(Minute + 60_000));
    }

    [Fact]
    public void The_venue_count_raises_ours_never_lowers_it()
    {
        var window = new RateWindow("weight", 100, 60_000);
        window.Add(30, Minute);
        window.Observe(20, Minute + 1);
        Assert.Equal(30, window.Used(Minute + 2));
        window.Observe(90, Minute + 3);
        Assert.Equal(90, window.Used(Minute + 4));
    }

    [Fact]
    public void Orders_count_on_both_order_windows_and_the_first_full_one_refuses()
    {
        var limits = new BinanceRateLimits(weightPerMinute: 100, ordersPer10Seconds: 2, ordersPerMinute: 3);
        Assert.True(limits.TryAcquire(0, isOrder: true, Minute, out _));
        Assert.True(limits.TryAcquire(0, isOrder: true, Minute + 1, out _));
        Assert.False(limits.TryAcquire(0, isOrder: true, Minute + 2, out var tenSeconds));
        Assert.Equal(ExecutionErrorKind.RateLimited, tenSeconds.Kind);
        Assert.Equal(Minute + 10_000, tenSeconds.RetryAfterMs);
        Assert.True(limits.TryAcquire(0, isOrder: true, Minute + 10_000, out _));
        Assert.False(limits.TryAcquire(0, isOrder: true, Minute + 20_000, out var minute));
        Assert.Equal(Minute + 60_000, minute.RetryAfterMs);
        Assert.True(limits.TryAcquire(5, isOrder: false, Minute + 20_000, out _)); // weight is a separate limit
        Assert.Equal(2, limits.Refused);
    }

    [Fact]
    public void After_a_retry_after_nothing_goes_out_until_it_has_passed()
    {
        var limits = new BinanceRateLimits();
        limits.BlockUntil(Minute + 7_000);
        Assert.False(limits.TryAcquire(1, isOrder: false, Minute + 6_999, out var refusal));
        Assert.Equal(Minute + 7_000, refusal.RetryAfterMs);
        Assert.True(limits.TryAcquire(1, isOrder: false, Minute + 7_000, out _));
    }
}
