using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Faults;

/// <summary>The faults to arm on each venue, in order (a faults file, or built in code). Immutable: the simulator arms
/// a fresh copy of the rules per run (<see cref="FaultPlan.Add"/>).</summary>
public sealed class FaultScript(IReadOnlyDictionary<VenueKind, IReadOnlyList<FaultRule>> rules)
{
    public static readonly FaultScript Empty = new(new Dictionary<VenueKind, IReadOnlyList<FaultRule>>());

    public IReadOnlyList<FaultRule> RulesOf(VenueKind venue) => rules.TryGetValue(venue, out var list) ? list : [];
}
