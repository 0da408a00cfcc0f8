using System.Runtime.CompilerServices;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>Parses OKX v5 public market-data frames (<c>/ws/v5/public</c>) and REST market-data bodies into ring slots.</summary>
/// <remarks>
/// <para>Channels and what each item becomes (one event per item of <c>data</c>):</para>
/// <list type="bullet">
/// <item><c>funding-rate</c> → Funding with <see cref="FundingFields.Rate"/> = <c>fundingRate</c>,
/// <see cref="FundingFields.NextFundingTime"/> = <c>fundingTime</c> (OKX's "settlement time": the settlement the
/// current rate is paid at — NOT OKX's <c>nextFundingTime</c>, the one after it), and
/// <see cref="FundingFields.IntervalHours"/> = (<c>nextFundingTime</c> − <c>fundingTime</c>) / 1 h when that is a whole
/// number of hours in 1..24 (the docs: "users should focus on the difference between <c>fundingTime</c> and
/// <c>nextFundingTime</c> fields to determine the funding fee interval"); ExchangeTimeMs = <c>ts</c>.</item>
/// <item><c>mark-price</c> → Funding with <see cref="FundingFields.MarkPrice"/> = <c>markPx</c>.</item>
/// <item><c>index-tickers</c> → Funding with <see cref="FundingFields.IndexPrice"/> = <c>idxPx</c>. The channel is keyed
/// by index (<c>BTC-USDT</c>, "Same as <c>uly</c>"); the event goes to the perpetual <c>BTC-USDT-SWAP</c>.</item>
/// <item><c>books</c> → BookSnapshot (<c>"action":"snapshot"</c>) or BookDelta (<c>"update"</c>); <c>books5</c> →
/// BookSnapshot (every push is a full 5-level book). Levels are <c>[price, size (contracts), "0", numOrders]</c>: the
/// first two are read, the rest skipped. UpdateId = <c>seqId</c>, PrevUpdateId = <c>prevSeqId</c> (−1 for
/// <c>books5</c> and REST snapshots, which carry none: "in snapshot messages … the prevSeqId is always -1"),
/// Checksum = <c>checksum</c>, ExchangeTimeMs = <c>ts</c>. The VIP channels <c>books50-l2-tbt</c> and
/// <c>books-l2-tbt</c> are read as <c>books</c>. A <c>books5</c> push replaces the whole book: never subscribe it
/// together with <c>books</c> for one instrument.</item>
/// </list>
/// <para>Checksum: on a <c>books</c> snapshot with a non-zero <c>checksum</c> the parser computes the CRC32 of the first
/// 25 levels from the frame's own strings (<see cref="OkxChecksum"/>) and stores it in
/// <see cref="BookUpdate.ComputedChecksum"/>; <see cref="OkxBookSync"/> compares the two and
/// answers Resync/ChecksumMismatch when they differ. With <c>checksum</c> 0 (the current docs: deprecated, "fixed to
/// <c>0</c>") nothing is computed and ComputedChecksum stays 0.</para>
/// <para>Control: the text frame <c>pong</c> → Pong; <c>"event"</c> <c>subscribe</c>, <c>unsubscribe</c>, <c>notice</c>,
/// <c>login</c>, <c>channel-conn-count</c> → Control; <c>error</c> and <c>channel-conn-count-error</c> → VenueError.</para>
/// <para>JSON members may come in any order; <c>data</c> is parsed in place when <c>arg</c> (and, for <c>books</c>,
/// <c>action</c>) came first — OKX's own order — and otherwise skipped once and parsed after the rest of the frame.
/// No strings, no allocation.</para>
/// </remarks>
public sealed class OkxMarketParser : IMarketFrameParser
{
    /// <summary>Longest instrument id we resolve; OKX ids are about 20 bytes.</summary>
    public const int MaxSymbolLength = 64;

    private const long HourMs = 3_600_000;

