using System.Buffers.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>Messages of OKX's private WebSocket (<c>/ws/v5/private</c>) into <see cref="ExecutionUpdate"/>s and op
/// answers, with <see cref="Utf8JsonReader"/>, field order free within an object, unknown fields skipped. Nothing is
/// allocated; the updates of the last message are in <see cref="Updates"/>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>orders</c> (#order-book-trading-trade-ws-order-channel): <c>state</c> live → Accepted; a push carrying a trade
/// (<c>tradeId</c>, <c>fillSz</c> &gt; 0) while partially_filled or filled → Fill (<c>fillSz</c> contracts at <c>fillPx</c>,
/// fee = −<c>fillFee</c> in <c>fillFeeCcy</c>, maker when <c>execType</c> M); canceled → Canceled, preceded by the Fill
/// when the same push carries one (the deduplicator drops it if it was already delivered).</item>
/// <item><c>positions</c> (#trading-account-websocket-positions-channel): a Position per item (<c>pos</c>, signed in net
/// mode; <c>avgPx</c>; <c>uTime</c>). <see cref="FundingFeeChanged"/> is set when an instrument's accumulated
/// <c>fundingFee</c> differs from the last one seen: OKX pushes no funding event, so the client then reads the funding
/// bills.</item>
/// <item><c>account</c> (#trading-account-websocket-account-channel): a Balance per <c>details</c> item (<c>ccy</c>,
/// <c>cashBal</c>, <c>uTime</c>).</item>
/// </list>
/// One receive loop owns a parser.
/// </remarks>
public sealed class OkxPrivateParser(VenueId venue, ISymbolResolver symbols)
{
    public const int MaxUpdatesPerFrame = 64;
    private const int TrackedInstruments = 4096;
    private readonly ExecutionUpdate[] _updates = new ExecutionUpdate[MaxUpdatesPerFrame];
    private readonly byte[] _scratch = new byte[256];
    private readonly byte[] _message = new byte[ExecutionError.MaxMessageLength];
    private readonly long[] _fundingFees = new long[TrackedInstruments];
    private readonly bool[] _fundingFeeKnown = new bool[TrackedInstruments];
    private int _count;
    private OrderReport _answer;

    public VenueId Venue => venue;
    public ReadOnlySpan<ExecutionUpdate> Updates => _updates.AsSpan(0, _count);
    public FrameIssue LastIssue { get; private set; }
    /// <summary>The request id of the last op answer.</summary>
    public long AnswerId { get; private set; }
    /// <summary>The last op answer: the ack's ids and time, or the refusal.</summary>
    public ref readonly OrderReport Answer => ref _answer;
    /// <summary>The code and message of the last error event (or a login refusal).</summary>
    public ExecutionError Error { get; private set; }
    /// <summary>The last positions push showed a change in some instrument's accumulated funding fee.</summary>
    public bool FundingFeeChanged { get; private set; }

    public OkxPrivateFrame Parse(ReadOnlySpan<byte> frame, long receivedTimestamp)
    {
        _count = 0;
        LastIssue = FrameIssue.None;
        FundingFeeChanged = false;
        if (frame.SequenceEqual("pong"u8)) return OkxPrivateFrame.Pong;
        try
        {
            return ParseFrame(frame, receivedTimestamp);
        }
        catch (JsonException)
        {
            return Malformed(FrameIssue.MalformedJson);
        }
        catch (InvalidOperationException)
        {
            return Malformed(FrameIssue.UnexpectedShape);
        }
    }

    private OkxPrivateFrame Malformed(FrameIssue issue)
    {
        _count = 0;
        LastIssue = issue;
        return OkxPrivateFrame.Malformed;
    }

