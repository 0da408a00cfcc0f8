using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Capture;

/// <summary>What a capture says about one venue's instruments, by the venue's own symbol.</summary>
public sealed class CapturedVenue(VenueKind venue)
{
    private readonly SortedDictionary<string, CapturedInstrument> _instruments = new(StringComparer.Ordinal);

    public VenueKind Venue { get; } = venue;

    public IEnumerable<CapturedInstrument> Instruments => _instruments.Values;

    public CapturedInstrument Instrument(string symbol)
    {
        if (!_instruments.TryGetValue(symbol, out var instrument))
            _instruments[symbol] = instrument = new CapturedInstrument(Venue, symbol);
        return instrument;
    }

    public bool TryGet(string symbol, out CapturedInstrument instrument) => _instruments.TryGetValue(symbol, out instrument!);
}
