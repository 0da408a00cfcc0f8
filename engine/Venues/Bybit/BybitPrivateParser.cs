using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5 private-stream frames (docs/v5/websocket/private/order, execution, position, wallet, and the
/// auth/subscribe/pong answers of docs/v5/ws/connect) into <see cref="ExecutionUpdate"/>s, with
/// <see cref="Utf8JsonReader"/>, field order free, unknown fields skipped. Nothing is allocated; the updates of the last
/// frame are in <see cref="Updates"/>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>order</c>: New (and untriggered conditional states) → Accepted; Cancelled → Canceled, carrying
/// PostOnlyWouldTake or FillOrKillUnfilled when the venue ended the order itself (<c>rejectReason</c>
/// EC_PostOnlyWillTakeLiquidity / EC_CancelForNoFullFill: a post-only or FOK order is acknowledged first, then
/// cancelled); Rejected → Rejected; Deactivated → Expired. PartiallyFilled and Filled states are not published: every
/// fill arrives once, from <c>execution</c>.</item>
/// <item><c>execution</c>: <c>execType</c> Trade (and the venue's AdlTrade, BustTrade, BlockTrade, MovePosition, which
/// move the position too) → Fill (trade id <c>execId</c>, <c>execQty</c> at <c>execPrice</c>, fee <c>execFee</c> in
/// <c>feeCurrency</c>; cumulative = <c>orderQty</c> − <c>leavesQty</c>); <c>Funding</c> → FundingPayment of −<c>execFee</c>
/// ("Positive fee value means receive funding … This is opposite to the execFee", docs/v5/account/transaction-log).</item>
/// <item><c>position</c>: the signed size (<c>side</c> Sell → negative) and entry price, at <c>updatedTime</c>.</item>
/// <item><c>wallet</c>: a Balance per coin (<c>walletBalance</c>), at the message's <c>creationTime</c> (coins carry no time).</item>
/// </list>
/// Items in symbols the registry does not map are skipped (<see cref="Skipped"/>). A funding execution with an empty
/// <c>feeCurrency</c> (the REST trade history documents it as the spot fee coin) is in <c>fundingAsset</c>, the settle
/// coin, so that the stream's and a backfill's copies of one payment read alike. One receive loop owns a parser.
/// </remarks>
internal sealed class BybitPrivateParser(VenueId venue, ISymbolResolver symbols, AssetCode fundingAsset = default)
{
    public const int MaxUpdatesPerFrame = 64;
    private readonly ExecutionUpdate[] _updates = new ExecutionUpdate[MaxUpdatesPerFrame];
    private readonly byte[] _scratch = new byte[256];
    private readonly byte[] _message = new byte[ExecutionError.MaxMessageLength];
    private int _messageLength;
    private int _count;
    private long _skipped;

    public VenueId Venue => venue;
    public ReadOnlySpan<ExecutionUpdate> Updates => _updates.AsSpan(0, _count);
    public FrameIssue LastIssue { get; private set; }
    /// <summary>The <c>ret_msg</c> of the last auth or subscribe answer.</summary>
    public ReadOnlySpan<byte> LastMessage => _message.AsSpan(0, _messageLength);
    /// <summary>Items skipped because their symbol is not mapped (a position in a symbol we do not trade).</summary>
    public long Skipped => _skipped;

    public BybitPrivateFrame Parse(ReadOnlySpan<byte> frame, long receivedTimestamp)
    {
        _count = 0;
        LastIssue = FrameIssue.None;
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

    private BybitPrivateFrame Malformed(FrameIssue issue)
    {
        _count = 0;
        LastIssue = issue;
        return BybitPrivateFrame.Malformed;
    }

    private BybitPrivateFrame ParseFrame(ReadOnlySpan<byte> frame, long receivedTimestamp)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Malformed(FrameIssue.UnexpectedShape);
        var topic = Topic.None;
        var op = Op.None;
        var success = false;
        long creationTime = 0;
        var dataAt = -1L;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return Malformed(FrameIssue.UnexpectedShape);
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("topic"u8)) topic = ReadTopic(ref reader);
            else if (name.SequenceEqual("op"u8)) op = ReadOp(ref reader);
            else if (name.SequenceEqual("success"u8)) success = reader.TokenType == JsonTokenType.True;
            else if (name.SequenceEqual("creationTime"u8))
            {
                if (FrameReader.ReadTimeMs(ref reader, out creationTime) is var issue && issue != FrameIssue.None) return Malformed(issue);
            }
            else if (name.SequenceEqual("ret_msg"u8))
            {
                var text = BybitJson.Message(ref reader, _scratch);
                text.CopyTo(_message);
                _messageLength = text.Length;
            }
            else if (name.SequenceEqual("data"u8))
            {
                // The topic may come after the data: remember where it starts and read it once the topic is known.
                dataAt = reader.TokenStartIndex;
                reader.Skip();
            }
            else reader.Skip();
        }
        switch (topic)
        {
            case Topic.None:
                return op switch
                {
                    Op.Auth => success ? BybitPrivateFrame.AuthAccepted : BybitPrivateFrame.AuthRefused,
                    Op.Subscribe => success ? BybitPrivateFrame.Subscribed : BybitPrivateFrame.SubscribeRefused,
                    Op.Pong => BybitPrivateFrame.Pong,
                    Op.Other => BybitPrivateFrame.Ignored,
                    _ => Malformed(FrameIssue.MissingField),
                };
            case Topic.Other:
                return BybitPrivateFrame.Ignored;
        }
        if (dataAt < 0) return Malformed(FrameIssue.MissingField);
        var data = new Utf8JsonReader(frame[(int)dataAt..]);
        data.Read();
        if (data.TokenType != JsonTokenType.StartArray) return Malformed(FrameIssue.UnexpectedShape);
        var found = FrameIssue.None;
        while (found == FrameIssue.None && data.Read() && data.TokenType != JsonTokenType.EndArray)
        {
            if (data.TokenType != JsonTokenType.StartObject) return Malformed(FrameIssue.UnexpectedShape);
            found = topic switch
            {
                Topic.Order => ReadOrder(ref data),
                Topic.Execution => ReadExecution(ref data),
                Topic.Position => ReadPosition(ref data),
                _ => ReadWallet(ref data, creationTime),
            };
        }
        if (found != FrameIssue.None) return Malformed(found);
        for (var i = 0; i < _count; i++)
        {
            _updates[i].EventTimeMs = creationTime;
            _updates[i].ReceivedTimestamp = receivedTimestamp;
        }
        return BybitPrivateFrame.Updates;
    }

    private FrameIssue ReadOrder(ref Utf8JsonReader reader)
    {
        var report = new OrderReport();
        var issue = BybitOrderReader.Read(ref reader, symbols, venue, ref report, _scratch, out var cancelReason);
        if (issue == FrameIssue.UnknownSymbol) return Skip();
        if (issue != FrameIssue.None) return issue;
        var kind = report.Status switch
        {
            OrderStatus.New => ExecutionUpdateKind.Accepted,
            OrderStatus.Canceled => ExecutionUpdateKind.Canceled,
            OrderStatus.Expired => ExecutionUpdateKind.Expired,
            OrderStatus.Rejected => ExecutionUpdateKind.Rejected,
            _ => ExecutionUpdateKind.None, // PartiallyFilled, Filled: the executions carry the fills
        };
        if (kind == ExecutionUpdateKind.None) return FrameIssue.None;
        if (_count == MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
        ref var u = ref _updates[_count++];
        u = default;
        u.Kind = kind;
        u.Venue = venue;
        u.Instrument = report.Instrument;
        u.ClientOrderId = report.ClientOrderId;
        u.VenueOrderId = report.VenueOrderId;
        u.Side = report.Side;
        u.Status = report.Status;
        u.ReduceOnly = report.ReduceOnly;
        u.CumulativeQuantity = report.ExecutedQuantity;
        u.AveragePrice = report.AveragePrice;
        u.UpdateTimeMs = report.UpdateTimeMs;
        if (cancelReason != ExecutionErrorKind.None && kind == ExecutionUpdateKind.Canceled)
            u.Error = ExecutionError.Local(cancelReason, cancelReason == ExecutionErrorKind.PostOnlyWouldTake
                ? "EC_PostOnlyWillTakeLiquidity"u8 : "EC_CancelForNoFullFill"u8);
        return FrameIssue.None;
    }

    private FrameIssue ReadExecution(ref Utf8JsonReader reader)
    {
        if (_count == MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
        ref var u = ref _updates[_count];
        u = default;
        u.Venue = venue;
        var known = true;
        var type = ExecutionUpdateKind.None;
        Quantity orderQty = default, leavesQty = default;
        var hasLeaves = false;
        var issue = FrameIssue.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            if (name.SequenceEqual("symbol"u8)) known = Resolve(ref reader, out u.Instrument);
            else if (name.SequenceEqual("execType"u8)) type = ExecutionKind(FrameReader.ReadString(ref reader, _scratch));
            else if (name.SequenceEqual("execId"u8)) found = BybitOrderReader.ReadVenueId(ref reader, _scratch, out u.TradeId);
            else if (name.SequenceEqual("orderId"u8)) found = BybitOrderReader.ReadVenueId(ref reader, _scratch, out u.VenueOrderId);
            else if (name.SequenceEqual("orderLinkId"u8)) found = ExecutionJson.ReadClientOrderId(ref reader, _scratch, out u.ClientOrderId);
            else if (name.SequenceEqual("side"u8)) u.Side = BybitJson.Side(FrameReader.ReadString(ref reader, _scratch));
            else if (name.SequenceEqual("execQty"u8)) found = BybitJson.ReadQuantityOrEmpty(ref reader, out u.LastFillQuantity);
            else if (name.SequenceEqual("execPrice"u8)) found = BybitJson.ReadPriceOrEmpty(ref reader, out u.LastFillPrice);
            else if (name.SequenceEqual("execFee"u8)) found = BybitJson.ReadSigned(ref reader, out u.Fee);
            else if (name.SequenceEqual("feeCurrency"u8)) AssetCode.TryCreate(FrameReader.ReadString(ref reader, _scratch), out u.Asset);
            else if (name.SequenceEqual("isMaker"u8)) found = ExecutionJson.ReadBool(ref reader, out u.IsMaker);
            else if (name.SequenceEqual("execTime"u8)) found = FrameReader.ReadTimeMs(ref reader, out u.UpdateTimeMs);
            else if (name.SequenceEqual("orderQty"u8)) found = BybitJson.ReadQuantityOrEmpty(ref reader, out orderQty);
            else if (name.SequenceEqual("leavesQty"u8))
            {
                found = BybitJson.ReadQuantityOrEmpty(ref reader, out leavesQty);
                hasLeaves = true;
            }
            else reader.Skip();
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        if (issue != FrameIssue.None) return issue;
        if (type == ExecutionUpdateKind.None) return FrameIssue.None; // another execType (Delivery, Settle): not ours to count
        if (!known) return Skip();
        // Without its execId a fill or payment could not be deduplicated, so it could be counted twice: refuse the frame.
        if (u.TradeId.IsEmpty || u.UpdateTimeMs == 0) return FrameIssue.MissingField;
        u.Kind = type;
        if (type == ExecutionUpdateKind.FundingPayment)
        {
            if (u.Asset.Utf8.IsEmpty) u.Asset = fundingAsset;
            u.Amount = new Quantity(-u.Fee.Raw);
            u.Fee = default;
            u.LastFillQuantity = default;
            u.LastFillPrice = default;
            u.Side = OrderSide.None;
        }
        else
        {
            if (!u.LastFillQuantity.IsPositive || !u.LastFillPrice.IsPositive || u.Side == OrderSide.None) return FrameIssue.MissingField;
            if (orderQty.IsPositive && leavesQty <= orderQty) u.CumulativeQuantity = orderQty - leavesQty;
            u.Status = hasLeaves && leavesQty.IsZero ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        }
        _count++;
        return FrameIssue.None;
    }

    private FrameIssue ReadPosition(ref Utf8JsonReader reader)
    {
        if (_count == MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
        ref var u = ref _updates[_count];
        u = default;
        u.Venue = venue;
        u.Kind = ExecutionUpdateKind.Position;
        var known = true;
        var side = OrderSide.None;
        Quantity size = default;
        var issue = FrameIssue.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            if (name.SequenceEqual("symbol"u8)) known = Resolve(ref reader, out u.Instrument);
            else if (name.SequenceEqual("side"u8)) side = BybitJson.Side(FrameReader.ReadString(ref reader, _scratch));
            else if (name.SequenceEqual("size"u8)) found = BybitJson.ReadQuantityOrEmpty(ref reader, out size);
            else if (name.SequenceEqual("entryPrice"u8)) found = BybitJson.ReadPriceOrEmpty(ref reader, out u.EntryPrice);
            else if (name.SequenceEqual("updatedTime"u8)) found = FrameReader.ReadTimeMs(ref reader, out u.UpdateTimeMs);
            else reader.Skip();
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        if (issue != FrameIssue.None) return issue;
        if (!known) return Skip();
        u.PositionQuantity = side == OrderSide.Sell ? new Quantity(-size.Raw) : size; // side "" is a flat position
        _count++;
        return FrameIssue.None;
    }

    private FrameIssue ReadWallet(ref Utf8JsonReader reader, long creationTime)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var isCoins = reader.ValueTextEquals("coin"u8);
            reader.Read();
            if (!isCoins)
            {
                reader.Skip();
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartArray) return FrameIssue.UnexpectedShape;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
                if (_count == MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
                ref var u = ref _updates[_count];
                u = default;
                u.Venue = venue;
                u.Kind = ExecutionUpdateKind.Balance;
                u.UpdateTimeMs = creationTime;
                var hasBalance = false;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.ValueSpan;
                    reader.Read();
                    if (name.SequenceEqual("coin"u8))
                    {
                        if (!AssetCode.TryCreate(FrameReader.ReadString(ref reader, _scratch), out u.Asset)) return FrameIssue.UnexpectedShape;
                    }
                    else if (name.SequenceEqual("walletBalance"u8))
                    {
                        if (BybitJson.ReadSigned(ref reader, out u.Amount) is var found && found != FrameIssue.None) return found;
                        hasBalance = true;
                    }
                    else reader.Skip();
                }
                if (u.Asset.Utf8.IsEmpty || !hasBalance) return FrameIssue.MissingField;
                _count++;
            }
        }
        return FrameIssue.None;
    }

    private bool Resolve(ref Utf8JsonReader reader, out InstrumentId instrument)
    {
        instrument = default;
        var symbol = FrameReader.ReadString(ref reader, _scratch);
        return !symbol.IsEmpty && symbols.TryResolve(venue, symbol, out instrument);
    }

    private FrameIssue Skip()
    {
        _skipped++;
        return FrameIssue.None;
    }

    private static ExecutionUpdateKind ExecutionKind(ReadOnlySpan<byte> execType) => execType switch
    {
        _ when execType.SequenceEqual("Trade"u8) || execType.SequenceEqual("AdlTrade"u8) || execType.SequenceEqual("BustTrade"u8)
            || execType.SequenceEqual("BlockTrade"u8) || execType.SequenceEqual("MovePosition"u8) => ExecutionUpdateKind.Fill,
        _ when execType.SequenceEqual("Funding"u8) => ExecutionUpdateKind.FundingPayment,
        _ => ExecutionUpdateKind.None,
    };

    private static Topic ReadTopic(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return Topic.Other;
        if (reader.ValueTextEquals("order"u8) || reader.ValueTextEquals("order.linear"u8)) return Topic.Order;
        if (reader.ValueTextEquals("execution"u8) || reader.ValueTextEquals("execution.linear"u8)) return Topic.Execution;
        if (reader.ValueTextEquals("position"u8) || reader.ValueTextEquals("position.linear"u8)) return Topic.Position;
        if (reader.ValueTextEquals("wallet"u8)) return Topic.Wallet;
        return Topic.Other;
    }

    /// <summary>The private pong is <c>"op":"pong"</c>; the public one (and some private answers) <c>"op":"ping"</c> with
    /// <c>"ret_msg":"pong"</c>: both are pongs.</summary>
    private static Op ReadOp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return Op.Other;
        if (reader.ValueTextEquals("auth"u8)) return Op.Auth;
        if (reader.ValueTextEquals("subscribe"u8)) return Op.Subscribe;
        if (reader.ValueTextEquals("pong"u8) || reader.ValueTextEquals("ping"u8)) return Op.Pong;
        return Op.Other;
    }

    private enum Topic : byte
    {
        None,
        Order,
        Execution,
        Position,
        Wallet,
        Other,
    }

    private enum Op : byte
    {
        None,
        Auth,
        Subscribe,
        Pong,
        Other,
    }
}
