using System.Buffers;
using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>OKX v5 (instType SWAP) as a market-data venue: URLs, streams, heartbeat, recovery, metadata, symbols.</summary>
/// <remarks>
/// <para>Streams: everything on the public endpoint <c>/ws/v5/public</c>; per perpetual <c>funding-rate</c>,
/// <c>mark-price</c>, <c>books</c> (400 levels, snapshot then 100 ms increments) and <c>index-tickers</c> for its index
/// (<c>BTC-USDT-SWAP</c> → <c>BTC-USDT</c>). The books docs: "If you need to subscribe to many 50 or 400 depth level
/// channels, it is recommended to subscribe through multiple websocket connections, with each of less than 30
/// channels" — so at most <see cref="MaxSymbolsPerConnection"/> perpetuals share a connection, each connection sending
/// one subscribe request (far below the 64 KB limit on "the total length of multiple channels").</para>
/// <para>Heartbeat: "The connection will break automatically if … data has not been pushed for more than 30 seconds …
/// If the timer is triggered, which means that no new message is received within N seconds, send the String 'ping'"
/// (N &lt; 30); the answer is the text <c>pong</c>.</para>
/// <para>Recovery: unsubscribe and subscribe <c>books</c> again; the new subscription starts with a snapshot. No REST
/// snapshot: <c>GET /api/v5/market/books</c> is a separate cache ("updated once every 50 milliseconds") whose
/// <c>seqId</c> need not be one the <c>books</c> channel chains from. Note the per-connection limit of 480
/// subscribe/unsubscribe/login requests an hour: each recovery spends two.</para>
/// </remarks>
public sealed class OkxMarketData : IMarketDataVenue
{
    public static readonly OkxMarketData Instance = new();

    public const string VenueName = "okx";
    public const string PublicPath = "/ws/v5/public";
    /// <summary>Perpetuals (so <c>books</c> channels) per connection: the docs recommend "less than 30 channels".</summary>
    public const int MaxSymbolsPerConnection = 29;
    public const string SwapSuffix = "-SWAP";

    private static readonly FeedHeartbeat PingEvery20s =
        new(Interval: TimeSpan.FromSeconds(20), Message: "ping", SilenceLimit: TimeSpan.FromSeconds(30), MaxConnectionAge: null);

    public string Name => VenueName;
    public Uri LiveRestBase { get; } = new("https://www.okx.com");
    public Uri LiveWebSocketBase { get; } = new("wss://ws.okx.com:8443");

    /// <summary>OKX puts no funding interval in instrument data; it comes from <c>funding-rate</c> (channel and REST).</summary>
    public int? DefaultFundingIntervalHours => null;

    /// <summary>OKX "Fee rates", regular user Lv1, USDT-margined swaps: taker 0.050 %.</summary>
    public double DefaultTakerFeeRate => 0.0005;

    public FeedHeartbeat Heartbeat => PingEvery20s;

    public IMarketFrameParser CreateParser(VenueId venue, ISymbolResolver symbols) => new OkxMarketParser(venue, symbols);

    public IBookSync CreateBookSync() => new OkxBookSync();

    /// <summary><c>BTC-USDT-SWAP</c> → BTC, USDT; only <c>BASE-USDT-SWAP</c> and <c>BASE-USDC-SWAP</c> perpetuals split.</summary>
    public bool TrySplitSymbol(string venueSymbol, out string baseAsset, out string quoteAsset)
    {
        baseAsset = quoteAsset = "";
        if (string.IsNullOrEmpty(venueSymbol)) return false;
        // Any OKX instrument shape: BASE-QUOTE (spot, index), BASE-QUOTE-SWAP, BASE-QUOTE-YYMMDD (futures). Only decode
        // uses this (the docs' own examples are inverse swaps, spot and futures); the engine maps from metadata.
        var pair = venueSymbol;
        var lastDash = venueSymbol.LastIndexOf('-');
        if (lastDash > 0 && venueSymbol.AsSpan(0, lastDash).Contains('-'))
        {
            var suffix = venueSymbol.AsSpan(lastDash + 1);
            if (!suffix.SequenceEqual("SWAP") && !(suffix.Length == 6 && int.TryParse(suffix, out _))) return false;
            pair = venueSymbol[..lastDash];
        }
        if (!OkxInstrumentMetadata.TrySplitPair(pair, out var b, out var q)) return false;
        if (!IsAsset(q) || !IsAsset(b)) return false;
        baseAsset = b;
        quoteAsset = q;
        return true;
    }

    /// <summary>All SWAP instruments in one request (20 requests / 2 s per IP), then each perpetual's funding rate,
    /// whose <c>fundingTime</c>/<c>nextFundingTime</c> give the interval (10 requests / 2 s per IP and instrument).</summary>
    public IReadOnlyList<string> MetadataRequests(IReadOnlyList<string> venueSymbols)
    {
        ArgumentNullException.ThrowIfNull(venueSymbols);
        var requests = new List<string>(venueSymbols.Count + 1) { OkxInstrumentMetadata.InstrumentsPath + "?instType=SWAP" };
        foreach (var symbol in venueSymbols)
            requests.Add(OkxInstrumentMetadata.FundingRatePath + "?instId=" + Uri.EscapeDataString(symbol));
        return requests;
    }

