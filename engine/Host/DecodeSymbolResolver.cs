using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Host;

/// <summary>For <c>decode</c>, which has no instrument metadata: a symbol seen for the first time is split by the venue's
/// own rule and interned on the spot. Several venue symbols may name one canonical instrument (the docs' examples mix
/// spot, index and swap ids), so decode keeps its own symbol table and remembers which symbol each instrument was last
/// resolved from, to print it. Allocates on every call; decode is not on the hot path.</summary>
internal sealed class DecodeSymbolResolver(InstrumentRegistry registry, IMarketDataVenue venue) : ISymbolResolver
{
    private readonly Dictionary<string, InstrumentId> _bySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, string> _lastSymbol = [];

    public bool TryResolve(VenueId venueId, ReadOnlySpan<byte> venueSymbol, out InstrumentId instrument)
    {
        var symbol = Encoding.UTF8.GetString(venueSymbol);
        if (!_bySymbol.TryGetValue(symbol, out instrument))
        {
            if (!venue.TrySplitSymbol(symbol, out var baseAsset, out var quoteAsset)) return false;
            instrument = registry.Intern(baseAsset, quoteAsset);
            _bySymbol.Add(symbol, instrument);
        }
        _lastSymbol[instrument] = symbol;
        return true;
    }

    /// <summary>The venue symbol the instrument was last resolved from.</summary>
    public string SymbolOf(InstrumentId instrument) => _lastSymbol.GetValueOrDefault(instrument, "");
}
