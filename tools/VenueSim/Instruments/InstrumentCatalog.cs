namespace FundingArb.VenueSim.Instruments;

/// <summary>Every instrument of a scenario, looked up by venue and the venue's own symbol.</summary>
public sealed class InstrumentCatalog
{
    private readonly Dictionary<(VenueKind, string), InstrumentSpec> _bySymbol = [];
    private readonly List<InstrumentSpec> _all = [];

    public InstrumentCatalog(IEnumerable<InstrumentSpec> instruments)
    {
        foreach (var spec in instruments)
        {
            if (!_bySymbol.TryAdd((spec.Venue, spec.Symbol), spec))
                throw new ArgumentException($"Instrument {VenueNames.Of(spec.Venue)} {spec.Symbol} is listed twice.", nameof(instruments));
            _all.Add(spec);
        }
    }

    public IReadOnlyList<InstrumentSpec> All => _all;

    public IEnumerable<InstrumentSpec> OfVenue(VenueKind venue) => _all.Where(i => i.Venue == venue);

    public bool TryGet(VenueKind venue, string symbol, out InstrumentSpec spec) =>
        _bySymbol.TryGetValue((venue, symbol), out spec!);
}
