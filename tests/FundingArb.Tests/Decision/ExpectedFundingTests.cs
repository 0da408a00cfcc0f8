using FundingArb.Decision;

namespace FundingArb.Tests.Decision;

public class ExpectedFundingTests
{
    private const long H = SettlementSchedule.MsPerHour;
    private const long T0 = 1_700_006_400_000; // a whole 8 h boundary (unix ms)

    [Fact]
    public void The_interval_trap_a_1h_venue_at_one_bp_against_an_8h_venue_at_five_bp_is_paid_the_other_way()
    {
        var hourly = new FundingLeg(0.0001, new SettlementSchedule(T0 + H, 1));      // venue A: 0.01 % every hour
        var eightHourly = new FundingLeg(0.0005, new SettlementSchedule(T0 + 8 * H, 8)); // venue B: 0.05 % every 8 h

        // Raw comparison says short B (0.05 %) and long A (0.01 %): wrong. Normalised, A costs 0.01 %/h, B pays 0.00625 %/h.
        Assert.Equal(-0.0000375, ExpectedFunding.DiffPerHour(longLeg: hourly, shortLeg: eightHourly), 12);
        Assert.Equal(+0.0000375, ExpectedFunding.DiffPerHour(longLeg: eightHourly, shortLeg: hourly), 12);

        // Over the eight hours to B's settlement: B settles once, A eight times.
        var open = T0 + 1;
        var close = T0 + 8 * H + 1;
        Assert.Equal(-0.0003, ExpectedFunding.OverHold(hourly, eightHourly, open, close), 12);
        Assert.Equal(+0.0003, ExpectedFunding.OverHold(eightHourly, hourly, open, close), 12);
    }

    [Fact]
    public void Negative_rates_pay_the_long_side()
    {
        var a = new FundingLeg(-0.0002, new SettlementSchedule(T0 + 8 * H, 8)); // shorts pay longs 0.02 %
        var b = new FundingLeg(-0.0001, new SettlementSchedule(T0 + 8 * H, 8));
        Assert.Equal(0.0001, ExpectedFunding.OverHold(longLeg: a, shortLeg: b, T0, T0 + 9 * H), 12); // +0.02 % − 0.01 %
        Assert.Equal(0.0000125, ExpectedFunding.DiffPerHour(longLeg: a, shortLeg: b), 12);
        Assert.True(ExpectedFunding.DiffPerHour(longLeg: b, shortLeg: a) < 0);
    }

    [Fact]
    public void An_8h_and_a_4h_venue_over_a_day_settle_three_and_six_times()
    {
        var eight = new SettlementSchedule(T0 + 8 * H, 8);
        var four = new SettlementSchedule(T0 + 4 * H, 4);
        Assert.Equal(3, eight.CountWithin(T0, T0 + 24 * H + 1));
        Assert.Equal(6, four.CountWithin(T0, T0 + 24 * H + 1));
        var income = ExpectedFunding.OverHold(new FundingLeg(0.0001, four), new FundingLeg(0.0001, eight), T0, T0 + 24 * H + 1);
        Assert.Equal(3 * 0.0001 - 6 * 0.0001, income, 12); // equal raw rates, yet the pair pays: the 4 h leg settles twice as often
    }

    [Theory]
    [InlineData(-1, 1, 1)]                  // the settlement at +0 is strictly inside
    [InlineData(-1, 8 * H + 1, 2)]          // settlements at +0 and +8 h, both strictly inside
    [InlineData(0, 8 * H + 1, 1)]           // opened exactly at a settlement: that one is not counted
    [InlineData(-1, 8 * H, 1)]              // closed exactly at a settlement: not counted either
    [InlineData(1, 8 * H - 1, 0)]
    [InlineData(-3 * 8 * H - 1, 1, 4)]      // the schedule is periodic both ways: −24 h, −16 h, −8 h and +0
    [InlineData(5, 5, 0)]
    [InlineData(10, 5, 0)]                  // a hold that ends before it starts
    public void Settlements_strictly_inside_the_hold_are_counted(long openOffset, long closeOffset, int expected)
    {
        var schedule = new SettlementSchedule(T0, 8);
        Assert.Equal(expected, schedule.CountWithin(T0 + openOffset, T0 + closeOffset));
    }

    [Fact]
    public void A_passed_next_settlement_is_projected_forward_by_whole_intervals()
    {
        var schedule = new SettlementSchedule(T0, 8);
        Assert.Equal(T0, schedule.FirstAfter(T0 - 1));
        Assert.Equal(T0 - 8 * H, schedule.FirstAfter(T0 - 8 * H - 1));
        Assert.Equal(T0 + 8 * H, schedule.FirstAfter(T0));
        Assert.Equal(T0 + 16 * H, schedule.FirstAfter(T0 + 9 * H));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(T0, 0)]
    [InlineData(T0, 25)]
    public void A_schedule_needs_a_real_settlement_time_and_an_interval_of_1_to_24_hours(long next, int hours)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SettlementSchedule(next, hours));
    }

    [Fact]
    public void Counting_agrees_with_walking_the_schedule_one_settlement_at_a_time()
    {
        var random = new Random(20261125);
        for (var n = 0; n < 5_000; n++)
        {
            var hours = new[] { 1, 2, 4, 6, 8 }[random.Next(5)];
            var schedule = new SettlementSchedule(T0 + random.NextInt64(-48 * H, 48 * H), hours);
            var open = T0 + random.NextInt64(-72 * H, 72 * H);
            var close = open + random.NextInt64(-H, 60 * H);
            var walked = 0;
            for (var t = schedule.FirstAfter(open - 100 * 24 * H) ; t < close; t += schedule.IntervalMs)
                if (t > open) walked++;
            Assert.Equal(walked, schedule.CountWithin(open, close));
        }
    }
}
