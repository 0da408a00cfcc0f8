using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>The Binance USDⓈ-M Futures market-data descriptor: live URLs, stream plan, heartbeat, book recovery,
/// metadata, symbol split and the decode names of the sequence fields.</summary>
/// <remarks>Docs: developers.binance.com/docs/derivatives/usds-margined-futures (websocket-market-streams, market-data/rest-api).</remarks>
public sealed class BinanceMarketData : IMarketDataVenue
{
    public const string VenueName = "binance";

    /// <summary>"A single connection can listen to a maximum of 1024 streams" (websocket-market-streams, current text;
    /// it was 200 for futures until 2025).</summary>
    public const int DocumentedMaxStreamsPerConnection = 1024;

    /// <summary>Streams per connection we open. Below the documented 1024 on purpose: the combined form puts every
    /// stream name in the URL, and Binance refuses URLs beyond about 8 000 characters (observed by client libraries,
    /// not documented); 200 names of at most ~32 characters stay under 7 000. 200 is also the former futures limit.</summary>
    public const int MaxStreamsPerConnection = 200;

    /// <summary>Mark price, index price and funding rate every second (<c>&lt;symbol&gt;@markPrice@1s</c>).</summary>
    public const string MarkPriceStreamSuffix = "@markPrice@1s";

    /// <summary>Diff book depth every 100 ms (<c>&lt;symbol&gt;@depth@100ms</c>), synced against the REST snapshot.</summary>
    public const string DepthStreamSuffix = "@depth@100ms";

    /// <summary>Route for high-frequency public data (<c>@depth*</c>, <c>@bookTicker</c>).</summary>
    public const string PublicRoute = "/public";

    /// <summary>Route for regular market data (<c>@markPrice*</c>, <c>@aggTrade</c>, …).</summary>
    public const string MarketRoute = "/market";

    /// <summary>Levels asked for when recovering a book: the docs' own example and the largest valid limit.</summary>
    public const int SnapshotDepthLimit = 1000;

    public static readonly BinanceMarketData Instance = new();

    public string Name => VenueName;

    public Uri LiveRestBase { get; } = new("https://fapi.binance.com");

    public Uri LiveWebSocketBase { get; } = new("wss://fstream.binance.com");

    /// <summary>Binance pings every 3 minutes and drops a connection that has not answered with a pong within 10
    /// minutes; <see cref="System.Net.WebSockets.ClientWebSocket"/> answers pings itself, so there is no application
    /// message (null) and our own keep-alive frame every minute is only a liveness probe. Silence: the /market
    /// connection carries a mark price per symbol every second and /public depth for any traded perpetual many times a
    /// second, so 30 s without a frame means the connection is dead. "A single connection is only valid for 24 hours;
    /// expect to be disconnected at the 24 hour mark": we reconnect at 23 h 30 min, on our own schedule, not Binance's.</summary>
    public FeedHeartbeat Heartbeat { get; } = new(
        Interval: TimeSpan.FromMinutes(1),
        Message: null,
        SilenceLimit: TimeSpan.FromSeconds(30),
        MaxConnectionAge: TimeSpan.FromHours(23.5));

    /// <summary>8 h for symbols absent from fundingInfo (inferred, not stated by the docs; see
    /// <see cref="BinanceInstrumentMetadata.DefaultFundingIntervalHours"/>).</summary>
    public int? DefaultFundingIntervalHours => BinanceInstrumentMetadata.DefaultFundingIntervalHours;

    /// <summary>Binance "Fee rate" page for USDⓈ-M futures: regular user taker 0.0500 %.</summary>
    public double DefaultTakerFeeRate => 0.0005;

    public IMarketFrameParser CreateParser(VenueId venue, ISymbolResolver symbols) => new BinanceMarketParser(venue, symbols);

    public IBookSync CreateBookSync() => new BinanceBookSync();

