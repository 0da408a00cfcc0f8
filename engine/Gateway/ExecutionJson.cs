using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>Readers for the fields every venue's order and fill payloads share: the symbol resolved to an instrument,
/// our client order id, a JSON boolean. No allocation.</summary>
public static class ExecutionJson
{
    /// <summary>UnknownSymbol for a symbol the registry does not map (not ours to trade), UnexpectedShape for none.</summary>
    public static FrameIssue ReadSymbol(ref Utf8JsonReader reader, ISymbolResolver symbols, VenueId venue, Span<byte> scratch, out InstrumentId instrument) =>
        ReadSymbol(ref reader, symbols, venue, scratch, out instrument, default, out _);

    /// <summary>As the overload without <paramref name="copy"/>, and copies the venue symbol into it (its length in
    /// <paramref name="copied"/>; 0 if it did not fit), so that a caller can still name an order in a symbol the registry
    /// does not map (reconciliation must see every open order of the account).</summary>
    public static FrameIssue ReadSymbol(ref Utf8JsonReader reader, ISymbolResolver symbols, VenueId venue, Span<byte> scratch, out InstrumentId instrument,
        Span<byte> copy, out int copied)
    {
        instrument = default;
        var symbol = FrameReader.ReadString(ref reader, scratch);
        copied = symbol.Length <= copy.Length ? symbol.Length : 0;
        symbol[..copied].CopyTo(copy);
        if (symbol.IsEmpty) return FrameIssue.UnexpectedShape;
        return symbols.TryResolve(venue, symbol, out instrument) ? FrameIssue.None : FrameIssue.UnknownSymbol;
    }

    /// <summary>An id we did not give (empty, another client's, the venue's own) is left empty: not an issue.</summary>
    public static FrameIssue ReadClientOrderId(ref Utf8JsonReader reader, Span<byte> scratch, out ClientOrderId id)
    {
        ClientOrderId.TryCreate(FrameReader.ReadString(ref reader, scratch), out id);
        return reader.TokenType == JsonTokenType.String ? FrameIssue.None : FrameIssue.UnexpectedShape;
    }

    public static FrameIssue ReadBool(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False ? FrameIssue.None : FrameIssue.UnexpectedShape;
    }
}
