namespace FundingArb.Gateway;

/// <summary>One latency histogram condensed for the run report and the status view (DESIGN.md's <c>H</c>): how many
/// intervals were recorded and their 50th, 99th, 99.9th percentile and maximum, in microseconds.</summary>
/// <remarks>Percentiles and the maximum are HdrHistogram's: the highest value equivalent to the recorded one at three
/// significant digits, so within 0.1 % of it (exact below 2.048 µs).</remarks>
public sealed record LatencySummary(long Count, double P50, double P99, double P999, double Max)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0);
}
