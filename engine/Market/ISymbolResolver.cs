namespace FundingArb.Market;

/// <summary>Resolves a venue's symbol, as the UTF-8 bytes of a frame, to a canonical instrument.</summary>
public interface ISymbolResolver
{
    bool TryResolve(VenueId venue, ReadOnlySpan<byte> venueSymbol, out InstrumentId instrument);
}
