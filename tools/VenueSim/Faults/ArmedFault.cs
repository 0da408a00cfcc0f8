using System.Text.RegularExpressions;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Faults;

/// <summary>A <see cref="FaultRule"/> armed in one <see cref="FaultPlan"/>: its absolute window, its own seeded random
/// (so one rule's draws do not depend on how many candidates other rules saw) and its counters. Guarded by the plan's lock.</summary>
public sealed class ArmedFault
{
    private readonly Random _random;
    private readonly Regex? _clientOrderId;

    internal ArmedFault(FaultRule rule, DateTimeOffset from, int seed)
    {
        Rule = rule;
        From = from;
        _random = new Random(seed);
        if (rule.ClientOrderId is { } pattern) _clientOrderId = new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant);
    }

    public FaultRule Rule { get; }

    /// <summary>Market time the window opens.</summary>
    public DateTimeOffset From { get; }

    /// <summary>Market time the window closes; null: never.</summary>
    public DateTimeOffset? Until => Rule.For is { } length ? From + length : null;

    /// <summary>Candidates that matched the filters inside the window.</summary>
    public long Seen { get; private set; }

    /// <summary>Times the fault was applied (a window fault counts once, when it first takes effect).</summary>
    public long Applied { get; private set; }

    public bool InWindow(DateTimeOffset now) => now >= From && (Until is not { } until || now < until);

    public bool MatchesOrder(OrderRequest order) =>
        (Rule.Symbol is null || Rule.Symbol == order.Symbol)
        && (Rule.Side is null || Rule.Side == order.Side)
        && (Rule.ReduceOnly is null || Rule.ReduceOnly == order.ReduceOnly)
        && (_clientOrderId is null || _clientOrderId.IsMatch(order.ClientOrderId));

    public bool MatchesRequest(ApiOperation operation, ApiTransport transport) =>
        (Rule.Operation is null || Rule.Operation == operation) && (Rule.Transport is null || Rule.Transport == transport);

    /// <summary>Counts one matching candidate at <paramref name="now"/> and says whether the fault applies to it
    /// (nth, count, probability), recording the application if so.</summary>
    internal bool TryFire(DateTimeOffset now)
    {
        if (!InWindow(now)) return false;
        Seen++;
        if (Seen < (Rule.Nth ?? 1) || Applied >= Rule.Limit) return false;
        if (Rule.Probability < 1 && _random.NextDouble() >= Rule.Probability) return false;
        Applied++;
        return true;
    }

    /// <summary>Counts a matching candidate that an earlier rule already claimed: it still moves this rule's nth on.</summary>
    internal void CountWithoutFiring(DateTimeOffset now)
    {
        if (InWindow(now)) Seen++;
    }

    /// <summary>A window fault took effect: counted once per window.</summary>
    internal bool Activate()
    {
        if (Applied > 0) return false;
        Applied = 1;
        return true;
    }

    /// <summary>Latency: the fixed delay plus a seeded draw in [0, jitter).</summary>
    internal TimeSpan NextDelay() => Rule.Delay + Rule.Jitter * _random.NextDouble();
}
