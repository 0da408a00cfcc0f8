using System.Text.Json;
using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Everything the feeds, replay and <c>decode</c> need from one venue. Implemented once per venue, in its
/// folder under Venues/; nothing outside that folder knows a venue's wire format.</summary>
public interface IMarketDataVenue
{
    /// <summary>Lower-case name used in config, captures, reports and <c>decode --venue</c>: binance, bybit, okx.</summary>
    string Name { get; }

    /// <summary>Live base URLs: REST (<c>https://…</c>) and market-data WebSocket (<c>wss://…</c>).</summary>
    Uri LiveRestBase { get; }
    Uri LiveWebSocketBase { get; }

    IMarketFrameParser CreateParser(VenueId venue, ISymbolResolver symbols);

    IBookSync CreateBookSync();

    /// <summary>Base and quote asset from a venue symbol alone (<c>BTCUSDT</c> → BTC, USDT; <c>BTC-USDT-SWAP</c> → BTC,
    /// USDT), for <c>decode</c>, which has no metadata: best effort over every instrument shape the venue's docs use in
    /// their examples. The engine maps its instruments from metadata, never from this.</summary>
    bool TrySplitSymbol(string venueSymbol, out string baseAsset, out string quoteAsset);

    /// <summary>The REST requests (path and query) that fetch instrument metadata for these symbols, in order.</summary>
    IReadOnlyList<string> MetadataRequests(IReadOnlyList<string> venueSymbols);

    /// <summary>Instrument rules from one metadata answer. Throws <see cref="FormatException"/> naming the field when the
    /// body is not what the venue documents. A spec may be partial (Binance fundingInfo carries only the interval).</summary>
    IReadOnlyList<InstrumentSpec> ParseMetadata(string pathAndQuery, ReadOnlySpan<byte> body);

    /// <summary>The request for the page after this metadata answer, or null when it was the last page (only Bybit pages
    /// its instrument list).</summary>
    string? NextMetadataRequest(string pathAndQuery, ReadOnlySpan<byte> body) => null;

    /// <summary>The venue's funding interval when its metadata does not say (Binance: 8 h for symbols absent from fundingInfo).</summary>
    int? DefaultFundingIntervalHours { get; }

    /// <summary>The taker fee per fill, as a fraction, that the venue publishes for a regular (non-VIP) account on USDT
    /// perpetuals; the decision core counts four of them per position unless config says otherwise.</summary>
    double DefaultTakerFeeRate { get; }

    /// <summary>The WebSocket connections that carry funding/mark/index and books for these symbols.</summary>
    IReadOnlyList<FeedStream> PlanStreams(IReadOnlyList<string> venueSymbols);

    FeedHeartbeat Heartbeat { get; }

    BookRecovery RecoverBook(string venueSymbol);

    /// <summary>Writes a book event's sequence fields under the venue's own names (Binance U/u/pu, Bybit u/seq, OKX
    /// seqId/prevSeqId/checksum), for the <c>decode</c> contract.</summary>
    void WriteSequenceFields(Utf8JsonWriter writer, in MarketEvent evt);
}