    private OkxPrivateFrame ParseFrame(ReadOnlySpan<byte> frame, long receivedTimestamp)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Malformed(FrameIssue.UnexpectedShape);
        var channel = Channel.None;
        var evt = Event.None;
        var isOp = false;
        var hasAck = false;
        var code = 0;
        long id = 0;
        var messageLength = 0;
        var issue = FrameIssue.None;
        _answer = default;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return Malformed(FrameIssue.UnexpectedShape);
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            if (name.SequenceEqual("event"u8)) evt = ReadEvent(ref reader);
            else if (name.SequenceEqual("code"u8)) code = OkxJson.ReadCode(ref reader);
            else if (name.SequenceEqual("msg"u8))
                messageLength = OkxJson.ReadMessage(ref reader, _message);
            else if (name.SequenceEqual("id"u8))
            {
                if (reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty
                    && !(Utf8Parser.TryParse(reader.ValueSpan, out id, out var used) && used == reader.ValueSpan.Length)) id = 0;
            }
            else if (name.SequenceEqual("op"u8))
            {
                isOp = true;
                reader.Skip();
            }
            else if (name.SequenceEqual("arg"u8)) channel = ReadChannel(ref reader);
            else if (name.SequenceEqual("data"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                if (isOp) found = ReadAcks(ref reader, ref hasAck);
                else if (channel != Channel.None) found = ReadPushes(ref reader, channel, receivedTimestamp);
                else reader.Skip();
            }
            else reader.Skip();
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        if (issue != FrameIssue.None && issue != FrameIssue.UnknownSymbol) return Malformed(issue);
        if (isOp)
        {
            if (id <= 0) return Malformed(FrameIssue.MissingField);
            // Top-level code 1 ("All operations failed") carries the reason per order; any other code is the request's.
            if (code != 0 && !(code == 1 && hasAck && _answer.Error.IsError)) _answer.Error = OkxErrorMap.FromVenue(code, _message.AsSpan(0, messageLength), 200);
            else if (code == 0 && !hasAck) return Malformed(FrameIssue.MissingField);
            AnswerId = id;
            return OkxPrivateFrame.OpAnswer;
        }
        switch (evt)
        {
            case Event.Login:
                if (code == 0) return OkxPrivateFrame.LoggedIn;
                Error = OkxErrorMap.FromVenue(code, _message.AsSpan(0, messageLength), 200);
                return OkxPrivateFrame.Error;
            case Event.Error:
                Error = OkxErrorMap.FromVenue(code, _message.AsSpan(0, messageLength), 200);
                if (id > 0)
                {
                    // The answer to an op refused as a whole ({"event":"error","id":…}): complete the request waiting for it.
                    _answer = default;
                    _answer.Error = Error;
                    AnswerId = id;
                    return OkxPrivateFrame.OpAnswer;
                }
                return OkxPrivateFrame.Error;
            case Event.Subscribe:
                return OkxPrivateFrame.Subscribed;
            case Event.Other:
                return OkxPrivateFrame.Ignored;
        }
        if (channel == Channel.None) return Malformed(FrameIssue.UnknownMessage);
        return channel == Channel.Other ? OkxPrivateFrame.Ignored : OkxPrivateFrame.Updates;
    }