    private readonly VenueId _venue;
    private readonly ISymbolResolver _symbols;
    private readonly OkxChecksum _checksum = new();
    private readonly byte[] _argInstId = new byte[MaxSymbolLength];
    private readonly byte[] _itemInstId = new byte[MaxSymbolLength];
    private readonly byte[] _nameScratch = new byte[32]; // unescaped property names (OKX sends none escaped)
    private int _argInstIdLength; // -1: absent; -2: present but unusable (too long, not a string)
    private MarketEvent _restScratch;

    public OkxMarketParser(VenueId venue, ISymbolResolver symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _venue = venue;
        _symbols = symbols;
    }

    private enum BookAction : byte { None, Snapshot, Update, Invalid }

    private enum EventClass : byte { None, Control, Error, Unknown }

    public FrameResult Parse(ReadOnlySpan<byte> frame, MarketEventSink sink)
    {
        if (frame.SequenceEqual("pong"u8)) return FrameResult.Pong;
        try
        {
            var result = ParseFrame(frame, sink);
            return result.IsUsable && sink.Overflowed ? FrameResult.Bad(FrameIssue.TooManyLevels) : result;
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

    public FrameResult ParseRest(ReadOnlySpan<char> pathAndQuery, ReadOnlySpan<byte> body, MarketEventSink sink)
    {
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var query = q < 0 ? [] : pathAndQuery[(q + 1)..];
        var channel = path switch
        {
            "/api/v5/market/books" => OkxChannel.RestBooks,
            "/api/v5/public/funding-rate" => OkxChannel.FundingRate,
            "/api/v5/public/mark-price" => OkxChannel.MarkPrice,
            "/api/v5/market/index-tickers" => OkxChannel.IndexTickers,
            _ => OkxChannel.Unknown,
        };
        if (channel == OkxChannel.Unknown)
        {
            return path.SequenceEqual(OkxInstrumentMetadata.InstrumentsPath)
                ? FrameResult.Control // metadata: OkxMarketData.ParseMetadata reads it
                : FrameResult.Bad(FrameIssue.UnknownMessage);
        }
        SetArgInstIdFromQuery(query);
        try
        {
            var result = ParseRestBody(body, sink, channel);
            return result.IsUsable && sink.Overflowed ? FrameResult.Bad(FrameIssue.TooManyLevels) : result;
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
        reader.Read(); // throws on an empty or non-JSON frame
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            EnsureEnd(ref reader);
            return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }

        var channel = OkxChannel.None;
        var hasArg = false;
        var action = BookAction.None;
        var evt = EventClass.None;
        var sawData = false;
        int deferredStart = -1, deferredEnd = 0;
        _argInstIdLength = -1;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader, _nameScratch);
            reader.Read();
            if (name.SequenceEqual("arg"u8))
            {
                if (reader.TokenType != JsonTokenType.StartObject) return FrameResult.Bad(FrameIssue.UnexpectedShape);
                hasArg = true;
                channel = ReadArg(ref reader);
            }
            else if (name.SequenceEqual("data"u8))
            {
                sawData = true;
                if (evt == EventClass.None && hasArg && channel > OkxChannel.Unknown
                    && (channel != OkxChannel.Books || action != BookAction.None))
                {
                    if (action == BookAction.Invalid && channel == OkxChannel.Books)
                        return FrameResult.Bad(FrameIssue.UnexpectedShape);
                    var issue = ParseData(ref reader, frame, sink, channel, action);
                    if (issue != FrameIssue.None) return FrameResult.Bad(issue);
                }
                else
                {
                    deferredStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    deferredEnd = (int)reader.BytesConsumed;
                }
            }
            else if (name.SequenceEqual("action"u8))
            {
                action = reader.TokenType != JsonTokenType.String ? BookAction.Invalid
                    : reader.ValueTextEquals("snapshot"u8) ? BookAction.Snapshot
                    : reader.ValueTextEquals("update"u8) ? BookAction.Update
                    : BookAction.Invalid;
                SkipValue(ref reader);
            }
            else if (name.SequenceEqual("event"u8))
            {
                evt = ClassifyEvent(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        EnsureEnd(ref reader);

        if (evt != EventClass.None)
        {
            return evt switch
            {
                EventClass.Control => FrameResult.Control,
                EventClass.Error => FrameResult.VenueError,
                _ => FrameResult.Bad(FrameIssue.UnknownMessage),
            };
        }
        if (!hasArg) return FrameResult.Bad(sawData ? FrameIssue.MissingField : FrameIssue.UnknownMessage);
        if (channel == OkxChannel.None) return FrameResult.Bad(FrameIssue.MissingField);
        if (channel == OkxChannel.Unknown) return FrameResult.Bad(FrameIssue.UnknownMessage);
        if (!sawData) return FrameResult.Bad(FrameIssue.MissingField);
        if (channel == OkxChannel.Books)
        {
            if (action == BookAction.None) return FrameResult.Bad(FrameIssue.MissingField);
            if (action == BookAction.Invalid) return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }
        if (deferredStart >= 0)
        {
            var data = frame.Slice(deferredStart, deferredEnd - deferredStart);
            var dataReader = new Utf8JsonReader(data, isFinalBlock: true, state: default);
            dataReader.Read();
            var issue = ParseData(ref dataReader, data, sink, channel, action);
            if (issue != FrameIssue.None) return FrameResult.Bad(issue);
        }
        return FrameResult.MarketData;
    }

    private OkxChannel ReadArg(ref Utf8JsonReader reader)
    {
        var channel = OkxChannel.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader, _nameScratch);
            reader.Read();
            if (name.SequenceEqual("channel"u8))
            {
                channel = reader.TokenType == JsonTokenType.String ? ClassifyChannel(ref reader) : OkxChannel.Unknown;
                SkipValue(ref reader);
            }
            else if (name.SequenceEqual("instId"u8))
                StoreArgInstId(ref reader);
            else
                reader.Skip();
        }
        return channel;
    }

    private static OkxChannel ClassifyChannel(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("books"u8)) return OkxChannel.Books;
        if (reader.ValueTextEquals("funding-rate"u8)) return OkxChannel.FundingRate;
        if (reader.ValueTextEquals("mark-price"u8)) return OkxChannel.MarkPrice;
        if (reader.ValueTextEquals("index-tickers"u8)) return OkxChannel.IndexTickers;
        if (reader.ValueTextEquals("books5"u8)) return OkxChannel.Books5;
        // The VIP tick-by-tick books follow the same snapshot/update and seqId/prevSeqId rules as books.
        if (reader.ValueTextEquals("books50-l2-tbt"u8) || reader.ValueTextEquals("books-l2-tbt"u8)) return OkxChannel.Books;
        return OkxChannel.Unknown;
    }

