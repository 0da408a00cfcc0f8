using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>Parses Bybit v5 public linear frames (<c>tickers.{symbol}</c>, <c>orderbook.{depth}.{symbol}</c>, acks,
/// pongs) and the REST market-data answers (<c>/v5/market/orderbook</c>, <c>/v5/market/tickers</c>) straight into
/// sink slots, with no allocation.</summary>
/// <remarks>
/// <para>Wire fields, per https://bybit-exchange.github.io/docs/v5/websocket/public/ticker and
/// …/websocket/public/orderbook:</para>
/// <list type="bullet">
/// <item>Ticker → one <see cref="MarketEventKind.Funding"/> event. "If a response param is not found in the message,
/// then its value has not changed": only the fields present set their <see cref="FundingFields"/> flag (the merge
/// happens downstream in <see cref="FundingState"/>). A delta carrying none of <c>markPrice</c>, <c>indexPrice</c>,
/// <c>fundingRate</c>, <c>nextFundingTime</c>, <c>fundingIntervalHour</c> still yields one event with
/// <see cref="FundingFields.None"/>: it proves the feed is alive. An empty string (Bybit sends <c>""</c> for values an
/// instrument does not have yet, e.g. before listing) means "not available": the field is left unset, and the
/// frame is not malformed. <see cref="MarketEvent.ExchangeTimeMs"/> is the envelope's <c>ts</c>.</item>
/// <item>Order book → <see cref="MarketEventKind.BookSnapshot"/> or <see cref="MarketEventKind.BookDelta"/> by
/// <c>type</c>; <c>u</c> → <see cref="BookUpdate.UpdateId"/>, <c>seq</c> → <see cref="BookUpdate.CrossSequence"/>,
/// <c>ts</c> → <see cref="MarketEvent.ExchangeTimeMs"/>. "Occasionally, you'll receive "u"=1, which is a snapshot
/// data due to the restart of the service. So please overwrite your local orderbook": a frame with <c>u</c> = 1 is
/// published as a <see cref="MarketEventKind.BookSnapshot"/> even when typed <c>delta</c>, so the book is replaced,
/// not merged (the parser, not the sync, decides this, because only the event kind tells the book to clear).</item>
/// </list>
/// <para>Key order is not relied on: <c>data</c> may come before <c>topic</c> or <c>type</c> (the parser then keeps
/// a copy of the reader at <c>data</c>, skips it, and parses it once the top level is read), <c>ts</c> before or
/// after <c>type</c> or <c>data</c>, and the symbol anywhere. The instrument is resolved from the topic; a
/// <c>s</c>/<c>symbol</c> inside <c>data</c> that disagrees with the topic is <see cref="FrameIssue.UnexpectedShape"/>.</para>
/// <para>Control frames: a subscribe/unsubscribe/auth answer with <c>"success":true</c> is
/// <see cref="FrameClass.Control"/>, with <c>"success":false</c> <see cref="FrameClass.VenueError"/>; the answer to
/// our ping (<c>"op":"ping"</c> with <c>"ret_msg":"pong"</c> on public streams, <c>"op":"pong"</c> on private ones)
/// is <see cref="FrameClass.Pong"/>.</para>
/// </remarks>
public sealed class BybitMarketParser : IMarketFrameParser
{
    private enum TopicKind : byte { None, Ticker, Book, Other }

    private enum BookType : byte { None, Snapshot, Delta, Other }

    private enum RestKind : byte { Orderbook, Tickers }

    private readonly VenueId _venue;
    private readonly ISymbolResolver _symbols;
    // Only used when a value arrives JSON-escaped (never in practice): unescaped copies of the topic and a symbol.
    private readonly byte[] _topicScratch = new byte[128];
    private readonly byte[] _symbolScratch = new byte[64];

    public BybitMarketParser(VenueId venue, ISymbolResolver symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _venue = venue;
        _symbols = symbols;
    }

    public FrameResult Parse(ReadOnlySpan<byte> frame, MarketEventSink sink)
    {
        try
        {
            return ParseFrame(frame, sink);
        }
        catch (JsonException)
        {
            return FrameResult.Bad(FrameIssue.MalformedJson);
        }
    }

    public FrameResult ParseRest(ReadOnlySpan<char> pathAndQuery, ReadOnlySpan<byte> body, MarketEventSink sink)
    {
        var query = pathAndQuery.IndexOf('?');
        var path = query >= 0 ? pathAndQuery[..query] : pathAndQuery;
        RestKind kind;
        if (path.SequenceEqual(BybitMarketData.OrderbookPath.AsSpan())) kind = RestKind.Orderbook;
        else if (path.SequenceEqual(BybitMarketData.TickersPath.AsSpan())) kind = RestKind.Tickers;
        else if (path.SequenceEqual(BybitInstrumentMetadata.Path.AsSpan())) return FrameResult.Control; // metadata: BybitMarketData.ParseMetadata reads it
        else return FrameResult.Bad(FrameIssue.UnknownMessage);
        try
        {
            return ParseRestEnvelope(kind, body, sink);
        }
        catch (JsonException)
        {
            return FrameResult.Bad(FrameIssue.MalformedJson);
        }
    }

    private FrameResult ParseFrame(ReadOnlySpan<byte> frame, MarketEventSink sink)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read()) return FrameResult.Bad(FrameIssue.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject) return FrameResult.Bad(FrameIssue.UnexpectedShape);

        var first = sink.Count;
        var topic = TopicKind.None;
        scoped ReadOnlySpan<byte> topicSymbol = default;
        var type = BookType.None;
        long ts = 0;
        var hasTs = false;
        var hasData = false;
        var dataParsed = false;
        var deferred = default(Utf8JsonReader);
        long updateId = 0;
        sbyte success = -1; // -1 absent, 0 false, 1 true
        var isPong = false;
        FrameIssue issue;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("topic"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return FrameResult.Bad(FrameIssue.UnexpectedShape);
                topic = ClassifyTopic(FrameReader.ReadString(ref reader, _topicScratch), out topicSymbol);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType != JsonTokenType.String ? BookType.Other
                    : reader.ValueTextEquals("delta"u8) ? BookType.Delta
                    : reader.ValueTextEquals("snapshot"u8) ? BookType.Snapshot
                    : BookType.Other;
                reader.Skip(); // a no-op unless the value is an object or array
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                issue = FrameReader.ReadTimeMs(ref reader, out ts);
                if (issue != FrameIssue.None) return FrameResult.Bad(issue);
                hasTs = true;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (hasData) return FrameResult.Bad(FrameIssue.UnexpectedShape);
                hasData = true;
                if (topic == TopicKind.Ticker || (topic == TopicKind.Book && type is BookType.Snapshot or BookType.Delta))
                {
                    issue = ParseData(ref reader, topic, type, topicSymbol, sink, out updateId);
                    if (issue != FrameIssue.None) return FrameResult.Bad(issue);
                    dataParsed = true;
                }
                else
                {
                    // Topic or type not seen yet: come back to the data once the whole top level is read.
                    deferred = reader;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("success"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return FrameResult.Bad(FrameIssue.UnexpectedShape);
                success = reader.TokenType == JsonTokenType.True ? (sbyte)1 : (sbyte)0;
            }
            else if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                // Public streams answer {"op":"ping"} with "op":"ping", "ret_msg":"pong"; private ones with "op":"pong".
                isPong = reader.TokenType == JsonTokenType.String
                         && (reader.ValueTextEquals("ping"u8) || reader.ValueTextEquals("pong"u8));
                reader.Skip();
            }
            else
            {
                reader.Skip(); // cs, cts, ret_msg, conn_id, req_id, args and anything new
            }
        }

        if (reader.Read()) return FrameResult.Bad(FrameIssue.MalformedJson); // content after the object (throws unless whitespace)

        if (topic == TopicKind.None)
        {
            if (success == 0) return FrameResult.VenueError;
            if (isPong) return FrameResult.Pong;
            return success == 1 ? FrameResult.Control : FrameResult.Bad(FrameIssue.UnknownMessage);
        }
        if (topic == TopicKind.Other) return FrameResult.Bad(FrameIssue.UnknownMessage);
        if (!hasData) return FrameResult.Bad(FrameIssue.MissingField);
        if (topic == TopicKind.Book)
        {
            if (type == BookType.None) return FrameResult.Bad(FrameIssue.MissingField);
            if (type == BookType.Other) return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }
        if (!dataParsed)
        {
            issue = ParseData(ref deferred, topic, type, topicSymbol, sink, out updateId);
            if (issue != FrameIssue.None) return FrameResult.Bad(issue);
        }
        if (!hasTs) return FrameResult.Bad(FrameIssue.MissingField);
        if (sink.Overflowed) return FrameResult.Bad(FrameIssue.TooManyLevels);

        var restart = topic == TopicKind.Book && type == BookType.Delta && updateId == 1;
        for (var i = first; i < sink.Count; i++)
        {
            ref var evt = ref sink[i];
            evt.ExchangeTimeMs = ts;
            if (restart) evt.Kind = MarketEventKind.BookSnapshot;
        }
        return FrameResult.MarketData;
    }

    /// <summary><c>tickers.{symbol}</c> or <c>orderbook.{depth}.{symbol}</c>; the symbol is a slice of the topic.</summary>
    private static TopicKind ClassifyTopic(ReadOnlySpan<byte> topic, out ReadOnlySpan<byte> symbol)
    {
        symbol = default;
        if (topic.StartsWith("tickers."u8))
        {
            symbol = topic["tickers."u8.Length..];
            return TopicKind.Ticker;
        }
        if (topic.StartsWith("orderbook."u8))
        {
            var rest = topic["orderbook."u8.Length..];
            var dot = rest.IndexOf((byte)'.');
            if (dot <= 0) return TopicKind.Other;
            symbol = rest[(dot + 1)..];
            return TopicKind.Book;
        }
        return TopicKind.Other;
    }

    /// <summary>Parses the <c>data</c> object the reader is positioned on.</summary>
    private FrameIssue ParseData(ref Utf8JsonReader reader, TopicKind topic, BookType type, scoped ReadOnlySpan<byte> topicSymbol,
        MarketEventSink sink, out long updateId)
    {
        updateId = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
            return reader.TokenType == JsonTokenType.Null ? FrameIssue.MissingField : FrameIssue.UnexpectedShape;
        if (!_symbols.TryResolve(_venue, topicSymbol, out var instrument)) return FrameIssue.UnknownSymbol;

        if (topic == TopicKind.Ticker)
        {
            ref var evt = ref sink.Claim(MarketEventKind.Funding);
            evt.Instrument = instrument;
            var issue = ReadTicker(ref reader, ref evt.Funding, out var symbol);
            if (issue != FrameIssue.None) return issue;
            return symbol.IsEmpty || symbol.SequenceEqual(topicSymbol) ? FrameIssue.None : FrameIssue.UnexpectedShape;
        }

        var writer = new BookWriter(sink, type == BookType.Snapshot ? MarketEventKind.BookSnapshot : MarketEventKind.BookDelta);
        writer.Header.Instrument = instrument;
        var bookIssue = ReadBook(ref reader, ref writer, out var bookSymbol, out _, out _);
        if (bookIssue != FrameIssue.None) return bookIssue;
        if (!bookSymbol.IsEmpty && !bookSymbol.SequenceEqual(topicSymbol)) return FrameIssue.UnexpectedShape;
        updateId = writer.Header.Book.UpdateId;
        writer.Finish();
        return FrameIssue.None;
    }

    /// <summary>One ticker object (WS <c>data</c> or a REST <c>result.list[]</c> item) into <paramref name="funding"/>;
    /// <paramref name="symbol"/> is its <c>symbol</c>, empty when absent.</summary>
    private FrameIssue ReadTicker(ref Utf8JsonReader reader, ref FundingUpdate funding, out ReadOnlySpan<byte> symbol)
    {
        symbol = default;
        if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
        FrameIssue issue;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            switch (TickerField(ref reader))
            {
                case FundingFields.MarkPrice:
                    reader.Read();
                    if (IsEmptyString(ref reader)) break;
                    issue = FrameReader.ReadPrice(ref reader, out funding.MarkPrice);
                    if (issue != FrameIssue.None) return issue;
                    funding.Fields |= FundingFields.MarkPrice;
                    break;
                case FundingFields.IndexPrice:
                    reader.Read();
                    if (IsEmptyString(ref reader)) break;
                    issue = FrameReader.ReadPrice(ref reader, out funding.IndexPrice);
                    if (issue != FrameIssue.None) return issue;
                    funding.Fields |= FundingFields.IndexPrice;
                    break;
                case FundingFields.Rate:
                    reader.Read();
                    if (IsEmptyString(ref reader)) break;
                    issue = FrameReader.ReadRate(ref reader, out funding.Rate);
                    if (issue != FrameIssue.None) return issue;
                    funding.Fields |= FundingFields.Rate;
                    break;
                case FundingFields.NextFundingTime:
                    reader.Read();
                    if (IsEmptyString(ref reader)) break;
                    issue = FrameReader.ReadSettlementTimeMs(ref reader, out funding.NextFundingTimeMs);
                    if (issue != FrameIssue.None) return issue;
                    funding.Fields |= FundingFields.NextFundingTime;
                    break;
                case FundingFields.IntervalHours:
                    reader.Read();
                    if (IsEmptyString(ref reader)) break;
                    issue = FrameReader.ReadInt64(ref reader, out var hours);
                    if (issue != FrameIssue.None) return issue;
                    if (hours < 0) return FrameIssue.NegativeValue;
                    if (hours is 0 or > MaxFundingIntervalHours) return FrameIssue.AbsurdValue;
                    funding.IntervalHours = (byte)hours;
                    funding.Fields |= FundingFields.IntervalHours;
                    break;
                case SymbolField:
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String) return FrameIssue.UnexpectedShape;
                    symbol = FrameReader.ReadString(ref reader, _symbolScratch);
                    if (symbol.IsEmpty) return FrameIssue.UnexpectedShape;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return FrameIssue.None;
    }

    /// <summary>Funding intervals above a day are absurd (Bybit uses 1, 2, 4 and 8 h).</summary>
    private const long MaxFundingIntervalHours = 24;

    private const FundingFields SymbolField = (FundingFields)0x80;

    /// <summary>Which ticker field the current property name is: matched by length first, since a linear ticker
    /// carries about 27 fields of which we read six.</summary>
    private static FundingFields TickerField(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.ValueTextEquals("markPrice"u8) ? FundingFields.MarkPrice
                : reader.ValueTextEquals("indexPrice"u8) ? FundingFields.IndexPrice
                : reader.ValueTextEquals("fundingRate"u8) ? FundingFields.Rate
                : reader.ValueTextEquals("nextFundingTime"u8) ? FundingFields.NextFundingTime
                : reader.ValueTextEquals("fundingIntervalHour"u8) ? FundingFields.IntervalHours
                : reader.ValueTextEquals("symbol"u8) ? SymbolField
                : FundingFields.None;
        }
        var name = reader.ValueSpan;
        return name.Length switch
        {
            6 when name.SequenceEqual("symbol"u8) => SymbolField,
            9 when name.SequenceEqual("markPrice"u8) => FundingFields.MarkPrice,
            10 when name.SequenceEqual("indexPrice"u8) => FundingFields.IndexPrice,
            11 when name.SequenceEqual("fundingRate"u8) => FundingFields.Rate,
            15 when name.SequenceEqual("nextFundingTime"u8) => FundingFields.NextFundingTime,
            19 when name.SequenceEqual("fundingIntervalHour"u8) => FundingFields.IntervalHours,
            _ => FundingFields.None,
        };
    }

    private static bool IsEmptyString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && reader.ValueSpan.IsEmpty;

    /// <summary>A book object (WS <c>data</c> or REST <c>result</c>): <c>s</c>, <c>b</c>, <c>a</c>, <c>u</c>,
    /// <c>seq</c>, and (REST only) <c>ts</c>. <c>b</c>, <c>a</c> and <c>u</c> are required; <c>seq</c> is optional
    /// (0 when absent: "Options does not have this field").</summary>
    private FrameIssue ReadBook(ref Utf8JsonReader reader, ref BookWriter writer, out ReadOnlySpan<byte> symbol,
        out long ts, out bool hasTs)
    {
        symbol = default;
        ts = 0;
        hasTs = false;
        bool hasBids = false, hasAsks = false, hasUpdateId = false;
        FrameIssue issue;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("b"u8))
            {
                reader.Read();
                issue = FrameReader.ReadPriceQuantityLevels(ref reader, ref writer, BookSideKind.Bid);
                if (issue != FrameIssue.None) return issue;
                hasBids = true;
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                reader.Read();
                issue = FrameReader.ReadPriceQuantityLevels(ref reader, ref writer, BookSideKind.Ask);
                if (issue != FrameIssue.None) return issue;
                hasAsks = true;
            }
            else if (reader.ValueTextEquals("u"u8))
            {
                reader.Read();
                issue = FrameReader.ReadInt64(ref reader, out var u);
                if (issue != FrameIssue.None) return issue;
                if (u < 0) return FrameIssue.NegativeValue;
                if (u == 0) return FrameIssue.AbsurdValue;
                writer.Header.Book.UpdateId = u;
                hasUpdateId = true;
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                issue = FrameReader.ReadInt64(ref reader, out var seq);
                if (issue != FrameIssue.None) return issue;
                if (seq < 0) return FrameIssue.NegativeValue;
                writer.Header.Book.CrossSequence = seq;
            }
            else if (reader.ValueTextEquals("s"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return FrameIssue.UnexpectedShape;
                symbol = FrameReader.ReadString(ref reader, _symbolScratch);
                if (symbol.IsEmpty) return FrameIssue.UnexpectedShape;
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                issue = FrameReader.ReadTimeMs(ref reader, out ts);
                if (issue != FrameIssue.None) return issue;
                hasTs = true;
            }
            else
            {
                reader.Skip();
            }
        }
        return hasBids && hasAsks && hasUpdateId ? FrameIssue.None : FrameIssue.MissingField;
    }

    /// <summary>The REST envelope <c>{"retCode","retMsg","result","retExtInfo","time"}</c>, in any key order:
    /// <c>result</c> is parsed after the envelope, so that a non-zero <c>retCode</c> (→
    /// <see cref="FrameClass.VenueError"/>) wins over whatever an error's <c>result</c> holds.</summary>
    private FrameResult ParseRestEnvelope(RestKind kind, ReadOnlySpan<byte> body, MarketEventSink sink)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read()) return FrameResult.Bad(FrameIssue.MalformedJson);
        if (reader.TokenType != JsonTokenType.StartObject) return FrameResult.Bad(FrameIssue.UnexpectedShape);
        long retCode = 0, time = 0;
        bool hasRetCode = false, hasResult = false, hasTime = false;
        var result = default(Utf8JsonReader);
        FrameIssue issue;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("retCode"u8))
            {
                reader.Read();
                issue = FrameReader.ReadInt64(ref reader, out retCode);
                if (issue != FrameIssue.None) return FrameResult.Bad(issue);
                hasRetCode = true;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                result = reader;
                hasResult = true;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                issue = FrameReader.ReadTimeMs(ref reader, out time);
                if (issue != FrameIssue.None) return FrameResult.Bad(issue);
                hasTime = true;
            }
            else
            {
                reader.Skip();
            }
        }
        if (reader.Read()) return FrameResult.Bad(FrameIssue.MalformedJson);
        if (!hasRetCode) return FrameResult.Bad(FrameIssue.MissingField);
        if (retCode != 0) return FrameResult.VenueError;
        if (!hasResult) return FrameResult.Bad(FrameIssue.MissingField);
        if (result.TokenType != JsonTokenType.StartObject)
            return FrameResult.Bad(result.TokenType == JsonTokenType.Null ? FrameIssue.MissingField : FrameIssue.UnexpectedShape);

        issue = kind == RestKind.Orderbook
            ? ParseRestOrderbook(ref result, sink)
            : hasTime ? ParseRestTickers(ref result, sink, time) : FrameIssue.MissingField;
        if (issue != FrameIssue.None) return FrameResult.Bad(issue);
        return sink.Overflowed ? FrameResult.Bad(FrameIssue.TooManyLevels) : FrameResult.MarketData;
    }

    /// <summary><c>result</c> of <c>GET /v5/market/orderbook</c> → one snapshot (in parts past 64 levels a side);
    /// its <c>u</c> counts the 1000-level stream ("corresponds to u in the 1000-level WebSocket orderbook stream").</summary>
    private FrameIssue ParseRestOrderbook(ref Utf8JsonReader reader, MarketEventSink sink)
    {
        var writer = new BookWriter(sink, MarketEventKind.BookSnapshot);
        var issue = ReadBook(ref reader, ref writer, out var symbol, out var ts, out var hasTs);
        if (issue != FrameIssue.None) return issue;
        if (symbol.IsEmpty || !hasTs) return FrameIssue.MissingField;
        if (!_symbols.TryResolve(_venue, symbol, out var instrument)) return FrameIssue.UnknownSymbol;
        writer.Header.Instrument = instrument;
        writer.Header.ExchangeTimeMs = ts;
        writer.Finish();
        return FrameIssue.None;
    }

    /// <summary><c>result.list[]</c> of <c>GET /v5/market/tickers</c> → one funding event per instrument we know;
    /// the others are skipped (a request without <c>symbol</c> lists every linear contract). All unknown →
    /// <see cref="FrameIssue.UnknownSymbol"/>. The list items carry no time of their own: the envelope's <c>time</c>.</summary>
    private FrameIssue ParseRestTickers(ref Utf8JsonReader reader, MarketEventSink sink, long time)
    {
        var hasList = false;
        int items = 0, known = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (!reader.ValueTextEquals("list"u8))
            {
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
                return reader.TokenType == JsonTokenType.Null ? FrameIssue.MissingField : FrameIssue.UnexpectedShape;
            hasList = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var funding = default(FundingUpdate);
                var issue = ReadTicker(ref reader, ref funding, out var symbol);
                if (issue != FrameIssue.None) return issue;
                if (symbol.IsEmpty) return FrameIssue.MissingField;
                items++;
                if (!_symbols.TryResolve(_venue, symbol, out var instrument)) continue;
                known++;
                ref var evt = ref sink.Claim(MarketEventKind.Funding);
                evt.Instrument = instrument;
                evt.ExchangeTimeMs = time;
                evt.Funding = funding;
            }
        }
        if (!hasList) return FrameIssue.MissingField;
        return items > 0 && known == 0 ? FrameIssue.UnknownSymbol : FrameIssue.None;
    }
}
