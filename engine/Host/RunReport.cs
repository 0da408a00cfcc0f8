using System.Globalization;
using System.Text;
using System.Text.Json;
using FundingArb.Gateway;

namespace FundingArb.Host;

/// <summary>What <c>paper</c>, <c>replay</c> and <c>run</c> report at exit (DESIGN.md, "Run report"): printed as
/// <see cref="Summary"/>, and with <c>--report FILE</c> written as JSON (<see cref="ToJson"/>) with exactly DESIGN's keys.</summary>
/// <remarks>Only <see cref="WallStart"/> and <see cref="WallSeconds"/> may depend on the wall clock: everything else
/// comes from the engine clock and counters, so two replays of one capture write the same bytes but for those two.</remarks>
public sealed record RunReport
{
    public const string Paper = "paper";
    public const string Replay = "replay";
    public const string Run = "run";

    /// <summary><see cref="Paper"/>, <see cref="Replay"/> or <see cref="Run"/>.</summary>
    public required string Mode { get; init; }

    /// <summary>When the run started, by the wall clock (ISO-8601 in the JSON).</summary>
    public required DateTimeOffset WallStart { get; init; }

    /// <summary>How long the run took, by the wall clock.</summary>
    public required double WallSeconds { get; init; }

    public required FrameCounts Frames { get; init; }
    public required OpportunityCounts Opportunities { get; init; }
    public required PositionCounts Positions { get; init; }

    /// <summary>Attempts where one leg was unwound because the other did not fill (or fill enough).</summary>
    public required long Rollbacks { get; init; }

    /// <summary>Reduce-only closes sent under the emergency-close procedure, retries included.</summary>
    public required long EmergencyCloses { get; init; }

    /// <summary>Legs still exposed at exit; empty when every leg is hedged or flat.</summary>
    public required IReadOnlyList<ResidualLeg> ResidualUnhedged { get; init; }

    public required PnlSummary Pnl { get; init; }
    public required LatencyReport Latency { get; init; }

    /// <summary>The report as indented JSON, keys exactly as DESIGN.md spells them.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunReportJsonContext.Default.RunReport);

    /// <summary>Writes <see cref="ToJson"/> (and a final newline) to <paramref name="path"/>, replacing the file.</summary>
    public void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToJson() + "\n");
    }

    /// <summary>A few lines for the terminal: frames, opportunities with the top reject reasons, positions, rollbacks
    /// and emergency closes, the residual unhedged legs (first and loud when there are any), PnL, and latency p50/p99.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        if (ResidualUnhedged.Count > 0)
        {
            text.Append(c, $"!! RESIDUAL UNHEDGED: {ResidualUnhedged.Count} leg(s) still exposed:");
            foreach (var leg in ResidualUnhedged) text.Append(c, $" {leg.Venue} {leg.Instrument} {leg.Qty};");
            text.Length--;
            text.AppendLine();
        }
        text.AppendLine(c, $"{Mode}: {WallSeconds:0.0} s from {WallStart.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine(c, $"frames: {Frames.Received} received, {Frames.Malformed} malformed, {Frames.Dropped} dropped");
        text.Append(c, $"opportunities: {Opportunities.Evaluated} evaluated, {Opportunities.Opened} opened, {Opportunities.RejectedTotal} rejected");
        var top = Opportunities.Rejected.Where(r => r.Value > 0)
            .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Take(3).ToList();
        if (top.Count > 0) text.Append(" (").AppendJoin(", ", top.Select(r => string.Create(c, $"{r.Key} {r.Value}"))).Append(')');
        text.AppendLine();
        text.AppendLine(c, $"positions: {Positions.Opened} opened, {Positions.Closed} closed, {Positions.Open} open, {Positions.Unhedged} unhedged");
        text.AppendLine(c, $"rollbacks: {Rollbacks}, emergency closes: {EmergencyCloses}");
        text.AppendLine(ResidualUnhedged.Count == 0 ? "residual unhedged: none" : string.Create(c, $"residual unhedged: {ResidualUnhedged.Count} leg(s), see above"));
        text.AppendLine(c, $"pnl: funding {Pnl.Funding:0.####}, fees {Pnl.Fees:0.####}, price {Pnl.Price:0.####}, net {Pnl.Net:0.####}");
        text.AppendLine(c, $"latency p50/p99 µs: tick-to-trade {Percentiles(Latency.TickToTrade)}, leg skew {Percentiles(Latency.LegSkew)}");
        foreach (var (venue, legs) in Latency.Legs)
            text.AppendLine(c, $"  {venue}: decision→send {Percentiles(legs.DecisionToSend)}, send→ack {Percentiles(legs.SendToAck)}, send→fill {Percentiles(legs.SendToFill)}");
        return text.ToString();
    }

    private static string Percentiles(LatencySummary h) =>
        h.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{h.P50:0.#}/{h.P99:0.#}");
}
