using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Scenarios;

/// <summary>A validated scenario: the instruments of every venue and each one's market path.</summary>
public sealed class Scenario
{
    public Scenario(string name, DateTimeOffset? start, IReadOnlyList<(InstrumentSpec Spec, MarketPath Path)> instruments)
    {
        Name = name;
        Start = start;
        Catalog = new InstrumentCatalog(instruments.Select(i => i.Spec));
        foreach (var (spec, path) in instruments) _paths[(spec.Venue, spec.Symbol)] = path;
    }

    private readonly Dictionary<(VenueKind, string), MarketPath> _paths = [];

    public string Name { get; }

    /// <summary>When the timeline's zero is; null means "when the simulator starts".</summary>
    public DateTimeOffset? Start { get; }

    public InstrumentCatalog Catalog { get; }

    public MarketPath PathOf(InstrumentSpec spec) => _paths[(spec.Venue, spec.Symbol)];
}
