using FundingArb.Market;
using FundingArb.Replay;

namespace FundingArb.Tests.Replay;

public class VirtualClockTests
{
    private const long Start = 1_700_000_000_000_000_000L; // unix ns

    [Fact]
    public void Time_moves_only_when_advanced_and_reads_in_unix_nanoseconds()
    {
        var clock = new VirtualClock(Start);
        Assert.Equal(Start, clock.GetTimestamp());
        Assert.Equal(Start, clock.UnixNanoseconds());
        Assert.Equal(Start / 1_000_000, clock.UnixMilliseconds());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Start / 1_000_000), clock.GetUtcNow());

        clock.Advance(TimeSpan.FromMilliseconds(1.5));
        Assert.Equal(Start + 1_500_000, clock.GetTimestamp());
        clock.AdvanceTo(Start + 1_500_123);
        Assert.Equal(Start + 1_500_123, clock.UnixNanoseconds());
        Assert.Equal(0.123, clock.ElapsedMicroseconds(Start + 1_500_000, clock.GetTimestamp()), 9);
    }

    [Fact]
    public void The_clock_refuses_to_move_back()
    {
        var clock = new VirtualClock(Start);
        clock.AdvanceTo(Start + 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(Start + 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Timers_fire_in_due_order_with_ties_in_creation_order_each_seeing_its_own_due_time()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<(string Name, long At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.UnixNanoseconds())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var tieA = clock.CreateTimer(_ => fired.Add(("tieA", clock.UnixNanoseconds())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var tieB = clock.CreateTimer(_ => fired.Add(("tieB", clock.UnixNanoseconds())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var never = clock.CreateTimer(_ => fired.Add(("never", 0)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(
            [("tieA", Start + 1_000_000_000), ("tieB", Start + 1_000_000_000), ("late", Start + 3_000_000_000)],
            fired);
        Assert.Equal(Start + 5_999_000_000, clock.UnixNanoseconds());
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_passed_until_disposed()
    {
        var clock = new VirtualClock(Start);
        var ticks = new List<long>();
        var timer = clock.CreateTimer(_ => ticks.Add(clock.UnixNanoseconds()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal([Start + 1_000_000_000, Start + 3_000_000_000, Start + 5_000_000_000], ticks);

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, ticks.Count);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Changing_a_timer_replaces_its_schedule_and_a_callback_may_rearm_its_own_timer()
    {
        var clock = new VirtualClock(Start);
        var count = 0;
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            if (++count < 3) timer!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan); // the 1 s schedule is gone
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, count);
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(3, count); // at 5 s, 15 s, 25 s
        Assert.Equal(0, clock.PendingTimers);
        timer.Dispose();
    }

    [Fact]
    public async Task Task_Delay_on_the_virtual_clock_completes_only_when_the_clock_passes_its_due_time()
    {
        var clock = new VirtualClock(Start);
        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void Two_runs_with_the_same_inputs_give_the_same_callback_sequence()
    {
        static List<string> Run()
        {
            var clock = new VirtualClock(Start);
            var log = new List<string>();
            var timers = new List<ITimer>();
            for (var i = 0; i < 20; i++)
            {
                var name = $"t{i}";
                timers.Add(clock.CreateTimer(_ => log.Add($"{name}@{clock.UnixNanoseconds() - Start}"), null,
                    TimeSpan.FromMilliseconds(i * 37 % 11), TimeSpan.FromMilliseconds(5 + i % 3)));
            }
            for (var step = 0; step < 50; step++) clock.Advance(TimeSpan.FromMilliseconds(3));
            foreach (var timer in timers) timer.Dispose();
            return log;
        }
        var first = Run();
        Assert.NotEmpty(first);
        Assert.Equal(first, Run());
    }

    [Fact]
    public void A_timer_disposed_from_another_thread_while_it_fires_stays_disposed()
    {
        // Before the fix a periodic timer re-armed itself after a concurrent Dispose within ~100 rounds.
        var resurrected = 0;
        for (var round = 0; round < 500 && resurrected == 0; round++)
        {
            var clock = new VirtualClock(Start);
            var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromTicks(1), TimeSpan.FromTicks(1));
            int stop = 0, started = 0;
            var advancer = new Thread(() =>
            {
                Volatile.Write(ref started, 1);
                while (Volatile.Read(ref stop) == 0) clock.Advance(TimeSpan.FromTicks(1));
            });
            advancer.Start();
            while (Volatile.Read(ref started) == 0) Thread.SpinWait(1);
            Thread.SpinWait(50 + round % 300);
            timer.Dispose();
            Volatile.Write(ref stop, 1);
            Assert.True(advancer.Join(TimeSpan.FromSeconds(30)), "advancing thread did not stop");
            if (clock.PendingTimers != 0) resurrected++;
        }
        Assert.Equal(0, resurrected);
    }

    [Fact]
    public void A_callback_that_disarms_its_periodic_timer_is_not_re_armed()
    {
        var clock = new VirtualClock(Start);
        var fired = 0;
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            fired++;
            timer!.Change(Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(1));
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, fired);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void A_callback_that_advances_the_clock_further_is_not_undone_by_the_outer_advance()
    {
        var clock = new VirtualClock(Start);
        using var timer = clock.CreateTimer(_ => clock.AdvanceTo(Start + 11_000_000_000), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        clock.AdvanceTo(Start + 2_000_000_000);
        Assert.Equal(Start + 11_000_000_000, clock.UnixNanoseconds);
    }
}