    private static EventClass ClassifyEvent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return EventClass.Unknown;
        }
        if (reader.ValueTextEquals("subscribe"u8) || reader.ValueTextEquals("unsubscribe"u8)
            || reader.ValueTextEquals("notice"u8) || reader.ValueTextEquals("login"u8)
            || reader.ValueTextEquals("channel-conn-count"u8))
            return EventClass.Control;
        if (reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("channel-conn-count-error"u8))
            return EventClass.Error;
        return EventClass.Unknown;
    }

    private void StoreArgInstId(ref Utf8JsonReader reader)
    {
        var symbol = FrameReader.ReadString(ref reader, _argInstId);
        if (reader.TokenType != JsonTokenType.String || symbol.Length > MaxSymbolLength
            || (symbol.IsEmpty && (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) != 0))
        {
            reader.Skip();
            _argInstIdLength = -2;
            return;
        }
        symbol.CopyTo(_argInstId); // no-op when ReadString unescaped into _argInstId already
        _argInstIdLength = symbol.Length;
    }

    private void SetArgInstIdFromQuery(ReadOnlySpan<char> query)
    {
        _argInstIdLength = -1;
        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? [] : query[(amp + 1)..];
            if (!pair.StartsWith("instId=", StringComparison.Ordinal)) continue;
            var value = pair["instId=".Length..];
            if (value.Length > MaxSymbolLength)
            {
                _argInstIdLength = -2;
                return;
            }
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c > 0x7F)
                {
                    _argInstIdLength = -2;
                    return;
                }
                _argInstId[i] = (byte)c;
            }
            _argInstIdLength = value.Length;
            return;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // REST bodies: {"code":"0","msg":"","data":[…]}

    private FrameResult ParseRestBody(ReadOnlySpan<byte> body, MarketEventSink sink, OkxChannel channel)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            EnsureEnd(ref reader);
            return FrameResult.Bad(FrameIssue.UnexpectedShape);
        }
        var codeSeen = false;
        var codeOk = false;
        var sawData = false;
        var issue = FrameIssue.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader, _nameScratch);
            reader.Read();
            if (name.SequenceEqual("code"u8))
            {
                codeSeen = true;
                codeOk = reader.TokenType switch
                {
                    JsonTokenType.String => reader.ValueTextEquals("0"u8),
                    JsonTokenType.Number => reader.ValueSpan.SequenceEqual("0"u8),
                    _ => false,
                };
                reader.Skip();
            }
            else if (name.SequenceEqual("data"u8) && !(codeSeen && !codeOk) && issue == FrameIssue.None)
            {
                sawData = true;
                if (channel == OkxChannel.RestBooks)
                {
                    var bookIssue = ParseData(ref reader, body, sink, channel, BookAction.Snapshot);
                    if (bookIssue != FrameIssue.None) return FrameResult.Bad(bookIssue);
                }
                else
                {
                    // UnknownSymbol here means "no item was ours" and the array was read to its end: keep going,
                    // so that a non-zero code after the data still wins.
                    issue = ParseRestFundingData(ref reader, sink, channel);
                    if (issue != FrameIssue.None && issue != FrameIssue.UnknownSymbol) return FrameResult.Bad(issue);
                }
            }
            else
            {
                reader.Skip();
            }
        }
        EnsureEnd(ref reader);
        if (!codeSeen) return FrameResult.Bad(FrameIssue.MissingField);
        if (!codeOk) return FrameResult.VenueError;
        if (!sawData) return FrameResult.Bad(FrameIssue.MissingField);
        return issue == FrameIssue.None ? FrameResult.MarketData : FrameResult.Bad(issue);
    }

    /// <summary>REST lists (<c>mark-price?instType=SWAP</c>, <c>funding-rate?instId=ANY</c>) cover instruments we do not
    /// track: those items are skipped. Only when items came and none resolved is the body UnknownSymbol.</summary>
    private FrameIssue ParseRestFundingData(ref Utf8JsonReader reader, MarketEventSink sink, OkxChannel channel)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return FrameIssue.UnexpectedShape;
        int items = 0, resolved = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
            items++;
            _restScratch.Reset(MarketEventKind.Funding, sink.Venue, sink.ReceivedTimestamp);
            var issue = ParseFundingItem(ref reader, ref _restScratch, channel);
            if (issue == FrameIssue.UnknownSymbol) continue;
            if (issue != FrameIssue.None) return issue;
            resolved++;
            sink.Claim(MarketEventKind.Funding) = _restScratch;
        }
        return items > 0 && resolved == 0 ? FrameIssue.UnknownSymbol : FrameIssue.None;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // data arrays

    private FrameIssue ParseData(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, MarketEventSink sink,
        OkxChannel channel, BookAction action)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return FrameIssue.UnexpectedShape;
        var isBook = channel is OkxChannel.Books or OkxChannel.Books5 or OkxChannel.RestBooks;
        var instrument = InstrumentId.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
            FrameIssue issue;
            if (isBook)
            {
                if (instrument.IsNone)
                {
                    issue = ResolveArgInstId(indexToSwap: false, out instrument);
                    if (issue != FrameIssue.None) return issue;
                }
                var kind = channel == OkxChannel.Books && action == BookAction.Update
                    ? MarketEventKind.BookDelta
                    : MarketEventKind.BookSnapshot;
                issue = ParseBookItem(ref reader, buffer, sink, kind, channel, instrument);
            }
            else
            {
                issue = ParseFundingItem(ref reader, ref sink.Claim(MarketEventKind.Funding), channel);
            }
            if (issue != FrameIssue.None) return issue;
        }
        return FrameIssue.None;
    }

    /// <summary>One item of <c>funding-rate</c>, <c>mark-price</c> or <c>index-tickers</c> into <paramref name="e"/>;
    /// the reader is on the item's StartObject and ends on its EndObject. The instrument is resolved last, from the
    /// item's <c>instId</c> or else the subscription's.</summary>
    private FrameIssue ParseFundingItem(ref Utf8JsonReader reader, ref MarketEvent e, OkxChannel channel)
    {
        var symbol = _itemInstId;
        var symbolLength = -1;
        bool hasValue = false, hasTs = false, hasFundingTime = false, hasNextFundingTime = false;
        long nextFundingTime = 0;
        FrameIssue issue;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader, _nameScratch);
            reader.Read();
            switch (name.Length)
            {
                case 2 when name[0] == (byte)'t' && name[1] == (byte)'s':
                    if (IsEmptyString(ref reader)) return FrameIssue.MissingField;
                    issue = FrameReader.ReadTimeMs(ref reader, out e.ExchangeTimeMs);
                    if (issue != FrameIssue.None) return issue;
                    hasTs = true;
                    break;

                case 6 when name.SequenceEqual("instId"u8):
                    if (reader.TokenType != JsonTokenType.String) return FrameIssue.UnexpectedShape;
                    var value = FrameReader.ReadString(ref reader, symbol);
                    if (value.Length > MaxSymbolLength || (value.IsEmpty && reader.ValueSpan.Length != 0))
                    {
                        symbolLength = -2; // cannot be one of ours; keep reading so a REST list can skip the item
                    }
                    else
                    {
                        value.CopyTo(symbol);
                        symbolLength = value.Length;
                    }
                    break;

                case 11 when channel == OkxChannel.FundingRate && name.SequenceEqual("fundingRate"u8):
                    if (IsEmptyString(ref reader)) return FrameIssue.MissingField;
                    issue = FrameReader.ReadRate(ref reader, out e.Funding.Rate);
                    if (issue != FrameIssue.None) return issue;
                    hasValue = true;
                    break;

                case 11 when channel == OkxChannel.FundingRate && name.SequenceEqual("fundingTime"u8):
                    if (IsEmptyString(ref reader)) return FrameIssue.MissingField;
                    issue = FrameReader.ReadSettlementTimeMs(ref reader, out e.Funding.NextFundingTimeMs);
                    if (issue != FrameIssue.None) return issue;
                    hasFundingTime = true;
                    break;

                case 15 when channel == OkxChannel.FundingRate && name.SequenceEqual("nextFundingTime"u8):
                    if (!IsEmptyString(ref reader) && reader.TokenType != JsonTokenType.Null)
                    {
                        issue = FrameReader.ReadSettlementTimeMs(ref reader, out nextFundingTime);
                        if (issue != FrameIssue.None) return issue;
                        hasNextFundingTime = true;
                    }
                    break;

                case 6 when channel == OkxChannel.MarkPrice && name.SequenceEqual("markPx"u8):
                    if (IsEmptyString(ref reader)) return FrameIssue.MissingField;
                    issue = FrameReader.ReadPrice(ref reader, out e.Funding.MarkPrice);
                    if (issue != FrameIssue.None) return issue;
                    hasValue = true;
                    break;

                case 5 when channel == OkxChannel.IndexTickers && name.SequenceEqual("idxPx"u8):
                    if (IsEmptyString(ref reader)) return FrameIssue.MissingField;
                    issue = FrameReader.ReadPrice(ref reader, out e.Funding.IndexPrice);
                    if (issue != FrameIssue.None) return issue;
                    hasValue = true;
                    break;

                default:
                    SkipValue(ref reader);
                    break;
            }
        }

        if (!hasValue || !hasTs) return FrameIssue.MissingField;
        switch (channel)
        {
            case OkxChannel.FundingRate:
                if (!hasFundingTime) return FrameIssue.MissingField;
                e.Funding.Fields = FundingFields.Rate | FundingFields.NextFundingTime;
                if (hasNextFundingTime)
                {
                    var interval = nextFundingTime - e.Funding.NextFundingTimeMs;
                    if (interval > 0 && interval % HourMs == 0 && interval / HourMs <= 24)
                    {
                        e.Funding.IntervalHours = (byte)(interval / HourMs);
                        e.Funding.Fields |= FundingFields.IntervalHours;
                    }
                }
                break;
            case OkxChannel.MarkPrice:
                e.Funding.Fields = FundingFields.MarkPrice;
                break;
            default:
                e.Funding.Fields = FundingFields.IndexPrice;
                break;
        }

        var indexToSwap = channel == OkxChannel.IndexTickers;
        if (symbolLength == -2) return FrameIssue.UnknownSymbol;
        return symbolLength >= 0
            ? Resolve(symbol.AsSpan(0, symbolLength), indexToSwap, out e.Instrument)
            : ResolveArgInstId(indexToSwap, out e.Instrument);
    }

    /// <summary>One item of <c>books</c>/<c>books5</c>/REST books as one book event (split into parts by the writer);
    /// the reader is on the item's StartObject and ends on its EndObject.</summary>
    private FrameIssue ParseBookItem(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, MarketEventSink sink,
        MarketEventKind kind, OkxChannel channel, InstrumentId instrument)
    {
        var w = new BookWriter(sink, kind);
        ref var header = ref w.Header;
        header.Instrument = instrument;
        var verify = kind == MarketEventKind.BookSnapshot && channel == OkxChannel.Books;
        _checksum.Clear();
        bool hasAsks = false, hasBids = false, hasTs = false, hasSeqId = false, hasPrevSeqId = false;
        FrameIssue issue;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader, _nameScratch);
            reader.Read();
            switch (name.Length)
            {
                case 4 when name.SequenceEqual("asks"u8):
                    issue = ReadLevels(ref reader, ref w, BookSideKind.Ask, verify);
                    if (issue != FrameIssue.None) return issue;
                    hasAsks = true;
                    break;

                case 4 when name.SequenceEqual("bids"u8):
                    issue = ReadLevels(ref reader, ref w, BookSideKind.Bid, verify);
                    if (issue != FrameIssue.None) return issue;
                    hasBids = true;
                    break;

                case 2 when name[0] == (byte)'t' && name[1] == (byte)'s':
                    if (IsEmptyString(ref reader)) return FrameIssue.MissingField;
                    issue = FrameReader.ReadTimeMs(ref reader, out header.ExchangeTimeMs);
                    if (issue != FrameIssue.None) return issue;
                    hasTs = true;
                    break;

                case 5 when name.SequenceEqual("seqId"u8):
                    issue = FrameReader.ReadInt64(ref reader, out header.Book.UpdateId);
                    if (issue != FrameIssue.None) return issue;
                    if (header.Book.UpdateId < 0) return FrameIssue.NegativeValue;
                    hasSeqId = true;
                    break;

                case 9 when name.SequenceEqual("prevSeqId"u8):
                    issue = FrameReader.ReadInt64(ref reader, out header.Book.PrevUpdateId);
                    if (issue != FrameIssue.None) return issue;
                    if (header.Book.PrevUpdateId < -1) return FrameIssue.NegativeValue;
                    hasPrevSeqId = true;
                    break;

                case 8 when name.SequenceEqual("checksum"u8):
                    issue = FrameReader.ReadInt64(ref reader, out var checksum);
                    if (issue != FrameIssue.None) return issue;
                    if (checksum is < int.MinValue or > int.MaxValue) return FrameIssue.AbsurdValue;
                    header.Book.Checksum = (int)checksum;
                    break;

                default:
                    SkipValue(ref reader);
                    break;
            }
        }

        if (!hasAsks || !hasBids || !hasTs) return FrameIssue.MissingField;
        if (channel == OkxChannel.Books)
        {
            if (!hasSeqId || !hasPrevSeqId) return FrameIssue.MissingField;
        }
        else
        {
            header.Book.PrevUpdateId = -1; // books5 and REST snapshots carry no prevSeqId
        }
        if (verify && header.Book.Checksum != 0) header.Book.ComputedChecksum = _checksum.Compute(buffer);
        w.Finish();
        return FrameIssue.None;
    }

    /// <summary>A side's levels <c>[[price, size, …], …]</c>: price and size are read, further elements skipped.</summary>
    private FrameIssue ReadLevels(ref Utf8JsonReader reader, ref BookWriter w, BookSideKind side, bool record)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return FrameIssue.UnexpectedShape;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return FrameIssue.None;
            if (reader.TokenType != JsonTokenType.StartArray) return FrameIssue.UnexpectedShape;

            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray) return FrameIssue.UnexpectedShape;
            var issue = FrameReader.ReadPrice(ref reader, out var price);
            if (issue != FrameIssue.None) return issue;
            var priceStart = ValueStart(ref reader);
            var priceLength = reader.ValueSpan.Length;

            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray) return FrameIssue.UnexpectedShape;
            issue = FrameReader.ReadQuantity(ref reader, out var quantity);
            if (issue != FrameIssue.None) return issue;
            if (record) _checksum.Add(side, priceStart, priceLength, ValueStart(ref reader), reader.ValueSpan.Length);

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) SkipValue(ref reader);
            w.Add(side, price, quantity);
        }
        return FrameIssue.UnexpectedShape;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    private FrameIssue ResolveArgInstId(bool indexToSwap, out InstrumentId instrument)
    {
        instrument = default;
        return _argInstIdLength switch
        {
            -1 => FrameIssue.MissingField,
            < 0 => FrameIssue.UnknownSymbol,
            _ => Resolve(_argInstId.AsSpan(0, _argInstIdLength), indexToSwap, out instrument),
        };
    }

    /// <summary>A perpetual's instrument from its instId, or from its index (<c>BTC-USDT</c> → <c>BTC-USDT-SWAP</c>).</summary>
    private FrameIssue Resolve(ReadOnlySpan<byte> symbol, bool indexToSwap, out InstrumentId instrument)
    {
        if (!indexToSwap)
            return _symbols.TryResolve(_venue, symbol, out instrument) ? FrameIssue.None : FrameIssue.UnknownSymbol;
        instrument = default;
        if (symbol.Length > MaxSymbolLength) return FrameIssue.UnknownSymbol;
        Span<byte> swap = stackalloc byte[MaxSymbolLength + 5];
        symbol.CopyTo(swap);
        "-SWAP"u8.CopyTo(swap[symbol.Length..]);
        return _symbols.TryResolve(_venue, swap[..(symbol.Length + 5)], out instrument)
            ? FrameIssue.None
            : FrameIssue.UnknownSymbol;
    }

    /// <summary>The property name's bytes, unescaped into <paramref name="scratch"/> when needed (empty if too long,
    /// which no name we look for is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        return reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : default;
    }

    /// <summary>Skips the current value; a no-op for strings, numbers and literals, which one Read already consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsEmptyString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty;

    /// <summary>Offset of the current value's text in the reader's buffer (after the quote of a string).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ValueStart(ref Utf8JsonReader reader) =>
        (int)reader.TokenStartIndex + (reader.TokenType == JsonTokenType.String ? 1 : 0);

    /// <summary>Nothing but whitespace may follow the top-level value (the reader throws on anything else).</summary>
    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new JsonException("Unexpected content after the top-level value.");
    }
}