    /// <summary><c>BTCUSDT</c> → BTC, USDT; <c>1000PEPEUSDC</c> → 1000PEPE, USDC. False for anything else: lower case,
    /// delivery contracts (<c>BTCUSDT_250328</c>), other quotes.</summary>
    public bool TrySplitSymbol(string venueSymbol, out string baseAsset, out string quoteAsset)
    {
        baseAsset = quoteAsset = "";
        if (string.IsNullOrEmpty(venueSymbol)) return false;
        foreach (var c in venueSymbol)
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) return false;
        foreach (var quote in (ReadOnlySpan<string>)["USDT", "USDC"])
        {
            if (venueSymbol.Length > quote.Length && venueSymbol.EndsWith(quote, StringComparison.Ordinal))
            {
                baseAsset = venueSymbol[..^quote.Length];
                quoteAsset = quote;
                return true;
            }
        }
        return false;
    }

    /// <summary>exchangeInfo (all symbols' rules; it takes no parameters), then fundingInfo (intervals of the symbols
    /// that differ from the default). Neither filters by symbol, so the list does not depend on the symbols.</summary>
    public IReadOnlyList<string> MetadataRequests(IReadOnlyList<string> venueSymbols) =>
        [BinanceInstrumentMetadata.ExchangeInfoPath, BinanceInstrumentMetadata.FundingInfoPath];

    public IReadOnlyList<InstrumentSpec> ParseMetadata(string pathAndQuery, ReadOnlySpan<byte> body) =>
        BinanceInstrumentMetadata.Parse(pathAndQuery, body);

    /// <summary>Combined-stream connections, each on its route (a stream on the wrong route "fails silently"):
    /// <c>/market/stream?streams=btcusdt@markPrice@1s/…</c> and <c>/public/stream?streams=btcusdt@depth@100ms/…</c>,
    /// symbols lower-cased ("All symbols for streams are lowercase"), at most <see cref="MaxStreamsPerConnection"/> streams
    /// per connection. The path subscribes by itself: nothing to send on open.</summary>
    public IReadOnlyList<FeedStream> PlanStreams(IReadOnlyList<string> venueSymbols)
    {
        ArgumentNullException.ThrowIfNull(venueSymbols);
        var symbols = new List<string>(venueSymbols.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in venueSymbols)
        {
            if (string.IsNullOrWhiteSpace(symbol))
                throw new ArgumentException("A Binance symbol is empty; expected e.g. BTCUSDT.", nameof(venueSymbols));
            var lower = symbol.Trim().ToLowerInvariant();
            if (seen.Add(lower)) symbols.Add(lower);
        }
        var plan = new List<FeedStream>();
        AddConnections(plan, MarketRoute, symbols, MarkPriceStreamSuffix, carriesBooks: false);
        AddConnections(plan, PublicRoute, symbols, DepthStreamSuffix, carriesBooks: true);
        return plan;
    }

    private static void AddConnections(List<FeedStream> plan, string route, List<string> symbols, string suffix, bool carriesBooks)
    {
        for (var start = 0; start < symbols.Count; start += MaxStreamsPerConnection)
        {
            var path = new StringBuilder(route).Append("/stream?streams=");
            var end = Math.Min(start + MaxStreamsPerConnection, symbols.Count);
            for (var i = start; i < end; i++)
            {
                if (i > start) path.Append('/');
                path.Append(symbols[i]).Append(suffix);
            }
            // Book symbols as the venue writes them elsewhere (upper case, as in "s" and REST): the registry's spelling.
            plan.Add(new FeedStream(path.ToString(), [],
                carriesBooks ? [.. symbols[start..end].Select(symbol => symbol.ToUpperInvariant())] : []));
        }
    }

    /// <summary>A fresh snapshot over REST (<c>/fapi/v1/depth?symbol=BTCUSDT&amp;limit=1000</c>, the docs' step 3) while the
    /// diff stream keeps running; nothing to resend on the stream.</summary>
    public BookRecovery RecoverBook(string venueSymbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venueSymbol);
        return new BookRecovery(
            $"{BinanceMarketParser.DepthPath}?symbol={venueSymbol.Trim().ToUpperInvariant()}&limit={SnapshotDepthLimit}", []);
    }

    /// <summary>Deltas (and partial-depth snapshots from the stream): <c>U</c>, <c>u</c>, <c>pu</c>. A REST snapshot
    /// (no <c>U</c>/<c>pu</c>): <c>lastUpdateId</c>. Other events: nothing.</summary>
    public void WriteSequenceFields(Utf8JsonWriter writer, in MarketEvent evt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (evt.Kind is not (MarketEventKind.BookDelta or MarketEventKind.BookSnapshot)) return;
        ref readonly var book = ref evt.Book;
        if (evt.Kind == MarketEventKind.BookSnapshot && book.FirstUpdateId == 0 && book.PrevUpdateId == 0)
        {
            writer.WriteNumber("lastUpdateId"u8, book.UpdateId);
            return;
        }
        writer.WriteNumber("U"u8, book.FirstUpdateId);
        writer.WriteNumber("u"u8, book.UpdateId);
        writer.WriteNumber("pu"u8, book.PrevUpdateId);
    }
}
