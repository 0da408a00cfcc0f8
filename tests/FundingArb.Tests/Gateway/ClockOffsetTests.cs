using FundingArb.Gateway;
using FundingArb.Replay;

namespace FundingArb.Tests.Gateway;

public sealed class ClockOffsetTests
{
    [Fact]
    public void The_sample_with_the_smallest_round_trip_sets_the_offset()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var offset = new ClockOffset(clock);
        var local = clock.GetUtcNow().ToUnixTimeMilliseconds();

        offset.BeginRound();
        var t0 = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(40)); // slow sample: server said local+500 at its midpoint → offset ≈ 480
        offset.AddSample(t0, clock.GetTimestamp(), local + 500);
        var t1 = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(4)); // fast sample: server time local+40+250+2 at its midpoint
        offset.AddSample(t1, clock.GetTimestamp(), local + 40 + 252);
        Assert.Equal(0, offset.OffsetMs); // nothing applied until the round ends
        Assert.True(offset.EndRound());

        Assert.Equal(250, offset.OffsetMs);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds() + 250, offset.NowUnixMs());
        Assert.Equal(1, offset.Rounds);
    }

    [Fact]
    public void A_round_without_samples_keeps_the_offset()
    {
        var offset = new ClockOffset(new VirtualClock(DateTimeOffset.UnixEpoch.AddYears(56)));
        offset.BeginRound();
        Assert.False(offset.EndRound());
        Assert.Equal(0, offset.OffsetMs);
    }

    [Fact]
    public void A_sample_that_took_longer_than_a_signature_window_is_not_used()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var offset = new ClockOffset(clock);
        var sent = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMinutes(61)); // the process stalled (or the clock jumped) while the request was out
        offset.BeginRound();
        offset.AddSample(sent, clock.GetTimestamp(), clock.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.False(offset.EndRound()); // half of 61 min would have become the offset
        Assert.Equal(0, offset.OffsetMs);
    }
}
