namespace FundingArb.Host;

/// <summary>The run report's <c>positions</c>: hedged positions opened and closed during the run, still open at its
/// end, and among those the ones with a leg left UNHEDGED (an emergency close that could not flatten it).</summary>
public sealed record PositionCounts(long Opened, long Closed, long Open, long Unhedged);
