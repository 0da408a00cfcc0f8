namespace FundingArb.Gateway;

/// <summary>The run report's <c>latency</c> object: every venue's legs by venue name, the skew between the two legs of
/// an attempt, and tick-to-trade.</summary>
/// <remarks>Legs are sorted by venue name (ordinal) so that two replays of one capture write the same bytes.</remarks>
public sealed record LatencyReport(SortedDictionary<string, VenueLegLatency> Legs, LatencySummary LegSkew, LatencySummary TickToTrade)
{
    /// <summary>For a run that sent no orders: no venues, empty histograms.</summary>
    public static LatencyReport Empty => new(new SortedDictionary<string, VenueLegLatency>(StringComparer.Ordinal), LatencySummary.Empty, LatencySummary.Empty);
}
