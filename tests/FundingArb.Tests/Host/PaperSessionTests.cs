using FundingArb.Gateway;
using FundingArb.Host;
using FundingArb.Replay;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Tests.Host;

/// <summary><c>paper</c> end to end on a virtual clock: the simulator in-process, feeds, decision core and gateway over
/// loopback, a hedged position opened, and the run report — its residual exposure read from the venues' own answers.</summary>
public sealed class PaperSessionTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 3, 0, 0, TimeSpan.Zero);

    private static async Task<RunReport> RunUntilAsync(PaperSession paper, VirtualClock clock, Func<bool> done, string what)
    {
        await TestGuard.UntilAsync(() =>
        {
            Assert.Null(paper.Gateway.Fault);
            Assert.Null(paper.Session.DecisionFault);
            if (done()) return true;
            clock.Advance(TimeSpan.FromMilliseconds(100)); // the simulator publishes on each step
            return false;
        }, what);
        return await paper.StopAsync(delay =>
        {
            clock.Advance(delay);
            return Task.Delay(1);
        });
    }

    [Fact]
    public async Task A_paper_run_opens_a_hedged_position_and_reports_no_residual_exposure()
    {
        var clock = new VirtualClock(Start);
        await using var paper = await PaperSession.StartAsync(new PaperOptions
        {
            Scenario = ScenarioLoader.Parse(TradingSessionTests.Scenario), Clock = clock,
        }, TextWriter.Null, TestContext.Current.CancellationToken);
        var report = await RunUntilAsync(paper, clock, () => paper.Gateway.PositionsOpened > 0, "a position opened");

        Assert.Equal("paper", report.Mode);
        Assert.Equal(1, report.Positions.Opened);
        Assert.Equal(1, report.Positions.Open);
        Assert.Equal(0, report.Positions.Unhedged);
        Assert.Empty(report.ResidualUnhedged);
        Assert.True(report.Frames.Received > 0);
        Assert.True(report.Opportunities.Opened >= 1);
        Assert.Equal(1, report.Latency.Legs["binance"].DecisionToSend.Count);
        Assert.Equal(1, report.Latency.Legs["okx"].SendToAck.Count);
        Assert.Equal(1, report.Latency.TickToTrade.Count);
        var position = Assert.Single(paper.Gateway.Positions.Snapshot());
        Assert.Equal(position.LongBaseQuantity, position.ShortBaseQuantity);
    }

    [Fact]
    public async Task A_paper_run_whose_okx_leg_is_rejected_rolls_back_and_still_reports_no_residual_exposure()
    {
        var clock = new VirtualClock(Start);
        var faults = new FaultScript(new Dictionary<VenueKind, IReadOnlyList<FaultRule>>
        {
            [VenueKind.Okx] = [new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Count = 1 }],
        });
        await using var paper = await PaperSession.StartAsync(new PaperOptions
        {
            Scenario = ScenarioLoader.Parse(TradingSessionTests.Scenario), Faults = faults, Clock = clock,
        }, TextWriter.Null, TestContext.Current.CancellationToken);
        var report = await RunUntilAsync(paper, clock,
            () => paper.Gateway.Attempts.Any(a => a.Phase == AttemptPhase.Flat && a.Rollbacks > 0), "an attempt rolled back");

        Assert.True(report.Rollbacks >= 1);
        Assert.True(report.EmergencyCloses >= 1);
        Assert.Empty(report.ResidualUnhedged);
        Assert.Equal(0, report.Positions.Unhedged);
    }
}