    private FrameIssue ReadAcks(ref Utf8JsonReader reader, ref bool hasAck)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (hasAck)
            {
                reader.Skip(); // one order per op
                continue;
            }
            var issue = OkxOrderReader.ReadAck(ref reader, ref _answer, _scratch);
            if (issue != FrameIssue.None) return issue;
            hasAck = true;
        }
        return FrameIssue.None;
    }

    private FrameIssue ReadPushes(ref Utf8JsonReader reader, Channel channel, long receivedTimestamp)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
            var issue = channel switch
            {
                Channel.Orders => ReadOrder(ref reader),
                Channel.Positions => ReadPosition(ref reader),
                Channel.Account => ReadAccount(ref reader),
                _ => OkxJson.Skip(ref reader),
            };
            if (issue != FrameIssue.None) return issue;
        }
        for (var i = 0; i < _count; i++) _updates[i].ReceivedTimestamp = receivedTimestamp;
        return FrameIssue.None;
    }

    private FrameIssue ReadOrder(ref Utf8JsonReader reader)
    {
        if (_count + 2 > MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
        var u = new ExecutionUpdate { Venue = venue };
        var known = true;
        Quantity size = default;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            if (name.SequenceEqual("instId"u8))
            {
                found = OkxJson.ReadInstrument(ref reader, symbols, venue, _scratch, out u.Instrument);
                if (found == FrameIssue.UnknownSymbol) (known, found) = (false, FrameIssue.None);
            }
            else if (name.SequenceEqual("clOrdId"u8)) found = OkxJson.ReadClientOrderId(ref reader, _scratch, out u.ClientOrderId);
            else if (name.SequenceEqual("ordId"u8)) found = OkxJson.ReadVenueId(ref reader, _scratch, out u.VenueOrderId);
            else if (name.SequenceEqual("tradeId"u8)) found = OkxJson.ReadVenueId(ref reader, _scratch, out u.TradeId);
            else if (name.SequenceEqual("side"u8)) u.Side = OkxJson.Side(FrameReader.ReadString(ref reader, _scratch));
            else if (name.SequenceEqual("state"u8)) u.Status = OkxJson.State(FrameReader.ReadString(ref reader, _scratch));
            else if (name.SequenceEqual("sz"u8)) found = OkxJson.ReadQuantityOrEmpty(ref reader, out size);
            else if (name.SequenceEqual("fillSz"u8)) found = OkxJson.ReadQuantityOrEmpty(ref reader, out u.LastFillQuantity);
            else if (name.SequenceEqual("fillPx"u8)) found = OkxJson.ReadPriceOrEmpty(ref reader, out u.LastFillPrice);
            else if (name.SequenceEqual("accFillSz"u8)) found = OkxJson.ReadQuantityOrEmpty(ref reader, out u.CumulativeQuantity);
            else if (name.SequenceEqual("avgPx"u8)) found = OkxJson.ReadPriceOrEmpty(ref reader, out u.AveragePrice);
            else if (name.SequenceEqual("fillFee"u8)) found = OkxJson.ReadAmount(ref reader, out u.Fee);
            else if (name.SequenceEqual("fillFeeCcy"u8)) AssetCode.TryCreate(FrameReader.ReadString(ref reader, _scratch), out u.Asset);
            else if (name.SequenceEqual("execType"u8)) u.IsMaker = reader.ValueTextEquals("M"u8);
            else if (name.SequenceEqual("reduceOnly"u8)) u.ReduceOnly = OkxJson.ReadFlag(ref reader);
            else if (name.SequenceEqual("uTime"u8)) found = OkxJson.ReadTimeOrEmpty(ref reader, out u.UpdateTimeMs);
            else if (name.SequenceEqual("fillTime"u8)) found = OkxJson.ReadTimeOrEmpty(ref reader, out u.EventTimeMs);
            else reader.Skip();
            if (found != FrameIssue.None) return found;
        }
        if (!known) return FrameIssue.None; // an instrument we do not trade
        if (u.Side == OrderSide.None || u.Status == OrderStatus.Unknown) return FrameIssue.UnexpectedShape;
        u.Fee = new Quantity(-u.Fee.Raw); // OKX: negative = charged; ours: positive = paid
        if (u.EventTimeMs == 0) u.EventTimeMs = u.UpdateTimeMs;
        var hasTrade = !u.TradeId.IsEmpty && u.LastFillQuantity.IsPositive;
        if (hasTrade && u.Status != OrderStatus.New)
        {
            ref var fill = ref _updates[_count++];
            fill = u;
            fill.Kind = ExecutionUpdateKind.Fill;
            if (u.Status == OrderStatus.Canceled)
                fill.Status = size.IsPositive && u.CumulativeQuantity >= size ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        }
        if (u.Status is OrderStatus.New or OrderStatus.Canceled || (!hasTrade && u.Status == OrderStatus.PartiallyFilled))
        {
            // A state change (acceptance, amendment, cancel) carries no trade of its own.
            ref var state = ref _updates[_count++];
            state = u;
            state.Kind = u.Status == OrderStatus.Canceled ? ExecutionUpdateKind.Canceled : ExecutionUpdateKind.Accepted;
            state.TradeId = default;
            state.LastFillQuantity = default;
            state.LastFillPrice = default;
            state.Fee = default;
        }
        return FrameIssue.None;
    }

    private FrameIssue ReadPosition(ref Utf8JsonReader reader)
    {
        if (_count == MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
        var u = new ExecutionUpdate { Venue = venue, Kind = ExecutionUpdateKind.Position };
        var known = true;
        Quantity fundingFee = default;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            if (name.SequenceEqual("instId"u8))
            {
                found = OkxJson.ReadInstrument(ref reader, symbols, venue, _scratch, out u.Instrument);
                if (found == FrameIssue.UnknownSymbol) (known, found) = (false, FrameIssue.None);
            }
            else if (name.SequenceEqual("pos"u8)) found = OkxJson.ReadSigned(ref reader, out u.PositionQuantity);
            else if (name.SequenceEqual("avgPx"u8)) found = OkxJson.ReadPriceOrEmpty(ref reader, out u.EntryPrice);
            else if (name.SequenceEqual("ccy"u8)) AssetCode.TryCreate(FrameReader.ReadString(ref reader, _scratch), out u.Asset);
            else if (name.SequenceEqual("fundingFee"u8)) found = OkxJson.ReadAmount(ref reader, out fundingFee);
            else if (name.SequenceEqual("uTime"u8)) found = OkxJson.ReadTimeOrEmpty(ref reader, out u.UpdateTimeMs);
            else reader.Skip();
            if (found != FrameIssue.None) return found;
        }
        if (!known) return FrameIssue.None;
        if (u.Instrument.IsNone) return FrameIssue.MissingField;
        u.EventTimeMs = u.UpdateTimeMs;
        _updates[_count++] = u;
        NoteFundingFee(u.Instrument, fundingFee);
        return FrameIssue.None;
    }

    private void NoteFundingFee(InstrumentId instrument, Quantity fundingFee)
    {
        if (instrument.Index >= TrackedInstruments)
        {
            FundingFeeChanged = true;
            return;
        }
        if (_fundingFeeKnown[instrument.Index] && _fundingFees[instrument.Index] != fundingFee.Raw) FundingFeeChanged = true;
        _fundingFeeKnown[instrument.Index] = true;
        _fundingFees[instrument.Index] = fundingFee.Raw;
    }

    private FrameIssue ReadAccount(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var isDetails = reader.ValueTextEquals("details"u8);
            reader.Read();
            if (!isDetails || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
                if (_count == MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
                var u = new ExecutionUpdate { Venue = venue, Kind = ExecutionUpdateKind.Balance };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.ValueSpan;
                    reader.Read();
                    var found = FrameIssue.None;
                    if (name.SequenceEqual("ccy"u8)) { if (!AssetCode.TryCreate(FrameReader.ReadString(ref reader, _scratch), out u.Asset)) found = FrameIssue.UnexpectedShape; }
                    else if (name.SequenceEqual("cashBal"u8)) found = OkxJson.ReadAmount(ref reader, out u.Amount);
                    else if (name.SequenceEqual("uTime"u8)) found = OkxJson.ReadTimeOrEmpty(ref reader, out u.UpdateTimeMs);
                    else reader.Skip();
                    if (found != FrameIssue.None) return found;
                }
                if (u.Asset.Utf8.IsEmpty) return FrameIssue.MissingField;
                u.EventTimeMs = u.UpdateTimeMs;
                _updates[_count++] = u;
            }
        }
        return FrameIssue.None;
    }

    private static Event ReadEvent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return Event.Other;
        if (reader.ValueTextEquals("login"u8)) return Event.Login;
        if (reader.ValueTextEquals("error"u8)) return Event.Error;
        if (reader.ValueTextEquals("subscribe"u8)) return Event.Subscribe;
        return Event.Other;
    }

    private static Channel ReadChannel(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Channel.None;
        }
        var channel = Channel.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isChannel = reader.ValueTextEquals("channel"u8);
            reader.Read();
            if (!isChannel)
            {
                reader.Skip();
                continue;
            }
            channel = reader.ValueTextEquals("orders"u8) ? Channel.Orders
                : reader.ValueTextEquals("positions"u8) ? Channel.Positions
                : reader.ValueTextEquals("account"u8) ? Channel.Account
                : Channel.Other;
        }
        return channel;
    }

    private enum Channel : byte
    {
        None,
        Orders,
        Positions,
        Account,
        Other,
    }

    private enum Event : byte
    {
        None,
        Login,
        Error,
        Subscribe,
        Other,
    }
}
