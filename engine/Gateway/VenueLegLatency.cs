namespace FundingArb.Gateway;

/// <summary>The three leg histograms of one venue, as the run report nests them under <c>latency.legs.&lt;venue&gt;</c>.</summary>
public sealed record VenueLegLatency(LatencySummary DecisionToSend, LatencySummary SendToAck, LatencySummary SendToFill);
