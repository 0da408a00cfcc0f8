using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>Binance USDⓈ-M Futures market data: WebSocket frames and REST market-data bodies straight into sink slots.</summary>
/// <remarks>
/// <para>WebSocket frames (docs: developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams):</para>
/// <list type="bullet">
/// <item><c>markPriceUpdate</c> (<c>&lt;symbol&gt;@markPrice[@1s]</c>) → one <see cref="MarketEventKind.Funding"/> event:
/// <c>p</c> mark, <c>i</c> index, <c>r</c> rate, <c>T</c> next funding time, <c>E</c> exchange time. The frame carries no
/// interval. <c>"r":""</c> and <c>"T":0</c>, which Binance sends for delivery contracts, mean "absent" (flag not set).</item>
/// <item>The all-market form <c>!markPrice@arr[@1s]</c>: a JSON array of the same objects, one event per symbol we
/// track; symbols we do not track are skipped (whatever their content), so a frame with none we track has no events.</item>
/// <item><c>depthUpdate</c> of the diff stream (<c>&lt;symbol&gt;@depth[@100ms|@500ms]</c>) → <see cref="MarketEventKind.BookDelta"/>
/// with <c>U</c> → <see cref="BookUpdate.FirstUpdateId"/>, <c>u</c> → <see cref="BookUpdate.UpdateId"/>,
/// <c>pu</c> → <see cref="BookUpdate.PrevUpdateId"/>, <c>E</c> → exchange time.</item>
/// <item><c>depthUpdate</c> of the partial stream (<c>&lt;symbol&gt;@depth&lt;5|10|20&gt;[@100ms|@500ms]</c>): the docs
/// describe it as "Top &lt;levels&gt; bids and asks", i.e. the whole top of the book each time, so it is a
/// <see cref="MarketEventKind.BookSnapshot"/> (same sequence fields). Its payload is byte-for-byte the shape of a diff
/// event, so only the combined-stream envelope's <c>stream</c> name tells them apart; a bare payload (raw
/// <c>/ws/&lt;stream&gt;</c> connection) is read as a diff delta. The engine uses the diff stream plus the REST snapshot
/// (see <see cref="BinanceMarketData.PlanStreams"/>) and never subscribes the partial stream.</item>
/// <item>The combined-stream envelope <c>{"stream":…,"data":…}</c>, with <c>data</c> before or after <c>stream</c>.</item>
/// <item><c>{"result":…,"id":…}</c> (subscription acks) → <see cref="FrameClass.Control"/>; <c>{"code":…,"msg":…}</c> and
/// <c>{"error":{…},"id":…}</c> → <see cref="FrameClass.VenueError"/>.</item>
/// </list>
/// <para>REST bodies: <c>/fapi/v1/depth</c> → <see cref="MarketEventKind.BookSnapshot"/> (<c>lastUpdateId</c> →
/// <see cref="BookUpdate.UpdateId"/>; the symbol comes from the request's <c>symbol=</c> because the body has none;
/// exchange time <c>E</c>, else <c>T</c>); <c>/fapi/v1/premiumIndex</c> (one object, or an array without <c>symbol=</c>)
/// → funding events (<c>markPrice</c>, <c>indexPrice</c>, <c>lastFundingRate</c>, <c>nextFundingTime</c>, exchange time
/// <c>time</c>); the metadata paths are <see cref="FrameClass.Control"/> (see <see cref="BinanceMarketData.ParseMetadata"/>).</para>
/// <para>Field order is free everywhere; unknown fields are skipped. Nothing is allocated.</para>
/// </remarks>
public sealed class BinanceMarketParser : IMarketFrameParser
{
    /// <summary>Longest symbol resolved (Binance symbols are ~20 characters).</summary>
    internal const int MaxSymbolBytes = 64;
    private const int MaxNameBytes = 32;
    private const int MaxStreamBytes = 128;

    internal const string DepthPath = "/fapi/v1/depth";
    internal const string PremiumIndexPath = "/fapi/v1/premiumIndex";

    private readonly VenueId _venue;
    private readonly ISymbolResolver _symbols;
    // Unescaping buffers (only used when a name or value has JSON escapes); heap, not stack, so that spans over them
    // may travel with the reader. One parser serves one thread.
    private readonly byte[] _nameScratch = new byte[MaxNameBytes];
    private readonly byte[] _symbolScratch = new byte[MaxSymbolBytes];
    private readonly byte[] _streamScratch = new byte[MaxStreamBytes];