    public IReadOnlyList<InstrumentSpec> ParseMetadata(string pathAndQuery, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        return path switch
        {
            OkxInstrumentMetadata.InstrumentsPath => OkxInstrumentMetadata.ParseInstruments(body),
            OkxInstrumentMetadata.FundingRatePath => OkxInstrumentMetadata.ParseFundingIntervals(body),
            _ => throw new ArgumentException(
                $"'{pathAndQuery}' is not an OKX metadata request; expected {OkxInstrumentMetadata.InstrumentsPath} or " +
                $"{OkxInstrumentMetadata.FundingRatePath}.", nameof(pathAndQuery)),
        };
    }

    /// <summary>One connection to <c>/ws/v5/public</c> per <see cref="MaxSymbolsPerConnection"/> perpetuals, each opening with
    /// <c>{"id":"1","op":"subscribe","args":[{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},{"channel":"mark-price",…},
    /// {"channel":"books",…},{"channel":"index-tickers","instId":"BTC-USDT"},…]}</c>.</summary>
    public IReadOnlyList<FeedStream> PlanStreams(IReadOnlyList<string> venueSymbols)
    {
        ArgumentNullException.ThrowIfNull(venueSymbols);
        foreach (var symbol in venueSymbols) IndexOf(symbol); // validates every symbol before planning
        var streams = new List<FeedStream>();
        for (var start = 0; start < venueSymbols.Count; start += MaxSymbolsPerConnection)
        {
            var count = Math.Min(MaxSymbolsPerConnection, venueSymbols.Count - start);
            var args = new List<(string Channel, string InstId)>(count * 4);
            for (var i = start; i < start + count; i++)
            {
                var symbol = venueSymbols[i];
                args.Add(("funding-rate", symbol));
                args.Add(("mark-price", symbol));
                args.Add(("books", symbol));
                var index = ("index-tickers", IndexOf(symbol));
                if (!args.Contains(index)) args.Add(index);
            }
            streams.Add(new FeedStream(PublicPath, [Request("1", "subscribe", args)],
                [.. venueSymbols.Skip(start).Take(count)]));
        }
        return streams;
    }

    /// <summary><c>{"op":"unsubscribe","args":[{"channel":"books","instId":…}]}</c> then the same with <c>subscribe</c>:
    /// the new subscription's first push is a full snapshot.</summary>
    public BookRecovery RecoverBook(string venueSymbol)
    {
        IndexOf(venueSymbol);
        (string, string)[] books = [("books", venueSymbol)];
        return new BookRecovery(null, [Request(null, "unsubscribe", books), Request(null, "subscribe", books)]);
    }

    /// <summary><c>"seqId"</c>, <c>"prevSeqId"</c> and <c>"checksum"</c> as JSON numbers, for book events.</summary>
    public void WriteSequenceFields(Utf8JsonWriter writer, in MarketEvent evt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (evt.Kind is not (MarketEventKind.BookSnapshot or MarketEventKind.BookDelta)) return;
        writer.WriteNumber("seqId"u8, evt.Book.UpdateId);
        writer.WriteNumber("prevSeqId"u8, evt.Book.PrevUpdateId);
        writer.WriteNumber("checksum"u8, evt.Book.Checksum);
    }

    /// <summary>The index a perpetual's <c>index-tickers</c> subscription uses: <c>BTC-USDT-SWAP</c> → <c>BTC-USDT</c>.</summary>
    public static string IndexOf(string swapSymbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(swapSymbol);
        if (!swapSymbol.EndsWith(SwapSuffix, StringComparison.Ordinal)
            || !OkxInstrumentMetadata.TrySplitPair(swapSymbol[..^SwapSuffix.Length], out _, out _))
            throw new ArgumentException(
                $"'{swapSymbol}' is not an OKX perpetual instId; write it as BASE-QUOTE-SWAP, e.g. BTC-USDT-SWAP.",
                nameof(swapSymbol));
        return swapSymbol[..^SwapSuffix.Length];
    }

    private static string Request(string? id, string op, IReadOnlyList<(string Channel, string InstId)> args)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + args.Count * 64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (id is not null) json.WriteString("id"u8, id);
            json.WriteString("op"u8, op);
            json.WriteStartArray("args"u8);
            foreach (var (channel, instId) in args)
            {
                json.WriteStartObject();
                json.WriteString("channel"u8, channel);
                json.WriteString("instId"u8, instId);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsAsset(string asset)
    {
        foreach (var c in asset)
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) return false;
        return asset.Length > 0;
    }
}
