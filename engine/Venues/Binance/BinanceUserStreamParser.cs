using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>Binance USDⓈ-M user-data events into <see cref="ExecutionUpdate"/>s (user-data-streams/Event-Order-Update,
/// Event-Balance-and-Position-Update, Event-User-Data-Stream-Expired), with <see cref="Utf8JsonReader"/>, field order free,
/// unknown fields skipped. Nothing is allocated; the updates of the last frame are in <see cref="Updates"/>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>ORDER_TRADE_UPDATE</c>: execution type <c>x</c> NEW/AMENDMENT → Accepted, TRADE/CALCULATED → Fill (trade id
/// <c>t</c>, <c>l</c> at <c>L</c>, commission <c>n</c> in <c>N</c>), CANCELED → Canceled, EXPIRED → Expired.</item>
/// <item><c>ACCOUNT_UPDATE</c>: a Balance per <c>B</c> entry (wallet <c>wb</c>), a Position per <c>P</c> entry (<c>pa</c>,
/// <c>ep</c>); with reason <c>m</c> = FUNDING_FEE also a FundingPayment per <c>B</c> entry (amount <c>bc</c>), attributed to
/// the instrument only when the event carries exactly one position (isolated margin; cross carries none).</item>
/// </list>
/// One receive loop owns a parser.
/// </remarks>
internal sealed class BinanceUserStreamParser(VenueId venue, ISymbolResolver symbols)
{
    public const int MaxUpdatesPerFrame = 64;
    private readonly ExecutionUpdate[] _updates = new ExecutionUpdate[MaxUpdatesPerFrame];
    private readonly byte[] _scratch = new byte[256];
    private readonly byte[] _expiredKey = new byte[256];
    private int _expiredKeyLength;
    private int _count;

    public VenueId Venue => venue;
    public ReadOnlySpan<ExecutionUpdate> Updates => _updates.AsSpan(0, _count);
    public FrameIssue LastIssue { get; private set; }
    /// <summary>The key a <see cref="BinanceUserFrame.ListenKeyExpired"/> frame names (empty if it names none).</summary>
    public ReadOnlySpan<byte> ExpiredListenKey => _expiredKey.AsSpan(0, _expiredKeyLength);

    public BinanceUserFrame Parse(ReadOnlySpan<byte> frame, long receivedTimestamp)
    {
        _count = 0;
        _expiredKeyLength = 0;
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

    private BinanceUserFrame Malformed(FrameIssue issue)
    {
        _count = 0;
        LastIssue = issue;
        return BinanceUserFrame.Malformed;
    }

    private BinanceUserFrame ParseFrame(ReadOnlySpan<byte> frame, long receivedTimestamp)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Malformed(FrameIssue.UnexpectedShape);
        var type = EventType.None;
        long eventTime = 0, transactionTime = 0;
        var isSubscriptionAnswer = false;
        var fundingFee = false;
        var issue = FrameIssue.None;
        int orderAt = -1, positionsFrom = 0, positionsTo = 0, balancesFrom = 0, balancesTo = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return Malformed(FrameIssue.UnexpectedShape);
            var name = reader.ValueSpan;
            reader.Read();
            FrameIssue found;
            if (name.SequenceEqual("e"u8)) (found, type) = (FrameIssue.None, ReadEventType(ref reader));
            else if (name.SequenceEqual("E"u8)) found = FrameReader.ReadTimeMs(ref reader, out eventTime);
            else if (name.SequenceEqual("T"u8)) found = FrameReader.ReadTimeMs(ref reader, out transactionTime);
            else if (name.SequenceEqual("o"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                orderAt = _count;
                found = Claim(out var slot) ? ReadOrder(ref reader, ref slot) : FrameIssue.TooManyLevels;
            }
            else if (name.SequenceEqual("a"u8) && reader.TokenType == JsonTokenType.StartObject)
                found = ReadAccount(ref reader, ref fundingFee, ref balancesFrom, ref balancesTo, ref positionsFrom, ref positionsTo);
            else if (name.SequenceEqual("listenKey"u8))
            {
                var key = FrameReader.ReadString(ref reader, _scratch);
                _expiredKeyLength = key.Length <= _expiredKey.Length ? key.Length : 0;
                key[.._expiredKeyLength].CopyTo(_expiredKey);
                found = FrameIssue.None;
            }
            else if (name.SequenceEqual("result"u8) || name.SequenceEqual("id"u8))
            {
                isSubscriptionAnswer = true;
                reader.Skip();
                found = FrameIssue.None;
            }
            else
            {
                reader.Skip();
                found = FrameIssue.None;
            }
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        if (issue != FrameIssue.None) return Malformed(issue);
        switch (type)
        {
            case EventType.None:
                return isSubscriptionAnswer ? BinanceUserFrame.SubscriptionList : Malformed(FrameIssue.MissingField);
            case EventType.ListenKeyExpired:
                _count = 0;
                return BinanceUserFrame.ListenKeyExpired;
            case EventType.Other:
                _count = 0;
                return BinanceUserFrame.Ignored;
            case EventType.OrderTradeUpdate:
                if (orderAt < 0) return Malformed(FrameIssue.MissingField);
                _count = orderAt + 1;
                _updates[orderAt].EventTimeMs = eventTime;
                _updates[orderAt].ReceivedTimestamp = receivedTimestamp;
                return _updates[orderAt].Instrument.IsNone ? Malformed(FrameIssue.UnknownSymbol) : BinanceUserFrame.Updates;
            case EventType.AccountUpdate:
                return FinishAccount(fundingFee, balancesFrom, balancesTo, positionsFrom, positionsTo, eventTime, transactionTime, receivedTimestamp);
            default:
                return Malformed(FrameIssue.UnexpectedShape);
        }
    }

    private bool Claim(out ExecutionUpdate slot)
    {
        slot = default;
        return _count < MaxUpdatesPerFrame;
    }

    private FrameIssue ReadOrder(ref Utf8JsonReader reader, ref ExecutionUpdate u)
    {
        u = default;
        u.Venue = venue;
        var issue = FrameIssue.None;
        var execution = ExecutionUpdateKind.None;
        long tradeId = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            switch (name.Length == 1 ? name[0] : name.Length == 2 && name[0] == 'a' && name[1] == 'p' ? (byte)'@' : (byte)0)
            {
                case (byte)'s':
                    // A symbol we do not map (or none) leaves the instrument none: not an issue of the frame.
                    if (ExecutionJson.ReadSymbol(ref reader, symbols, venue, _scratch, out u.Instrument) != FrameIssue.None) u.Instrument = default;
                    break;
                case (byte)'c': found = ExecutionJson.ReadClientOrderId(ref reader, _scratch, out u.ClientOrderId); break;
                case (byte)'S': u.Side = BinanceJson.Side(FrameReader.ReadString(ref reader, _scratch)); found = u.Side == OrderSide.None ? FrameIssue.UnexpectedShape : FrameIssue.None; break;
                case (byte)'x': execution = ExecutionKind(FrameReader.ReadString(ref reader, _scratch)); break;
                case (byte)'X': u.Status = BinanceJson.Status(FrameReader.ReadString(ref reader, _scratch)); found = u.Status == OrderStatus.Unknown ? FrameIssue.UnexpectedShape : FrameIssue.None; break;
                case (byte)'i': found = BinanceOrderReader.ReadOrderId(ref reader, out u.VenueOrderId); break;
                case (byte)'l': found = FrameReader.ReadQuantity(ref reader, out u.LastFillQuantity); break;
                case (byte)'z': found = FrameReader.ReadQuantity(ref reader, out u.CumulativeQuantity); break;
                case (byte)'L': found = BinanceJson.ReadPriceOrZero(ref reader, out u.LastFillPrice); break;
                case (byte)'@': found = BinanceJson.ReadPriceOrZero(ref reader, out u.AveragePrice); break;
                case (byte)'N': AssetCode.TryCreate(FrameReader.ReadString(ref reader, _scratch), out u.Asset); break;
                case (byte)'n': found = BinanceJson.ReadSigned(ref reader, out u.Fee); break;
                case (byte)'T': found = FrameReader.ReadTimeMs(ref reader, out u.UpdateTimeMs); break;
                case (byte)'t': found = FrameReader.ReadInt64(ref reader, out tradeId); break;
                case (byte)'m': found = ExecutionJson.ReadBool(ref reader, out u.IsMaker); break;
                case (byte)'R': found = ExecutionJson.ReadBool(ref reader, out u.ReduceOnly); break;
                default: reader.Skip(); break;
            }
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        if (issue != FrameIssue.None) return issue;
        if (execution == ExecutionUpdateKind.None) return FrameIssue.UnexpectedShape;
        if (execution == ExecutionUpdateKind.Fill)
        {
            if (tradeId <= 0 || !u.LastFillQuantity.IsPositive) return FrameIssue.MissingField; // a fill without its trade cannot be deduplicated
            u.TradeId = VenueAssignedId.FromInteger(tradeId);
        }
        u.Kind = execution;
        _updates[_count++] = u;
        return FrameIssue.None;
    }

    private FrameIssue ReadAccount(ref Utf8JsonReader reader, ref bool fundingFee, ref int balancesFrom, ref int balancesTo, ref int positionsFrom, ref int positionsTo)
    {
        var issue = FrameIssue.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return FrameIssue.UnexpectedShape;
            var name = reader.ValueSpan;
            reader.Read();
            var found = FrameIssue.None;
            if (name.SequenceEqual("m"u8)) fundingFee = reader.ValueTextEquals("FUNDING_FEE"u8);
            else if (name.SequenceEqual("B"u8))
            {
                balancesFrom = _count;
                found = ReadEntries(ref reader, balances: true);
                balancesTo = _count;
            }
            else if (name.SequenceEqual("P"u8))
            {
                positionsFrom = _count;
                found = ReadEntries(ref reader, balances: false);
                positionsTo = _count;
            }
            else reader.Skip();
            if (found != FrameIssue.None && issue == FrameIssue.None) issue = found;
        }
        return issue;
    }

    private FrameIssue ReadEntries(ref Utf8JsonReader reader, bool balances)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return FrameIssue.UnexpectedShape;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return FrameIssue.UnexpectedShape;
            if (_count == MaxUpdatesPerFrame) return FrameIssue.TooManyLevels;
            ref var u = ref _updates[_count];
            u = default;
            u.Venue = venue;
            u.Kind = balances ? ExecutionUpdateKind.Balance : ExecutionUpdateKind.Position;
            var known = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.ValueSpan;
                reader.Read();
                var found = FrameIssue.None;
                if (balances && name.SequenceEqual("a"u8)) { if (!AssetCode.TryCreate(FrameReader.ReadString(ref reader, _scratch), out u.Asset)) found = FrameIssue.UnexpectedShape; }
                else if (balances && name.SequenceEqual("wb"u8)) found = BinanceJson.ReadSigned(ref reader, out u.Amount);
                else if (balances && name.SequenceEqual("bc"u8)) found = BinanceJson.ReadSigned(ref reader, out u.Fee); // held here until the reason is known
                else if (!balances && name.SequenceEqual("s"u8))
                    known = ExecutionJson.ReadSymbol(ref reader, symbols, venue, _scratch, out u.Instrument) == FrameIssue.None;
                else if (!balances && name.SequenceEqual("pa"u8)) found = BinanceJson.ReadSigned(ref reader, out u.PositionQuantity);
                else if (!balances && name.SequenceEqual("ep"u8)) found = BinanceJson.ReadPriceOrZero(ref reader, out u.EntryPrice);
                else reader.Skip();
                if (found != FrameIssue.None) return found;
            }
            if (known) _count++; // a position in a symbol we do not trade is skipped
        }
        return FrameIssue.None;
    }

    private BinanceUserFrame FinishAccount(bool fundingFee, int balancesFrom, int balancesTo, int positionsFrom, int positionsTo,
        long eventTime, long transactionTime, long receivedTimestamp)
    {
        var attributed = positionsTo - positionsFrom == 1 ? _updates[positionsFrom].Instrument : default;
        var balances = balancesTo - balancesFrom;
        if (fundingFee && _count + balances > MaxUpdatesPerFrame) return Malformed(FrameIssue.TooManyLevels);
        for (var i = balancesFrom; i < balancesTo; i++)
        {
            ref var balance = ref _updates[i];
            var change = balance.Fee;
            balance.Fee = default;
            if (!fundingFee) continue;
            ref var funding = ref _updates[_count++];
            funding = default;
            funding.Kind = ExecutionUpdateKind.FundingPayment;
            funding.Venue = venue;
            funding.Instrument = attributed;
            funding.Asset = balance.Asset;
            funding.Amount = change;
            funding.WalletBalance = balance.Amount;
        }
        for (var i = 0; i < _count; i++)
        {
            _updates[i].EventTimeMs = eventTime;
            _updates[i].UpdateTimeMs = transactionTime;
            _updates[i].ReceivedTimestamp = receivedTimestamp;
        }
        return BinanceUserFrame.Updates;
    }

    private static ExecutionUpdateKind ExecutionKind(ReadOnlySpan<byte> x) => x switch
    {
        _ when x.SequenceEqual("NEW"u8) || x.SequenceEqual("AMENDMENT"u8) => ExecutionUpdateKind.Accepted,
        _ when x.SequenceEqual("TRADE"u8) || x.SequenceEqual("CALCULATED"u8) => ExecutionUpdateKind.Fill,
        _ when x.SequenceEqual("CANCELED"u8) => ExecutionUpdateKind.Canceled,
        _ when x.SequenceEqual("EXPIRED"u8) => ExecutionUpdateKind.Expired,
        _ => ExecutionUpdateKind.None,
    };

    private static EventType ReadEventType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return EventType.Invalid;
        if (reader.ValueTextEquals("ORDER_TRADE_UPDATE"u8)) return EventType.OrderTradeUpdate;
        if (reader.ValueTextEquals("ACCOUNT_UPDATE"u8)) return EventType.AccountUpdate;
        if (reader.ValueTextEquals("listenKeyExpired"u8)) return EventType.ListenKeyExpired;
        return EventType.Other;
    }

    private enum EventType : byte
    {
        None,
        Invalid,
        OrderTradeUpdate,
        AccountUpdate,
        ListenKeyExpired,
        Other,
    }
}
