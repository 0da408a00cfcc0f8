using FundingArb.VenueSim.Capture;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Scenarios;

/// <summary>A validated scenario: the instruments of every venue and each one's market path.</summary>
public sealed class Scenario
{
    public Scenario(string name, DateTimeOffset? start, IReadOnlyList<(InstrumentSpec Spec, MarketPath Path)> instruments,
        IReadOnlyDictionary<(VenueKind, string), CapturedBook>? capturedBooks = null)
    {
        _capturedBooks = capturedBooks ?? new Dictionary<(VenueKind, string), CapturedBook>();
        Name = name;
        Start = start;
        Catalog = new InstrumentCatalog(instruments.Select(i => i.Spec));
        foreach (var (spec, path) in instruments) _paths[(spec.Venue, spec.Symbol)] = path;
    }

    private readonly Dictionary<(VenueKind, string), MarketPath> _paths = [];
    private readonly IReadOnlyDictionary<(VenueKind, string), CapturedBook> _capturedBooks;

    public string Name { get; }

    /// <summary>When the timeline's zero is; null means "when the simulator starts".</summary>
    public DateTimeOffset? Start { get; }

    public InstrumentCatalog Catalog { get; }

    public MarketPath PathOf(InstrumentSpec spec) => _paths[(spec.Venue, spec.Symbol)];

    /// <summary>The captured book an instrument replays (a scenario built from a capture), or null: drawn from its shape.</summary>
    /// <summary>What building the scenario left out or assumed (a capture's unread frames, undrivable instruments).</summary>
    public IReadOnlyList<string> Notes { get; internal set; } = [];

    public CapturedBook? CapturedBookOf(InstrumentSpec spec) => _capturedBooks.GetValueOrDefault((spec.Venue, spec.Symbol));
}
