using FsCheck.Xunit;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

/// <summary>Random venue behaviour — answers refused, lost, late or out of order, partial and late fills, resting orders,
/// failing closes, slow streams — and one property: no sequence of events ends with an exposure the attempt does not
/// track. At the end every order is done, the venues' own positions equal the legs' tracked exposure, and the attempt is
/// opened and hedged or flat; while closes keep failing, the leg is still tracked and shown as UNHEDGED.</summary>
public sealed class ArbitrageAttemptPropertyTests
{
    private static readonly ExecutionErrorKind[] Errors =
    [
        ExecutionErrorKind.InsufficientMargin, ExecutionErrorKind.Rejected, ExecutionErrorKind.InvalidQuantity, ExecutionErrorKind.RateLimited,
        ExecutionErrorKind.ClockSkew, ExecutionErrorKind.Timeout, ExecutionErrorKind.Disconnected, ExecutionErrorKind.VenueUnavailable,
    ];

    private static readonly double[] Fractions = [0, 0.01, 0.3, 0.5, 0.93, 0.97, 1, 1, 1];

    private static Func<LegExecution, LegOrder, OrderScript> RandomScript(int seed, int closeFailuresBeforeSuccess)
    {
        var random = new Random(seed);
        var failures = new int[2];
        return (leg, order) =>
        {
            var closing = order.Role != OrderRole.Entry;
            var error = random.NextDouble() < (closing ? 0.5 : 0.35) ? Errors[random.Next(Errors.Length)] : ExecutionErrorKind.None;
            if (closing && ++failures[leg.Index] > closeFailuresBeforeSuccess) error = ExecutionErrorKind.None;
            var rests = random.NextDouble() < 0.3;
            return new OrderScript
            {
                Error = error,
                TakenDespiteError = random.NextDouble() < 0.5,
                RetryAfterMs = random.NextDouble() < 0.3 ? 1_767_600_000_000 + random.Next(0, 4_000) : 0,
                FillFraction = closing && error == ExecutionErrorKind.None ? 1 : Fractions[random.Next(Fractions.Length)],
                Rests = rests,
                FillsOnCancel = rests && random.NextDouble() < 0.4,
                AnswerDelay = TimeSpan.FromMilliseconds(random.Next(1, random.NextDouble() < 0.1 ? 40_000 : 50)),
                StreamDelay = TimeSpan.FromMilliseconds(random.Next(0, random.NextDouble() < 0.1 ? 60_000 : 30)),
                ScrambledUpdates = random.NextDouble() < 0.2,
            };
        };
    }

    [Property(MaxTest = 400)]
    public void Whatever_the_venues_do_the_attempt_ends_hedged_or_flat_and_tracks_exactly_what_the_venues_hold(int seed)
    {
        var v = ScriptedVenues.Run(RandomScript(seed, closeFailuresBeforeSuccess: seed & 3), limit: TimeSpan.FromHours(2));
        var attempt = v.Attempt;
        Assert.True(v.Quiet, $"seed {seed}: still busy after 2 h: {attempt}");
        Assert.All(attempt.Legs.SelectMany(l => l.Orders), o => Assert.True(o.IsDone, $"seed {seed}: {o} not done"));
        Assert.Equal(v.Position(ScriptedVenues.VenueA), attempt.Long.Net);
        Assert.Equal(-v.Position(ScriptedVenues.VenueB).Raw, attempt.Short.Net.Raw);
        Assert.True(attempt.Long.Net.Raw >= 0 && attempt.Short.Net.Raw >= 0, $"seed {seed}: a leg was over-closed: {attempt}");
        switch (attempt.Phase)
        {
            case AttemptPhase.Opened:
                Assert.True(attempt.Long.Net.IsPositive && attempt.Short.Net.IsPositive, $"seed {seed}: {attempt}");
                var gap = Math.Abs(attempt.Long.NetBase.Raw - attempt.Short.NetBase.Raw);
                Assert.True(gap <= ScriptedVenues.Intent().BaseQuantity.Raw * 0.05, $"seed {seed}: gap {gap}: {attempt}");
                Assert.Equal(1, v.OpenedCalls);
                break;
            case AttemptPhase.Flat:
                Assert.True(attempt.Long.Net.IsZero && attempt.Short.Net.IsZero, $"seed {seed}: {attempt}");
                Assert.True(v.FlatCalls >= 1);
                break;
            default:
                Assert.Fail($"seed {seed}: ended in {attempt.Phase}: {attempt}");
                break;
        }
        Assert.Equal(attempt.HasUnhedgedLeg, v.KillSwitches > 0);
    }

    [Property(MaxTest = 100)]
    public void While_closes_keep_failing_the_exposed_leg_stays_tracked_and_visible(int seed)
    {
        var random = new Random(seed);
        var v = ScriptedVenues.Run((leg, order) => order.Role == OrderRole.Entry
                ? leg.Index == (seed & 1) ? OrderScript.Rejected(ExecutionErrorKind.InsufficientMargin) : OrderScript.Partial(random.Next(1, 11) / 10.0)
                : OrderScript.Rejected(random.NextDouble() < 0.5 ? ExecutionErrorKind.VenueUnavailable : ExecutionErrorKind.Rejected),
            limit: TimeSpan.FromMinutes(30));
        var exposed = v.Attempt.Leg(1 - (seed & 1));
        Assert.True(exposed.Net.IsPositive);
        Assert.True(exposed.IsUnhedged);
        Assert.Equal(AttemptPhase.RollingBack, v.Attempt.Phase);
        Assert.Equal(1, v.KillSwitches);
        Assert.Equal(0, v.FlatCalls);
        Assert.True(exposed.RetryPending || exposed.HasOrderInFlight, "the close is still being retried");
    }
}
