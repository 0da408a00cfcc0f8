using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5, category <c>linear</c>: public market data (https://bybit-exchange.github.io/docs/v5/ws/connect,
/// …/websocket/public/ticker, …/websocket/public/orderbook, …/market/instrument).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Streams: <c>wss://stream.bybit.com/v5/public/linear</c>, subscribing <c>tickers.{symbol}</c> (mark, index,
/// funding rate, next funding time, interval; "Push frequency: Derivatives &amp; Options - 100ms") and
/// <c>orderbook.50.{symbol}</c> ("Level 50 data, push frequency: 20ms"). Depth 50 is the deepest linear book that
/// updates every 20 ms (200 and 1000 levels push every 100 and 200 ms); 50 levels a side is one slot per side, and
/// enough to measure depth within 1 % and 5 % of mid for the sizes we trade.</item>
/// <item>Connections: "for one public connection, you cannot have length of "args" array over 21,000 characters" and
/// "No args limit for Futures and Spread for now". We put at most <see cref="MaxSymbolsPerConnection"/> symbols
/// (both their topics) on one connection, within the 21,000-character budget, and send at most
/// <see cref="MaxTopicsPerSubscribeRequest"/> topics per subscribe request (the spot limit, "Spot can input up to 10
/// args for each subscription request", kept for linear too so a refused request names few topics).</item>
/// <item>Heartbeat: <c>{"req_id":"ping","op":"ping"}</c> every 20 s ("we recommend that you send the ping heartbeat
/// packet every 20 seconds"); the pong or any data within 30 s, or the connection is dead. No maximum age (the
/// server cuts a connection only after 10 minutes without ping-pong or data).</item>
/// <item>Book recovery: no REST snapshot (the REST <c>u</c> belongs to the 1000-level stream); unsubscribe and
/// subscribe <c>orderbook.50.{symbol}</c> again: "Once you have subscribed successfully, you will receive a snapshot."</item>
/// <item>Funding interval: always in the metadata (<c>fundingInterval</c>) and in each ticker
/// (<c>fundingIntervalHour</c>), so there is no default.</item>
/// </list>
/// </remarks>
public sealed class BybitMarketData : IMarketDataVenue
{
    public const string VenueName = "bybit";
    public const string PublicLinearPath = "/v5/public/linear";
    public const string OrderbookPath = "/v5/market/orderbook";
    public const string TickersPath = "/v5/market/tickers";
    public const int BookDepth = 50;
    public const int MaxSymbolsPerConnection = 50;
    public const int MaxTopicsPerSubscribeRequest = 10;
    /// <summary>"you cannot have length of "args" array over 21,000 characters" (one public connection).</summary>
    public const int MaxArgsCharactersPerConnection = 21_000;
    public const string PingMessage = """{"req_id":"ping","op":"ping"}""";

    public static readonly BybitMarketData Instance = new();

    private static readonly FeedHeartbeat HeartbeatPlan =
        new(TimeSpan.FromSeconds(20), PingMessage, TimeSpan.FromSeconds(30), MaxConnectionAge: null);

    public string Name => VenueName;
    public Uri LiveRestBase { get; } = new("https://api.bybit.com");
    public Uri LiveWebSocketBase { get; } = new("wss://stream.bybit.com");
    public int? DefaultFundingIntervalHours => null;

    /// <summary>Bybit "Trading fee structure", derivatives, non-VIP: taker 0.055 %.</summary>
    public double DefaultTakerFeeRate => 0.00055;
    public FeedHeartbeat Heartbeat => HeartbeatPlan;

    public IMarketFrameParser CreateParser(VenueId venue, ISymbolResolver symbols) => new BybitMarketParser(venue, symbols);

    public IBookSync CreateBookSync() => new BybitBookSync();

    public static string TickerTopic(string venueSymbol) => "tickers." + CheckSymbol(venueSymbol);

    public static string BookTopic(string venueSymbol) => $"orderbook.{BookDepth}.{CheckSymbol(venueSymbol)}";

    /// <summary><c>BTCUSDT</c> → BTC/USDT, <c>ETHUSDC</c> → ETH/USDC, and Bybit's USDC perpetual names <c>BTCPERP</c> →
    /// BTC/USDC ("USDC Perpetual: BTCPERP, ETHPERP"). Dated futures (<c>BTC-26DEC25</c>) and anything else: false.</summary>
    public bool TrySplitSymbol(string venueSymbol, out string baseAsset, out string quoteAsset)
    {
        baseAsset = quoteAsset = "";
        if (string.IsNullOrEmpty(venueSymbol) || !IsSymbol(venueSymbol)) return false;
        string? quote = venueSymbol.EndsWith("USDT", StringComparison.Ordinal) ? "USDT"
            : venueSymbol.EndsWith("USDC", StringComparison.Ordinal) ? "USDC"
            : venueSymbol.EndsWith("PERP", StringComparison.Ordinal) ? "PERP"
            : null;
        if (quote is null || venueSymbol.Length == quote.Length) return false;
        baseAsset = venueSymbol[..^quote.Length];
        quoteAsset = quote == "PERP" ? "USDC" : quote;
        return true;
    }

    /// <summary>One request: the first page of every linear instrument (up to <see cref="BybitInstrumentMetadata.PageLimit"/>),
    /// whatever the symbols; see <see cref="BybitInstrumentMetadata"/> on further pages.</summary>
    public IReadOnlyList<string> MetadataRequests(IReadOnlyList<string> venueSymbols) => [BybitInstrumentMetadata.FirstPageRequest];

    public IReadOnlyList<InstrumentSpec> ParseMetadata(string pathAndQuery, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = pathAndQuery.IndexOf('?');
        var path = query >= 0 ? pathAndQuery[..query] : pathAndQuery;
        if (path != BybitInstrumentMetadata.Path)
            throw new ArgumentException($"Bybit metadata comes from {BybitInstrumentMetadata.Path}, not '{pathAndQuery}'.", nameof(pathAndQuery));
        return BybitInstrumentMetadata.Parse(body);
    }

    /// <summary>The next page of instruments-info when this one has a <c>nextPageCursor</c>.</summary>
    public string? NextMetadataRequest(string pathAndQuery, ReadOnlySpan<byte> body)
    {
        BybitInstrumentMetadata.Parse(body, out var cursor);
        return cursor is null ? null : BybitInstrumentMetadata.NextPageRequest(cursor);
    }

    public IReadOnlyList<FeedStream> PlanStreams(IReadOnlyList<string> venueSymbols)
    {
        ArgumentNullException.ThrowIfNull(venueSymbols);
        var streams = new List<FeedStream>();
        var topics = new List<string>();
        var books = new List<string>();
        var symbols = 0;
        var argsCharacters = 2; // the brackets of "args":[…]
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in venueSymbols)
        {
            if (!seen.Add(symbol)) continue;
            var ticker = TickerTopic(symbol);
            var book = BookTopic(symbol);
            var characters = ticker.Length + book.Length + 6; // two quoted strings and their commas
            if (symbols == MaxSymbolsPerConnection || argsCharacters + characters > MaxArgsCharactersPerConnection)
            {
                streams.Add(new FeedStream(PublicLinearPath, SubscribeMessages(streams.Count, topics), [.. books]));
                topics.Clear();
                books.Clear();
                symbols = 0;
                argsCharacters = 2;
            }
            topics.Add(ticker);
            topics.Add(book);
            books.Add(symbol);
            symbols++;
            argsCharacters += characters;
        }
        if (topics.Count > 0) streams.Add(new FeedStream(PublicLinearPath, SubscribeMessages(streams.Count, topics), [.. books]));
        return streams;
    }

    /// <summary>Unsubscribe then subscribe the book topic (the exact request format of the docs' "How to Subscribe to
    /// Topics": <c>{"req_id":…,"op":"unsubscribe","args":[…]}</c>); the venue answers with a fresh snapshot.</summary>
    public BookRecovery RecoverBook(string venueSymbol)
    {
        var topic = BookTopic(venueSymbol);
        return new BookRecovery(SnapshotRequest: null,
        [
            Request($"unsub-{venueSymbol}", "unsubscribe", [topic]),
            Request($"sub-{venueSymbol}", "subscribe", [topic]),
        ]);
    }

    /// <summary><c>"u"</c> (update id) and, when the frame carried it, <c>"seq"</c> (cross sequence).</summary>
    public void WriteSequenceFields(Utf8JsonWriter writer, in MarketEvent evt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("u"u8, evt.Book.UpdateId);
        if (evt.Book.CrossSequence != 0) writer.WriteNumber("seq"u8, evt.Book.CrossSequence);
    }

    private static List<string> SubscribeMessages(int connection, List<string> topics)
    {
        var messages = new List<string>((topics.Count + MaxTopicsPerSubscribeRequest - 1) / MaxTopicsPerSubscribeRequest);
        for (var start = 0; start < topics.Count; start += MaxTopicsPerSubscribeRequest)
        {
            var count = Math.Min(MaxTopicsPerSubscribeRequest, topics.Count - start);
            messages.Add(Request($"sub-{connection + 1}-{messages.Count + 1}", "subscribe", topics.GetRange(start, count)));
        }
        return messages;
    }

    /// <summary><c>{"req_id":"…","op":"…","args":["…",…]}</c>. Topics and ids are checked to be plain ASCII
    /// (symbols are "uppercase only"), so no JSON escaping is needed.</summary>
    private static string Request(string requestId, string op, IReadOnlyList<string> args)
    {
        var text = new StringBuilder(64 + 24 * args.Count);
        text.Append("{\"req_id\":\"").Append(requestId).Append("\",\"op\":\"").Append(op).Append("\",\"args\":[");
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append('"').Append(args[i]).Append('"');
        }
        return text.Append("]}").ToString();
    }

    private static string CheckSymbol(string venueSymbol)
    {
        ArgumentNullException.ThrowIfNull(venueSymbol);
        if (venueSymbol.Length == 0 || !IsSymbol(venueSymbol))
            throw new ArgumentException(
                $"'{venueSymbol}' is not a Bybit linear symbol: upper-case letters and digits, e.g. BTCUSDT.", nameof(venueSymbol));
        return venueSymbol;
    }

    private static bool IsSymbol(string symbol)
    {
        foreach (var c in symbol)
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }
}