    public BinanceMarketParser(VenueId venue, ISymbolResolver symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _venue = venue;
        _symbols = symbols;
    }

    private enum EventType : byte
    {
        /// <summary>The object has no <c>e</c>.</summary>
        None,
        /// <summary><c>e</c> is not a string.</summary>
        Invalid,
        Unknown,
        MarkPrice,
        Depth,
    }

    private enum FundingField : byte
    {
        Skip,
        Symbol,
        Time,
        Mark,
        Index,
        Rate,
        NextFunding,
        Error,
    }

    public FrameResult Parse(ReadOnlySpan<byte> frame, MarketEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            return ParseFrame(frame, sink);
        }
        catch (JsonException)
        {
            return FrameResult.Bad(FrameIssue.MalformedJson);
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader refuses a read that does not fit the token (defensive: every read checks the type first).
            return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }
    }

    public FrameResult ParseRest(ReadOnlySpan<char> pathAndQuery, ReadOnlySpan<byte> body, MarketEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            return ParseRestBody(pathAndQuery, body, sink);
        }
        catch (JsonException)
        {
            return FrameResult.Bad(FrameIssue.MalformedJson);
        }
        catch (InvalidOperationException)
        {
            return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // WebSocket frames

    private FrameResult ParseFrame(ReadOnlySpan<byte> frame, MarketEventSink sink)
    {
        var reader = new Utf8JsonReader(frame, isFinalBlock: true, state: default);
        if (!reader.Read()) return FrameResult.Bad(FrameIssue.MalformedJson);
        FrameResult result;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                result = ParseObjectFrame(ref reader, frame, sink);
                break;
            case JsonTokenType.StartArray:
                result = ParseFundingArray(ref reader, frame, sink, rest: false);
                break;
            default:
                return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }
        return result.IsUsable ? EndOfInput(ref reader, result) : result;
    }

    /// <summary>The top-level value has been read: anything after it but whitespace is malformed.</summary>
    private static FrameResult EndOfInput(ref Utf8JsonReader reader, FrameResult result) =>
        reader.Read() ? FrameResult.Bad(FrameIssue.MalformedJson) : result;

    private FrameResult ParseObjectFrame(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, MarketEventSink sink)
    {
        // Fast paths, decided on the bytes so that no token is read twice: Binance writes "stream" first in combined
        // frames and "e" first in events.
        if (NextPropertyIs(frame, ref reader, "\"stream\":"u8)) return ParseEnvelope(ref reader, frame, sink);
        if (NextPropertyIs(frame, ref reader, "\"e\":"u8)) return ParseEvent(ref reader, ReadEventType(ref reader), snapshot: false, sink);

        // Any other order: classify by the keys present ({} has none: unknown).
        var scratch = _nameScratch.AsSpan();
        bool hasEvent = false, hasEnvelope = false, hasError = false, hasControl = false;
        var eventType = EventType.None;
        var probe = reader;
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref probe, scratch);
            var isEvent = name.SequenceEqual("e"u8);
            hasEnvelope |= name.SequenceEqual("stream"u8) || name.SequenceEqual("data"u8);
            hasError |= name.SequenceEqual("error"u8) || name.SequenceEqual("code"u8);
            hasControl |= name.SequenceEqual("result"u8) || name.SequenceEqual("id"u8);
            probe.Read();
            if (isEvent)
            {
                hasEvent = true;
                eventType = EventTypeOf(ref probe);
            }
            probe.Skip();
        }
        if (hasEnvelope) return ParseEnvelope(ref reader, frame, sink);
        if (hasEvent) return ParseEvent(ref reader, eventType, snapshot: false, sink);
        reader.Skip();
        if (hasError) return FrameResult.VenueError;
        return hasControl ? FrameResult.Control : FrameResult.Bad(FrameIssue.UnknownMessage);
    }

    /// <summary><c>{"stream":"btcusdt@depth@100ms","data":{…}}</c>; <c>data</c> may precede <c>stream</c>.</summary>
    private FrameResult ParseEnvelope(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, MarketEventSink sink)
    {
        var scratch = _nameScratch.AsSpan();
        var streamScratch = _streamScratch.AsSpan();
        bool hasStream = false, hasData = false, partialDepth = false;
        var result = FrameResult.MarketData;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader, scratch);
            if (name.SequenceEqual("stream"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return FrameResult.Bad(FrameIssue.UnexpectedShape);
                partialDepth = IsPartialDepthStream(FrameReader.ReadString(ref reader, streamScratch));
                hasStream = true;
            }
            else if (name.SequenceEqual("data"u8))
            {
                reader.Read();
                if (!hasStream)
                {
                    // The stream name decides snapshot vs delta for depth payloads: look past data for it.
                    var issue = FindStreamAfterData(reader, streamScratch, out partialDepth);
                    if (issue != FrameIssue.None) return FrameResult.Bad(issue);
                    hasStream = true;
                }
                result = ParsePayload(ref reader, frame, sink, partialDepth);
                if (!result.IsUsable) return result;
                hasData = true;
            }
            else
            {
                reader.Skip();
            }
        }
        return hasStream && hasData ? result : FrameResult.Bad(FrameIssue.MissingField);
    }

    /// <summary>From a copy of the reader at the start of <c>data</c>: skips it and finds the envelope's <c>stream</c>.</summary>
    private FrameIssue FindStreamAfterData(Utf8JsonReader probe, Span<byte> streamScratch, out bool partialDepth)
    {
        var scratch = _nameScratch.AsSpan();
        partialDepth = false;
        probe.Skip();
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            var isStream = Name(ref probe, scratch).SequenceEqual("stream"u8);
            probe.Read();
            if (!isStream)
            {
                probe.Skip();
                continue;
            }
            if (probe.TokenType != JsonTokenType.String) return FrameIssue.UnexpectedShape;
            partialDepth = IsPartialDepthStream(FrameReader.ReadString(ref probe, streamScratch));
            return FrameIssue.None;
        }
        return FrameIssue.MissingField;
    }

    /// <summary><c>&lt;symbol&gt;@depth5</c>, <c>@depth10</c>, <c>@depth20</c> (optionally <c>@100ms</c>/<c>@500ms</c>) are partial
    /// book streams; <c>&lt;symbol&gt;@depth</c> and <c>@depth@100ms</c> are diff streams.</summary>
    internal static bool IsPartialDepthStream(ReadOnlySpan<byte> stream)
    {
        var at = stream.IndexOf("@depth"u8);
        if (at < 0) return false;
        var next = at + "@depth"u8.Length;
        return next < stream.Length && char.IsAsciiDigit((char)stream[next]);
    }

    private FrameResult ParsePayload(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, MarketEventSink sink, bool partialDepth) =>
        reader.TokenType switch
        {
            JsonTokenType.StartObject => ParseEvent(ref reader, EventTypeAtStart(ref reader, frame), partialDepth, sink),
            JsonTokenType.StartArray => ParseFundingArray(ref reader, frame, sink, rest: false),
            _ => FrameResult.Bad(FrameIssue.UnexpectedShape),
        };

    /// <summary>The reader is at an object's start: true (and the reader still there) when the object's first property
    /// is exactly <paramref name="property"/> (quoted, with its colon), judged from the bytes without reading a token.</summary>
    private static bool NextPropertyIs(ReadOnlySpan<byte> frame, ref Utf8JsonReader reader, ReadOnlySpan<byte> property)
    {
        var next = (int)reader.TokenStartIndex + 1;
        return (uint)next < (uint)frame.Length && frame[next..].StartsWith(property);
    }

    /// <summary>Reads the <c>e</c> property the reader is in front of; leaves the reader at its value.</summary>
    private static EventType ReadEventType(ref Utf8JsonReader reader)
    {
        reader.Read(); // "e"
        reader.Read(); // its value
        return EventTypeOf(ref reader);
    }

    /// <summary>The reader is at an event object's start. When <c>e</c> comes first (as Binance sends it) it is read and
    /// the reader left at its value, so parsing continues from there; otherwise a copy of the reader looks for it and
    /// the reader stays at the start.</summary>
    private EventType EventTypeAtStart(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame) =>
        NextPropertyIs(frame, ref reader, "\"e\":"u8) ? ReadEventType(ref reader) : FindEventType(reader);

    private FrameResult ParseEvent(ref Utf8JsonReader reader, EventType type, bool snapshot, MarketEventSink sink) =>
        type switch
        {
            EventType.MarkPrice => ParseFunding(ref reader, sink, rest: false, inArray: false),
            EventType.Depth => ParseDepth(ref reader, sink, snapshot),
            EventType.Invalid => FrameResult.Bad(FrameIssue.UnexpectedShape),
            _ => FrameResult.Bad(FrameIssue.UnknownMessage),
        };

    /// <summary>From a copy of the reader at an object's start: the value of its <c>e</c> (usually the first field).</summary>
    private EventType FindEventType(Utf8JsonReader probe)
    {
        var scratch = _nameScratch.AsSpan();
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            var isEvent = Name(ref probe, scratch).SequenceEqual("e"u8);
            probe.Read();
            if (isEvent) return EventTypeOf(ref probe);
            probe.Skip();
        }
        return EventType.None;
    }

    private static EventType EventTypeOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return EventType.Invalid;
        if (!reader.ValueIsEscaped)
        {
            var value = reader.ValueSpan;
            if (value.SequenceEqual("markPriceUpdate"u8)) return EventType.MarkPrice;
            return value.SequenceEqual("depthUpdate"u8) ? EventType.Depth : EventType.Unknown;
        }
        if (reader.ValueTextEquals("markPriceUpdate"u8)) return EventType.MarkPrice;
        return reader.ValueTextEquals("depthUpdate"u8) ? EventType.Depth : EventType.Unknown;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Funding: markPriceUpdate (stream) and premiumIndex (REST)

    /// <summary>An array of funding objects: the all-market mark price stream or premiumIndex without a symbol.</summary>
    private FrameResult ParseFundingArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, MarketEventSink sink, bool rest)
    {
        var elements = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return FrameResult.Bad(FrameIssue.UnexpectedShape);
            if (!rest)
            {
                var type = EventTypeAtStart(ref reader, frame);
                if (type != EventType.MarkPrice)
                    return FrameResult.Bad(type == EventType.Invalid ? FrameIssue.UnexpectedShape : FrameIssue.UnknownMessage);
            }
            var result = ParseFunding(ref reader, sink, rest, inArray: true);
            if (!result.IsUsable) return result;
            elements++;
        }
        if (elements == 0) return FrameResult.Bad(FrameIssue.UnexpectedShape);
        // More tracked symbols than a frame may carry: the sink refuses the frame (see MarketEventSink.MaxEventsPerFrame).
        return sink.Overflowed ? FrameResult.Bad(FrameIssue.TooManyLevels) : FrameResult.MarketData;
    }

    /// <summary>One funding object; the reader is at its start and is left at its end.</summary>
    /// <param name="inArray">An element of an all-symbols array: a symbol we do not track is skipped, not an issue.</param>
    private FrameResult ParseFunding(ref Utf8JsonReader reader, MarketEventSink sink, bool rest, bool inArray)
    {
        var scratch = _nameScratch.AsSpan();
        var issue = FrameIssue.None;
        bool hasSymbol = false, known = false, hasTime = false, hasMark = false, hasIndex = false, hasRate = false, hasNext = false;
        var symbolIssue = FrameIssue.None;
        InstrumentId instrument = default;
        long timeMs = 0, nextMs = 0;
        Price mark = default, index = default;
        FundingRate rate = default;
        var fields = FundingFields.None;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader, scratch);
            var field = rest ? RestFundingField(name) : StreamFundingField(name);
            reader.Read();
            var fieldIssue = FrameIssue.None;
            switch (field)
            {
                case FundingField.Symbol:
                    hasSymbol = true;
                    fieldIssue = symbolIssue = ResolveSymbol(ref reader, out instrument, out known);
                    break;
                case FundingField.Time:
                    hasTime = true;
                    fieldIssue = FrameReader.ReadTimeMs(ref reader, out timeMs);
                    break;
                case FundingField.Mark:
                    hasMark = true;
                    fieldIssue = FrameReader.ReadPrice(ref reader, out mark);
                    fields |= FundingFields.MarkPrice;
                    break;
                case FundingField.Index:
                    hasIndex = true;
                    fieldIssue = FrameReader.ReadPrice(ref reader, out index);
                    fields |= FundingFields.IndexPrice;
                    break;
                case FundingField.Rate:
                    hasRate = true;
                    if (IsEmptyString(ref reader)) break; // "" for delivery contracts: no rate
                    fieldIssue = FrameReader.ReadRate(ref reader, out rate);
                    fields |= FundingFields.Rate;
                    break;
                case FundingField.NextFunding:
                    hasNext = true;
                    fieldIssue = ReadOptionalTimeMs(ref reader, out nextMs, out var present); // 0 for delivery contracts
                    if (present) fields |= FundingFields.NextFundingTime;
                    break;
                case FundingField.Error:
                    return FrameResult.VenueError;
                default:
                    reader.Skip();
                    break;
            }
            if (issue == FrameIssue.None) issue = fieldIssue;
        }

        if (inArray && hasSymbol && symbolIssue == FrameIssue.None && !known)
            return FrameResult.MarketData; // a symbol we do not track: skipped whatever else it carries
        if (issue != FrameIssue.None) return FrameResult.Bad(issue);
        if (!(hasSymbol && hasTime && hasMark && hasIndex && hasRate && hasNext)) return FrameResult.Bad(FrameIssue.MissingField);
        if (!known) return FrameResult.Bad(FrameIssue.UnknownSymbol);

        ref var evt = ref sink.Claim(MarketEventKind.Funding);
        evt.Instrument = instrument;
        evt.ExchangeTimeMs = timeMs;
        evt.Funding.Fields = fields;
        evt.Funding.MarkPrice = mark;
        evt.Funding.IndexPrice = index;
        evt.Funding.Rate = rate;
        evt.Funding.NextFundingTimeMs = nextMs;
        return FrameResult.MarketData;
    }

    /// <summary>markPriceUpdate: <c>s</c>, <c>E</c>, <c>p</c>, <c>i</c>, <c>r</c>, <c>T</c>; <c>P</c> (estimated settle price) is not kept.</summary>
    private static FundingField StreamFundingField(ReadOnlySpan<byte> name) =>
        name.Length != 1
            ? FundingField.Skip
            : name[0] switch
            {
                (byte)'s' => FundingField.Symbol,
                (byte)'E' => FundingField.Time,
                (byte)'p' => FundingField.Mark,
                (byte)'i' => FundingField.Index,
                (byte)'r' => FundingField.Rate,
                (byte)'T' => FundingField.NextFunding,
                _ => FundingField.Skip,
            };

    /// <summary>premiumIndex: <c>lastFundingRate</c> is "the Latest funding rate", the one settled at <c>nextFundingTime</c>.</summary>
    private static FundingField RestFundingField(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("symbol"u8)) return FundingField.Symbol;
        if (name.SequenceEqual("markPrice"u8)) return FundingField.Mark;
        if (name.SequenceEqual("indexPrice"u8)) return FundingField.Index;
        if (name.SequenceEqual("lastFundingRate"u8)) return FundingField.Rate;
        if (name.SequenceEqual("nextFundingTime"u8)) return FundingField.NextFunding;
        if (name.SequenceEqual("time"u8)) return FundingField.Time;
        if (name.SequenceEqual("code"u8)) return FundingField.Error;
        return FundingField.Skip;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Books

    /// <summary>A depthUpdate event (diff delta, or a partial-depth top-of-book snapshot); reader at its start.</summary>
    private FrameResult ParseDepth(ref Utf8JsonReader reader, MarketEventSink sink, bool snapshot)
    {
        var scratch = _nameScratch.AsSpan();
        var writer = new BookWriter(sink, snapshot ? MarketEventKind.BookSnapshot : MarketEventKind.BookDelta);
        ref var header = ref writer.Header;
        bool hasTime = false, hasSymbol = false, hasFirst = false, hasLast = false, hasPrev = false, hasBids = false, hasAsks = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader, scratch);
            reader.Read();
            FrameIssue issue;
            if (name.Length == 1)
            {
                switch (name[0])
                {
                    case (byte)'E':
                        hasTime = true;
                        issue = FrameReader.ReadTimeMs(ref reader, out header.ExchangeTimeMs);
                        break;
                    case (byte)'s':
                        hasSymbol = true;
                        issue = ResolveSymbol(ref reader, out header.Instrument, out var known);
                        if (issue == FrameIssue.None && !known) issue = FrameIssue.UnknownSymbol;
                        break;
                    case (byte)'U':
                        hasFirst = true;
                        issue = ReadUpdateId(ref reader, out header.Book.FirstUpdateId);
                        break;
                    case (byte)'u':
                        hasLast = true;
                        issue = ReadUpdateId(ref reader, out header.Book.UpdateId);
                        break;
                    case (byte)'b':
                        hasBids = true;
                        issue = FrameReader.ReadPriceQuantityLevels(ref reader, ref writer, BookSideKind.Bid);
                        break;
                    case (byte)'a':
                        hasAsks = true;
                        issue = FrameReader.ReadPriceQuantityLevels(ref reader, ref writer, BookSideKind.Ask);
                        break;
                    default: // e (known already), T (transaction time: not kept)
                        reader.Skip();
                        issue = FrameIssue.None;
                        break;
                }
            }
            else if (name.SequenceEqual("pu"u8))
            {
                hasPrev = true;
                issue = ReadUpdateId(ref reader, out header.Book.PrevUpdateId);
            }
            else
            {
                reader.Skip();
                issue = FrameIssue.None;
            }
            if (issue != FrameIssue.None) return FrameResult.Bad(issue);
        }

        if (!(hasTime && hasSymbol && hasFirst && hasLast && hasPrev && hasBids && hasAsks))
            return FrameResult.Bad(FrameIssue.MissingField);
        writer.Finish();
        return sink.Overflowed ? FrameResult.Bad(FrameIssue.TooManyLevels) : FrameResult.MarketData;
    }

    /// <summary>REST <c>/fapi/v1/depth</c>: <c>{"lastUpdateId","E","T","bids","asks"}</c>; reader at its start.</summary>
    private FrameResult ParseDepthSnapshot(ref Utf8JsonReader reader, MarketEventSink sink, InstrumentId instrument)
    {
        var scratch = _nameScratch.AsSpan();
        var writer = new BookWriter(sink, MarketEventKind.BookSnapshot);
        ref var header = ref writer.Header;
        header.Instrument = instrument;
        bool hasLastUpdateId = false, hasEventTime = false, hasTransactionTime = false, hasBids = false, hasAsks = false;
        long eventTimeMs = 0, transactionTimeMs = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader, scratch);
            reader.Read();
            var issue = FrameIssue.None;
            if (name.SequenceEqual("lastUpdateId"u8))
            {
                hasLastUpdateId = true;
                issue = ReadUpdateId(ref reader, out header.Book.UpdateId);
            }
            else if (name.SequenceEqual("E"u8))
            {
                hasEventTime = true;
                issue = FrameReader.ReadTimeMs(ref reader, out eventTimeMs);
            }
            else if (name.SequenceEqual("T"u8))
            {
                hasTransactionTime = true;
                issue = FrameReader.ReadTimeMs(ref reader, out transactionTimeMs);
            }
            else if (name.SequenceEqual("bids"u8))
            {
                hasBids = true;
                issue = FrameReader.ReadPriceQuantityLevels(ref reader, ref writer, BookSideKind.Bid);
            }
            else if (name.SequenceEqual("asks"u8))
            {
                hasAsks = true;
                issue = FrameReader.ReadPriceQuantityLevels(ref reader, ref writer, BookSideKind.Ask);
            }
            else if (name.SequenceEqual("code"u8))
            {
                return FrameResult.VenueError;
            }
            else
            {
                reader.Skip();
            }
            if (issue != FrameIssue.None) return FrameResult.Bad(issue);
        }

        if (!(hasLastUpdateId && hasBids && hasAsks && (hasEventTime || hasTransactionTime)))
            return FrameResult.Bad(FrameIssue.MissingField);
        header.ExchangeTimeMs = hasEventTime ? eventTimeMs : transactionTimeMs;
        writer.Finish();
        return sink.Overflowed ? FrameResult.Bad(FrameIssue.TooManyLevels) : FrameResult.MarketData;
    }

    /// <summary>An update id: an integer ≥ 0.</summary>
    private static FrameIssue ReadUpdateId(ref Utf8JsonReader reader, out long id)
    {
        var issue = FrameReader.ReadInt64(ref reader, out id);
        if (issue != FrameIssue.None) return issue;
        return id < 0 ? FrameIssue.NegativeValue : FrameIssue.None;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // REST

    private FrameResult ParseRestBody(ReadOnlySpan<char> pathAndQuery, ReadOnlySpan<byte> body, MarketEventSink sink)
    {
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var query = q < 0 ? ReadOnlySpan<char>.Empty : pathAndQuery[(q + 1)..];
        var isDepth = path.SequenceEqual(DepthPath);
        if (!isDepth && !path.SequenceEqual(PremiumIndexPath))
        {
            return path.SequenceEqual(BinanceInstrumentMetadata.ExchangeInfoPath) || path.SequenceEqual(BinanceInstrumentMetadata.FundingInfoPath)
                ? FrameResult.Control // metadata: BinanceMarketData.ParseMetadata reads it
                : FrameResult.Bad(FrameIssue.UnknownMessage);
        }

        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        if (!reader.Read()) return FrameResult.Bad(FrameIssue.MalformedJson);
        FrameResult result;
        if (reader.TokenType == JsonTokenType.StartArray && !isDepth)
        {
            result = ParseFundingArray(ref reader, body, sink, rest: true);
        }
        else if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }
        else if (IsErrorBody(reader))
        {
            return FrameResult.VenueError; // {"code":-1121,"msg":"Invalid symbol."}
        }
        else if (isDepth)
        {
            var issue = ResolveQuerySymbol(query, out var instrument);
            if (issue != FrameIssue.None) return FrameResult.Bad(issue);
            result = ParseDepthSnapshot(ref reader, sink, instrument);
        }
        else
        {
            result = ParseFunding(ref reader, sink, rest: true, inArray: false);
        }
        return result.IsUsable ? EndOfInput(ref reader, result) : result;
    }

    /// <summary>Binance error bodies are <c>{"code":…,"msg":…}</c> with <c>code</c> first.</summary>
    private static bool IsErrorBody(Utf8JsonReader probe)
    {
        probe.Read();
        return probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals("code"u8);
    }

    /// <summary>The instrument named by the request's <c>symbol=</c> (the depth body does not carry it). The value is
    /// matched upper-cased, as Binance spells symbols.</summary>
    private FrameIssue ResolveQuerySymbol(ReadOnlySpan<char> query, out InstrumentId instrument)
    {
        instrument = default;
        Span<byte> symbol = stackalloc byte[MaxSymbolBytes];
        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var part = amp < 0 ? query : query[..amp];
            query = amp < 0 ? ReadOnlySpan<char>.Empty : query[(amp + 1)..];
            var eq = part.IndexOf('=');
            if (eq < 0 || !part[..eq].SequenceEqual("symbol")) continue;
            var value = part[(eq + 1)..];
            if (value.IsEmpty) return FrameIssue.MissingField;
            if (value.Length > MaxSymbolBytes) return FrameIssue.UnknownSymbol;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (!char.IsAscii(c)) return FrameIssue.UnknownSymbol;
                symbol[i] = (byte)char.ToUpperInvariant(c);
            }
            return _symbols.TryResolve(_venue, symbol[..value.Length], out instrument) ? FrameIssue.None : FrameIssue.UnknownSymbol;
        }
        return FrameIssue.MissingField;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared readers

    /// <summary>The current property name, unescaped into <paramref name="scratch"/> only if it has escapes (empty
    /// when an escaped name does not fit: it then matches no known field and is skipped).</summary>
    private static ReadOnlySpan<byte> Name(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        if (reader.ValueSpan.Length > scratch.Length) return default;
        return scratch[..reader.CopyString(scratch)];
    }

    /// <summary>Resolves a symbol string; <paramref name="known"/> is false for one we do not track (not an issue here:
    /// callers decide). A non-string is <see cref="FrameIssue.UnexpectedShape"/>.</summary>
    private FrameIssue ResolveSymbol(ref Utf8JsonReader reader, out InstrumentId instrument, out bool known)
    {
        instrument = default;
        known = false;
        if (reader.TokenType != JsonTokenType.String) return FrameIssue.UnexpectedShape;
        var symbol = FrameReader.ReadString(ref reader, _symbolScratch);
        known = !symbol.IsEmpty && _symbols.TryResolve(_venue, symbol, out instrument);
        if (!known) instrument = default;
        return FrameIssue.None;
    }

    private static bool IsEmptyString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty;

    /// <summary>A unix-ms time where 0 means "none" (Binance's <c>T</c>/<c>nextFundingTime</c> for delivery contracts);
    /// otherwise the bounds of <see cref="FrameReader.ReadSettlementTimeMs"/>.</summary>
    private static FrameIssue ReadOptionalTimeMs(ref Utf8JsonReader reader, out long unixMs, out bool present)
    {
        present = false;
        var issue = FrameReader.ReadInt64(ref reader, out unixMs);
        if (issue != FrameIssue.None || unixMs == 0) return issue;
        if (unixMs < 0) return FrameIssue.NegativeValue;
        if (unixMs is < FrameReader.MinSettlementTimeMs or > FrameReader.MaxTimeMs) return FrameIssue.AbsurdValue;
        present = true;
        return FrameIssue.None;
    }
}
