using System.Text.Json.Serialization;
using FundingArb.Decision;

namespace FundingArb.Host;

/// <summary>The run report's <c>opportunities</c>: pairs the decision core evaluated, opened, and rejected by reason
/// code (<see cref="RejectReasonCode"/>).</summary>
/// <remarks><see cref="Rejected"/> is sorted by code (ordinal) so the JSON is the same bytes for the same run.</remarks>
public sealed record OpportunityCounts(long Evaluated, long Opened, SortedDictionary<string, long> Rejected)
{
    /// <summary>Counts with every reason code present, zero where nothing was rejected for it, so that a reader finds
    /// the same keys in every report.</summary>
    /// <param name="rejections">The rejections for one reason, e.g. <see cref="DecisionCore.Rejections"/>.</param>
    public static OpportunityCounts Of(long evaluated, long opened, Func<RejectReason, long> rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        var rejected = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in RejectReasonCode.All) rejected.Add(RejectReasonCode.Of(reason), rejections(reason));
        return new OpportunityCounts(evaluated, opened, rejected);
    }

    /// <summary>For the terminal summary; not a report key.</summary>
    [JsonIgnore]
    public long RejectedTotal => Rejected.Values.Sum();
}
