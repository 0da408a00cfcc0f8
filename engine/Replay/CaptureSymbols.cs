using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Replay;

/// <summary>Maps a capture's venue symbols to canonical instruments. Live, every symbol is mapped from instrument metadata
/// before it is subscribed; a capture may hold frames of symbols whose metadata it lacks, so a symbol not yet mapped is
/// split by its venue's own rule and mapped on the spot (once; the registry answers every later lookup).</summary>
internal sealed class CaptureSymbols(InstrumentRegistry registry, IReadOnlyDictionary<VenueId, IMarketDataVenue> venues) : ISymbolResolver
{
    public bool TryResolve(VenueId venue, ReadOnlySpan<byte> venueSymbol, out InstrumentId instrument)
    {
        if (registry.TryResolve(venue, venueSymbol, out instrument)) return true;
        var symbol = Encoding.UTF8.GetString(venueSymbol);
        if (!venues[venue].TrySplitSymbol(symbol, out var baseAsset, out var quoteAsset)) return false;
        return TryMap(venue, symbol, registry.Intern(baseAsset, quoteAsset), out instrument);
    }

    /// <summary>The instrument a metadata entry describes: its own base and quote when it gives them.</summary>
    public bool TryResolve(VenueId venue, InstrumentSpec spec, out InstrumentId instrument)
    {
        if (registry.TryResolve(venue, Encoding.UTF8.GetBytes(spec.VenueSymbol), out instrument)) return true;
        if (spec.BaseAsset is { Length: > 0 } baseAsset && spec.QuoteAsset is { Length: > 0 } quoteAsset)
            return TryMap(venue, spec.VenueSymbol, registry.Intern(baseAsset, quoteAsset), out instrument);
        return TryResolve(venue, Encoding.UTF8.GetBytes(spec.VenueSymbol), out instrument);
    }

    /// <summary>One symbol per instrument per venue, the first seen: a second symbol splitting to the same instrument (an
    /// OKX index id beside its swap) is not the perpetual, and is refused as an unknown symbol.</summary>
    private bool TryMap(VenueId venue, string symbol, InstrumentId candidate, out InstrumentId instrument)
    {
        instrument = default;
        if (registry.VenueSymbol(venue, candidate) is not null) return false;
        registry.MapSymbol(venue, symbol, candidate);
        instrument = candidate;
        return true;
    }
}
