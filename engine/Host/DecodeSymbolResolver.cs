using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Host;

/// <summary>For <c>decode</c>, which has no instrument metadata: a symbol seen for the first time is split by the venue's
/// own rule and interned on the spot. Allocates on first sight of a symbol; decode is not on the hot path.</summary>
internal sealed class DecodeSymbolResolver(InstrumentRegistry registry, IMarketDataVenue venue) : ISymbolResolver
{
    public bool TryResolve(VenueId venueId, ReadOnlySpan<byte> venueSymbol, out InstrumentId instrument)
    {
        if (registry.TryResolve(venueId, venueSymbol, out instrument)) return true;
        var symbol = Encoding.UTF8.GetString(venueSymbol);
        if (!venue.TrySplitSymbol(symbol, out var baseAsset, out var quoteAsset)) return false;
        instrument = registry.Intern(baseAsset, quoteAsset);
        if (registry.VenueSymbol(venueId, instrument) is { } mapped && mapped != symbol)
            return false; // two venue symbols for one instrument (e.g. a delivery contract): not a perpetual we know
        registry.MapSymbol(venueId, symbol, instrument);
        return true;
    }
}
