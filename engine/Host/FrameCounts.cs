namespace FundingArb.Host;

/// <summary>The run report's <c>frames</c>: market-data frames received from every venue, and those counted and
/// dropped as malformed (unparseable, NaN, negative, absurd) or for any other reason (unknown symbol, out of order,
/// duplicate, a full ring).</summary>
public sealed record FrameCounts(long Received, long Malformed, long Dropped);
