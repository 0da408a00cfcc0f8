using FundingArb.Gateway;

namespace FundingArb.Tests.Gateway;

/// <summary>A limit over any window of the interval ending now, never more: unlike a window aligned to the epoch, a new
/// second frees nothing made less than a second ago.</summary>
public sealed class RollingRateWindowTests
{
    private const long Second = 1_767_571_200_000; // 2026-01-05T00:00:00Z

    [Fact]
    public void A_unit_is_held_for_the_whole_interval_whatever_the_calendar()
    {
        var window = new RollingRateWindow("orders", 2, 1000);
        window.Add(1, Second + 900);
        window.Add(1, Second + 950);
        Assert.False(window.Fits(1, Second + 1000)); // a fixed window would have reset here
        Assert.False(window.Fits(1, Second + 1899));
        var free = window.FreeAtMs(1, Second + 1000);
        Assert.InRange(free, Second + 1900, Second + 1910); // the first unit's interval, at most one 10 ms slice later
        Assert.True(window.Fits(1, free));
        Assert.Equal(1, window.Used(free));
        Assert.False(window.Fits(2, free));
        Assert.Equal(0, window.Used(Second + 2000));
    }

    [Fact]
    public void Never_more_than_the_limit_in_any_window()
    {
        var window = new RollingRateWindow("orders", 10, 1000);
        var taken = new List<long>();
        for (var t = Second; t < Second + 10_000; t += 7)
        {
            if (!window.Fits(1, t)) continue;
            window.Add(1, t);
            taken.Add(t);
        }
        Assert.All(taken, t => Assert.True(taken.Count(u => u > t - 1000 && u <= t) <= 10));
        Assert.True(taken.Count >= 90); // and it lets nearly the limit through: 10 a second over 10 s
    }

    [Fact]
    public void The_venue_count_raises_ours_never_lowers_it()
    {
        var window = new RollingRateWindow("orders", 100, 1000);
        window.Add(30, Second);
        window.Observe(20, Second + 1);
        Assert.Equal(30, window.Used(Second + 2));
        window.Observe(90, Second + 500);
        Assert.Equal(90, window.Used(Second + 500));
        Assert.Equal(60, window.Used(Second + 1010)); // the first 30 have left; the 60 told of at +500 stay a full second
        Assert.Equal(0, window.Used(Second + 1510));
    }

    [Fact]
    public void A_long_pause_clears_the_window_and_a_clock_that_steps_back_keeps_it()
    {
        var window = new RollingRateWindow("ip", 3, 5000);
        window.Add(3, Second);
        Assert.False(window.Fits(1, Second - 2000)); // stepped back: still full
        Assert.True(window.Fits(3, Second + 3_600_000));
    }

    [Fact]
    public void Its_memory_is_fixed_whatever_the_limit()
    {
        var window = new RollingRateWindow("huge", int.MaxValue / 2, 1000);
        Assert.Equal(100, window.Buckets);
        window.Add(1_000_000, Second);
        Assert.True(window.Fits(int.MaxValue / 2 - 1_000_000, Second));
        Assert.False(window.Fits(int.MaxValue / 2 - 999_999, Second));
    }
}
