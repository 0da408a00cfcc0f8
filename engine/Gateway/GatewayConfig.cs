namespace FundingArb.Gateway;

/// <summary>How the gateway verifies, repairs and unwinds an attempt (SPEC protections 5–8, emergency close). Defaults are
/// the safe side; <see cref="Validate"/> names each bad field and its fix.</summary>
public sealed record GatewayConfig
{
    /// <summary>An intent older than this when the gateway reads it is refused unsent: the books it was judged on have moved.</summary>
    public TimeSpan MaxIntentAge { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long an entry order may stay unfinished before it is cancelled and its final state queried (SPEC: 30 s).</summary>
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How long a trim or emergency close may stay unfinished before it is cancelled and queried (SPEC: 15 s).</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Largest accepted <c>|filled long − filled short| ÷ expected</c>, in base units (SPEC: 5 %).</summary>
    public double MaxHedgeGap { get; init; } = 0.05;
    /// <summary>When both legs filled above their venue's minimum but unequally, trim the larger (reduce-only) instead of
    /// rolling both back.</summary>
    public bool TrimPartialFills { get; init; } = true;
    /// <summary>Extra placements of an entry leg after a transient failure (timeout, rate limit, 5xx); a business
    /// rejection is never retried.</summary>
    public int PlacementRetries { get; init; } = 2;
    /// <summary>A retry is placed only this soon after the decision: later, the prices it was judged on are stale.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>First wait before an emergency close is tried again; doubles each failure up to <see cref="CloseMaxBackoff"/>.</summary>
    public TimeSpan CloseBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan CloseMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Failed emergency closes of one leg after which the kill switch engages and the leg shows as UNHEDGED
    /// (it is still retried until the venue confirms it flat).</summary>
    public int KillSwitchAfterCloseFailures { get; init; } = 3;
    /// <summary>Wait before a query that failed, or found the order still live after a cancel, is made again.</summary>
    public TimeSpan RequeryDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>"Unknown order" answers (spaced by <see cref="RequeryDelay"/>) after which an order we never heard of on
    /// the venue counts as never placed: one query could race the venue's own processing.</summary>
    public int UnknownOrderQueries { get; init; } = 3;

    public static GatewayConfig Default { get; } = new();

    /// <summary>Every problem, one line each, naming the field and the fix; empty when the config is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Require(bool ok, string field, string fix)
        {
            if (!ok) problems.Add($"{field}: {fix}");
        }

        Require(MaxIntentAge > TimeSpan.Zero && MaxIntentAge <= TimeSpan.FromSeconds(30), nameof(MaxIntentAge), "must be above 0 and at most 30 s, e.g. 1s");
        Require(VerifyTimeout >= TimeSpan.FromSeconds(1) && VerifyTimeout <= TimeSpan.FromMinutes(5), nameof(VerifyTimeout), "must be from 1 s to 5 min, e.g. 30s");
        Require(CloseTimeout >= TimeSpan.FromSeconds(1) && CloseTimeout <= TimeSpan.FromMinutes(5), nameof(CloseTimeout), "must be from 1 s to 5 min, e.g. 15s");
        Require(double.IsFinite(MaxHedgeGap) && MaxHedgeGap is >= 0 and < 0.5, nameof(MaxHedgeGap), "must be a fraction from 0 to under 0.5, e.g. 0.05");
        Require(PlacementRetries is >= 0 and <= 5, nameof(PlacementRetries), "must be from 0 to 5 (SPEC: once or twice)");
        Require(RetryBudget >= TimeSpan.Zero && RetryBudget <= TimeSpan.FromSeconds(30), nameof(RetryBudget), "must be from 0 to 30 s, e.g. 2s");
        Require(CloseBackoff > TimeSpan.Zero && CloseBackoff <= CloseMaxBackoff, nameof(CloseBackoff), $"must be above 0 and at most {nameof(CloseMaxBackoff)}, e.g. 1s");
        Require(CloseMaxBackoff <= TimeSpan.FromMinutes(5), nameof(CloseMaxBackoff), "must be at most 5 min: an unhedged leg must be retried often");
        Require(KillSwitchAfterCloseFailures is >= 1 and <= 20, nameof(KillSwitchAfterCloseFailures), "must be from 1 to 20, e.g. 3");
        Require(RequeryDelay > TimeSpan.Zero && RequeryDelay <= TimeSpan.FromSeconds(30), nameof(RequeryDelay), "must be above 0 and at most 30 s, e.g. 1s");
        Require(UnknownOrderQueries is >= 1 and <= 20, nameof(UnknownOrderQueries), "must be from 1 to 20, e.g. 3");
        return problems;
    }
}
