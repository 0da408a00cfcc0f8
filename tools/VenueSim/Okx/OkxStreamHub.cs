using System.Globalization;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Okx;

/// <summary>OKX v5 WebSockets (#overview-websocket, the channel pages): the public channels funding-rate, mark-price,
/// index-tickers, books, books5 and bbo-tbt; login and the private channels orders, positions and account; the "order" and
/// "cancel-order" ops on /ws/v5/private. Frames a connection sends are answered in order; exchange events arrive under
/// the exchange's Gate, which is always taken before this hub's lock.</summary>
public sealed class OkxStreamHub : IExchangeObserver
{
    /// <summary>"After about 60 s with no depth change" books sends an update with no levels and seqId = prevSeqId.</summary>
    public static readonly TimeSpan BooksHeartbeat = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MarkPriceMinGap = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MarkPriceIdle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FundingRatePeriod = TimeSpan.FromSeconds(60);
    /// <summary>index-tickers: "Push data every 100ms if there are any changes, otherwise push once a minute."</summary>
    private static readonly TimeSpan IndexMinGap = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IndexIdle = TimeSpan.FromMinutes(1);
    private const int BooksDepth = 400;

    private static readonly string[] PublicChannels = ["funding-rate", "mark-price", "index-tickers", "books", "books5", "bbo-tbt"];
    private static readonly string[] PrivateChannels = ["orders", "positions", "account"];

    private readonly SimulatedExchange _exchange;
    private readonly OkxTradingEndpoints _trading;
    private readonly OkxIndexTickers _indexes;
    private readonly TimeProvider _marketClock;
    private readonly TimeProvider _wallClock;
    private readonly Lock _lock = new();
    private readonly List<OkxStreamSession> _sessions = [];
    private readonly OrderUpdateFaults<List<(OkxStreamSession Session, byte[] Frame)>> _updateFaults = new();
    private int _nextConnId;

    public OkxStreamHub(SimulatedExchange exchange, OkxTradingEndpoints trading, OkxIndexTickers indexes, TimeProvider marketClock, TimeProvider wallClock, int seed)
    {
        _exchange = exchange;
        _trading = trading;
        _indexes = indexes;
        _marketClock = marketClock;
        _wallClock = wallClock;
        _nextConnId = new Random(seed ^ 0x0c5).Next(0x1000_0000, 0x7000_0000);
    }

    // ---------------------------------------------------------------- connections

    public async Task AcceptAsync(HttpContext http, OkxStreamRoute route, CancellationToken stop)
    {
        // Not an OKX parameter: "?checksum=legacy" asks for the pre-deprecation CRC32 books checksum (README, OKX section).
        var legacy = http.Request.Query["checksum"].ToString() == "legacy";
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamConnection(socket, http.Request.Path + http.Request.QueryString);
        OkxStreamSession session;
        lock (_lock)
        {
            session = new OkxStreamSession(connection, route, (_nextConnId++).ToString("x8", CultureInfo.InvariantCulture), legacy);
            _sessions.Add(session);
        }
        // The private socket also places orders; /business carries (on the live venue) both public and private data.
        var kind = route switch
        {
            OkxStreamRoute.Public => ConnectionKind.Market,
            OkxStreamRoute.Private => ConnectionKind.Private | ConnectionKind.Trading,
            _ => ConnectionKind.Market | ConnectionKind.Private,
        };
        _exchange.Faults.Connections.Track(connection, kind);
        try
        {
            await connection.RunAsync((_, text) =>
            {
                OnText(session, text);
                return ValueTask.CompletedTask;
            }, stop);
        }
        finally
        {
            _exchange.Faults.Connections.Untrack(connection);
            lock (_lock) _sessions.Remove(session);
        }
    }

    public void AbortAll()
    {
        lock (_lock)
            foreach (var session in _sessions) session.Connection.Abort();
    }

    /// <summary>One frame from the client: the text "ping", or a JSON op. A malformed frame gets the documented error event.</summary>
    public void OnText(OkxStreamSession session, string text)
    {
        if (text == "ping")
        {
            session.Connection.Send("pong");
            return;
        }
        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException)
        {
            session.Send(Event("error", null, null, OkxError.WsInvalidRequest(text), session.ConnId));
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || OkxArgs.Text(root, "op") is not { } op)
            {
                session.Send(Event("error", null, null, OkxError.WsInvalidRequest(text), session.ConnId));
                return;
            }
            var id = OkxArgs.Text(root, "id");
            var args = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a : (JsonElement?)null;
            switch (op)
            {
                case "subscribe" or "unsubscribe":
                    if (args is not { } list || list.GetArrayLength() == 0) { session.Send(Event("error", id, null, OkxError.WsInvalidRequest(text), session.ConnId)); break; }
                    foreach (var arg in list.EnumerateArray()) Subscribe(session, id, arg, op == "subscribe", text);
                    break;
                case "login":
                    Login(session, id, args);
                    break;
                case "order" or "cancel-order":
                    var (answer, fault) = TradeOp(session, id, op, root, args);
                    if (fault.Answer?.Kind == FaultKind.Reset) session.Connection.Abort();
                    else if (fault.Delay > TimeSpan.Zero) session.Connection.SendAfter(answer!, fault.Delay, _wallClock);
                    else session.Send(answer!);
                    break;
                default:
                    session.Send(Event("error", id, null, OkxError.WsInvalidOp(op), session.ConnId));
                    break;
            }
        }
    }

    private void Login(OkxStreamSession session, string? id, JsonElement? args)
    {
        if (session.Route == OkxStreamRoute.Public)
        {
            session.Send(Event("error", id, null, OkxError.WsWrongUrlForOperation, session.ConnId));
            return;
        }
        if (args is not { } list || list.GetArrayLength() != 1 || list[0].ValueKind != JsonValueKind.Object)
        {
            session.Send(Event("error", id, null, OkxError.WsLoginFailed, session.ConnId));
            return;
        }
        if (OkxSignature.VerifyLogin(list[0], _exchange, _wallClock, out var account) is { } error)
        {
            session.Send(Event("error", id, null, error, session.ConnId));
            return;
        }
        lock (_lock) session.Account = account;
        session.Send(Event("login", id, null, new OkxError(200, "0", ""), session.ConnId));
    }

    private void Subscribe(OkxStreamSession session, string? id, JsonElement arg, bool subscribe, string text)
    {
        var channel = OkxArgs.Text(arg, "channel");
        if (arg.ValueKind != JsonValueKind.Object || channel is null)
        {
            session.Send(Event("error", id, null, OkxError.WsInvalidRequest(text), session.ConnId));
            return;
        }
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var property in arg.EnumerateObject())
            if (property.Name != "extraParams" && property.Value.ValueKind == JsonValueKind.String)
                fields.Add(new(property.Name, property.Value.GetString()!));
        var subscription = new OkxSubscription(channel, fields);
        var isPublic = PublicChannels.Contains(channel);
        var isPrivate = PrivateChannels.Contains(channel);
        OkxError? refusal = (session.Route, isPublic, isPrivate) switch
        {
            (OkxStreamRoute.Business, true, _) or (OkxStreamRoute.Business, _, true) => new OkxError(200, "64002",
                "This channel is not supported by \"/business\" URL. Please use \"/private\" URL(for private channels), or \"/public\" URL(for public channels). More details can refer to: https://www.okx.com/help-center/changes-to-v5-api-websocket-subscription-parameter-and-url."),
            (OkxStreamRoute.Public, true, _) when subscription.InstId is not { } instId || !Exists(channel, instId) =>
                subscription.InstId is null ? OkxError.WsEmpty("instId") : OkxError.WsNoSuchChannel($"channel:{channel},instId:{subscription.InstId}"),
            (OkxStreamRoute.Public, true, _) => null,
            (OkxStreamRoute.Private, _, true) when session.Account is null => OkxError.WsPleaseLogIn,
            (OkxStreamRoute.Private, _, true) when channel != "account" && subscription.InstType is null => OkxError.WsEmpty("instType"),
            (OkxStreamRoute.Private, _, true) => null,
            _ => OkxError.WsNoSuchChannel($"channel:{channel}" + (subscription.InstId is { } i ? ",instId:" + i : "")),
        };
        if (refusal is not null)
        {
            session.Send(Event("error", id, null, refusal, session.ConnId));
            return;
        }
        if (channel == "positions" && OkxArgs.Text(arg, "extraParams") is { } extra)
            subscription.UpdateIntervalMs = ParseUpdateInterval(extra);

        lock (_exchange.Gate)
        lock (_lock)
        {
            if (!subscribe)
            {
                session.Remove(subscription);
                session.Send(Event("unsubscribe", id, subscription, null, session.ConnId));
                return;
            }
            var added = session.Add(subscription);
            session.Send(Event("subscribe", id, added, null, session.ConnId));
            if (!ReferenceEquals(added, subscription)) return;
            SendInitial(session, subscription, _exchange.Now);
        }
    }

    /// <summary>Whether a public channel's instId names something served: an index (BTC-USDT) for index-tickers, a swap
    /// for the rest.</summary>
    private bool Exists(string channel, string instId) =>
        channel == "index-tickers" ? _indexes.Find(instId) is not null : _exchange.Markets.ContainsKey(instId);

    /// <summary>extraParams is a JSON string, e.g. "{\"updateInterval\": \"0\"}"; 0, 2000, 3000, 4000 are valid, anything
    /// else means the default (events plus about every 5 s).</summary>
    private static int ParseUpdateInterval(string extra)
    {
        try
        {
            using var document = JsonDocument.Parse(extra);
            return OkxArgs.Text(document.RootElement, "updateInterval") switch
            {
                "0" => 0,
                "2000" => 2000,
                "3000" => 3000,
                "4000" => 4000,
                _ => 5000,
            };
        }
        catch (JsonException)
        {
            return 5000;
        }
    }

    /// <summary>What a channel sends right after the ack: books a snapshot (prevSeqId −1), books5 and bbo-tbt the top,
    /// funding-rate, mark-price and index-tickers the current values, positions and account a snapshot; orders nothing (as the docs say).</summary>
    private void SendInitial(OkxStreamSession session, OkxSubscription subscription, DateTimeOffset now)
    {
        switch (subscription.Channel)
        {
            case "books":
                var market = _exchange.Markets[subscription.InstId!];
                subscription.LastSeqId = market.Book.UpdateId;
                subscription.LastSentAt = now;
                session.Send(BooksFrame(session, subscription, market, "snapshot", -1, market.Book.UpdateId,
                    market.Book.Top(BookSide.Ask, BooksDepth), market.Book.Top(BookSide.Bid, BooksDepth), now));
                break;
            case "books5" or "bbo-tbt":
                PushTop(session, subscription, _exchange.Markets[subscription.InstId!], now);
                break;
            case "funding-rate":
                subscription.LastSentAt = now;
                session.Send(MarketFrame(subscription, _exchange.Markets[subscription.InstId!], now, OkxMarketJson.WriteFundingRate));
                break;
            case "mark-price":
                var m = _exchange.Markets[subscription.InstId!];
                subscription.LastSentAt = now;
                subscription.LastPrice = OkxWire.PriceOf(m.Point.Mark, m.Spec);
                session.Send(MarketFrame(subscription, m, now, OkxMarketJson.WriteMarkPrice));
                break;
            case "index-tickers":
                PushIndex(session, subscription, _indexes.Find(subscription.InstId!)!, now);
                break;
            case "positions":
                subscription.LastSentAt = now;
                session.Send(PositionsFrame(session, subscription, PositionSymbols(session.Account!, subscription, onlyOpen: true), snapshot: true, now));
                break;
            case "account":
                session.Send(AccountFrame(session, subscription, snapshot: true));
                break;
        }
    }

    // ---------------------------------------------------------------- trade ops

    /// <summary>Answers one order op, and says which request faults hit it: without "executed", a server error or rate
    /// limit refuses it before any check (as a gateway would); a reset answers nothing.</summary>
    private (byte[]? Answer, RequestFault Fault) TradeOp(OkxStreamSession session, string? id, string op, JsonElement request, JsonElement? args)
    {
        var received = _wallClock.GetUtcNow();
        _exchange.AdvanceTo(_marketClock.GetUtcNow()); // the op sees the market as of now even when the step timer runs late
        var fault = _exchange.Faults.DecideRequest(OkxFaultWire.ClassifyOp(op), ApiTransport.WebSocket, _marketClock.GetUtcNow());
        var answer = fault.Executes ? CarryOut(session, id, op, request, args, received) : null;
        var clientOrderId = args is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 && list[0].ValueKind == JsonValueKind.Object
            ? OkxArgs.Text(list[0], "clOrdId") ?? "" : "";
        return (fault.Answer?.Kind switch
        {
            FaultKind.ServerError => OpAnswer(id, op, null, OkxFaultWire.ServerErrorOf(fault.Answer), received),
            FaultKind.RateLimit => RateLimitedOp(id, op, fault.Answer.Code is null ? OkxError.RateLimitReached : OkxFaultWire.RateLimitOf(fault.Answer), clientOrderId, received),
            _ => answer,
        }, fault);
    }

    private byte[] CarryOut(OkxStreamSession session, string? id, string op, JsonElement request, JsonElement? args, DateTimeOffset received)
    {
        if (session.Route != OkxStreamRoute.Private) return OpAnswer(id, op, null, OkxError.WsWrongUrlForOperation, received);
        if (session.Account is not { } account) return OpAnswer(id, op, null, OkxError.WsPleaseLogIn, received);
        if (id is null || id.Length > 32 || !id.All(char.IsAsciiLetterOrDigit)) return OpAnswer(id, op, null, OkxError.WsInvalidArgs, received);
        if (args is not { } list || list.GetArrayLength() != 1 || list[0].ValueKind != JsonValueKind.Object) return OpAnswer(id, op, null, OkxError.WsInvalidArgs, received);
        var clientOrderId = OkxArgs.Text(list[0], "clOrdId") ?? "";
        if (OkxArgs.Text(request, "expTime") is { } expiry && OkxArgs.TryLong(expiry, out var expiresAt) && received.ToUnixTimeMilliseconds() > expiresAt)
            return OpAnswer(id, op, OkxOrderAck.Failed(OkxError.OrderExpired, clientOrderId, "", received), null, received);
        var (error, ack) = op == "order" ? _trading.PlaceOrder(account, list[0]) : _trading.CancelOrder(account, list[0]);
        // The REST limit answer (HTTP 429) becomes the per-order "rate limit reached" code on the socket.
        if (error == OkxError.RateLimited) return RateLimitedOp(id, op, OkxError.RateLimitReached, clientOrderId, received);
        if (error is not null) return OpAnswer(id, op, null, OkxError.WsInvalidArgs, received);
        return OpAnswer(id, op, ack, null, received);
    }

    private byte[] RateLimitedOp(string? id, string op, OkxError limit, string clientOrderId, DateTimeOffset received) =>
        OpAnswer(id, op, OkxOrderAck.Failed(limit, clientOrderId, "", received), null, received);

    private byte[] OpAnswer(string? id, string op, OkxOrderAck? ack, OkxError? error, DateTimeOffset received) =>
        JsonFrame.Build((id, op, ack, error, received, sent: _wallClock.GetUtcNow()), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("id"u8, s.id ?? "");
            w.WriteString("op"u8, s.op);
            w.WriteStartArray("data"u8);
            s.ack?.Write(w, withTag: s.op == "order", withSubCode: true);
            w.WriteEndArray();
            w.WriteString("code"u8, s.error?.Code ?? (s.ack!.Succeeded ? "0" : "1"));
            w.WriteString("msg"u8, s.error?.Message ?? "");
            w.WriteString("inTime"u8, OkxTradingEndpoints.Micros(s.received));
            w.WriteString("outTime"u8, OkxTradingEndpoints.Micros(s.sent));
            w.WriteEndObject();
        });

    // ---------------------------------------------------------------- exchange events (under the exchange's Gate)

    public void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now)
    {
        lock (_lock)
        {
            var faults = _exchange.Faults;
            var staleDepth = faults.IsStale(MarketChannel.Depth, market.Symbol, now);
            var staleTop = faults.IsStale(MarketChannel.Ticker, market.Symbol, now);
            var gap = faults.TakeSequenceGap(market.Symbol, now);
            var badChecksum = faults.TakeBadChecksum(market.Symbol, now);
            foreach (var session in _sessions)
                foreach (var subscription in session.Subscriptions)
                {
                    if (subscription.InstId != market.Symbol) continue;
                    if ((subscription.Channel == "books5" && !staleDepth) || (subscription.Channel == "bbo-tbt" && !staleTop)) PushTop(session, subscription, market, now);
                    if (subscription.Channel != "books" || batch.LastUpdateId <= subscription.LastSeqId) continue;
                    var backlog = subscription.Backlog;
                    backlog.Add(batch);
                    backlog.SwallowNext |= gap;
                    backlog.CorruptNext |= badChecksum;
                    // A stale feed keeps accumulating, so the first update after it still follows on.
                    if (!staleDepth) SendBooksUpdate(session, subscription, market, now);
                }
        }
    }

    /// <summary>One books update with the backlog's changes, absolute sizes, the latest per level (changes already in
    /// this subscriber's snapshot are repeated harmlessly, the same size again). A sequence gap takes the update without
    /// sending it, so the next one's prevSeqId is a seqId the client never saw.</summary>
    private static void SendBooksUpdate(OkxStreamSession session, OkxSubscription subscription, InstrumentMarket market, DateTimeOffset now)
    {
        var backlog = subscription.Backlog;
        var swallow = backlog.SwallowNext;
        var corrupt = backlog.CorruptNext && !swallow;
        var (seqId, asks, bids) = backlog.Take();
        backlog.SwallowNext = false;
        if (!swallow)
        {
            session.Send(BooksFrame(session, subscription, market, "update", subscription.LastSeqId, seqId, asks, bids, now, corrupt));
            if (corrupt) backlog.CorruptNext = false;
        }
        subscription.LastSeqId = seqId;
        subscription.LastSentAt = now;
    }

    public void OnStep(DateTimeOffset now)
    {
        var faults = _exchange.Faults;
        lock (_lock)
            foreach (var session in _sessions)
                foreach (var subscription in session.Subscriptions)
                {
                    var since = now - subscription.LastSentAt;
                    switch (subscription.Channel)
                    {
                        case "books" when faults.IsStale(MarketChannel.Depth, subscription.InstId!, now):
                            break;
                        case "books" when !subscription.Backlog.IsEmpty:
                            // A stale window ended with no new change since: send what it held back.
                            SendBooksUpdate(session, subscription, _exchange.Markets[subscription.InstId!], now);
                            break;
                        case "books" when since >= BooksHeartbeat:
                            subscription.LastSentAt = now;
                            session.Send(BooksFrame(session, subscription, _exchange.Markets[subscription.InstId!], "update",
                                subscription.LastSeqId, subscription.LastSeqId, [], [], now));
                            break;
                        case "mark-price" or "funding-rate" when faults.IsStale(MarketChannel.Mark, subscription.InstId!, now):
                            break;
                        case "mark-price":
                            var market = _exchange.Markets[subscription.InstId!];
                            var mark = OkxWire.PriceOf(market.Point.Mark, market.Spec);
                            if (since < MarkPriceMinGap || (mark == subscription.LastPrice && since < MarkPriceIdle)) break;
                            subscription.LastSentAt = now;
                            subscription.LastPrice = mark;
                            session.Send(MarketFrame(subscription, market, now, OkxMarketJson.WriteMarkPrice));
                            break;
                        case "index-tickers":
                            var index = _indexes.Find(subscription.InstId!)!;
                            // The index is the swap's, so the swap's stale mark feed (mark, index, funding) silences it.
                            if (faults.IsStale(MarketChannel.Mark, index.Symbol, now)) break;
                            if (since < IndexMinGap || (index.Price == subscription.LastPrice && since < IndexIdle)) break;
                            PushIndex(session, subscription, index, now);
                            break;
                        case "funding-rate" when since >= FundingRatePeriod:
                            subscription.LastSentAt = now;
                            session.Send(MarketFrame(subscription, _exchange.Markets[subscription.InstId!], now, OkxMarketJson.WriteFundingRate));
                            break;
                        case "positions" when subscription.UpdateIntervalMs > 0 && since >= TimeSpan.FromMilliseconds(subscription.UpdateIntervalMs):
                            subscription.LastSentAt = now;
                            session.Send(PositionsFrame(session, subscription, PositionSymbols(session.Account!, subscription, onlyOpen: true), snapshot: true, now));
                            break;
                    }
                }
    }

    /// <summary>An orders push to every subscriber covering the order; duplicate / out-of-order faults act on the whole
    /// set of frames for one update, so every subscriber sees the same disorder.</summary>
    public void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
        lock (_lock)
        {
            var pushes = new List<(OkxStreamSession Session, byte[] Frame)>();
            foreach (var session in _sessions)
            {
                if (!ReferenceEquals(session.Account, account)) continue;
                foreach (var subscription in session.Subscriptions)
                    if (subscription.Channel == "orders" && Covers(subscription, order.Symbol))
                        pushes.Add((session, JsonFrame.Build((subscription, order, fill, account, _exchange), static (w, s) =>
                        {
                            w.WriteStartObject();
                            s.subscription.WriteArg(w, OkxTradingEndpoints.UserId(s.account));
                            w.WriteStartArray("data"u8);
                            OkxOrderJson.Write(w, s.order, s.fill, s._exchange.LeverageOf(s.account, s.order.Symbol), s._exchange.Markets[s.order.Symbol], push: true);
                            w.WriteEndArray();
                            w.WriteEndObject();
                        })));
            }
            if (pushes.Count == 0) return;
            foreach (var update in _updateFaults.Pass(order, pushes))
                foreach (var (session, frame) in update) session.Send(frame);
        }
    }

    public void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now)
    {
        // A settlement names no symbol; the exchange has just booked it as the account's last income record.
        var changed = cause == BalanceChange.FundingFee && account.Income.Count > 0 ? [account.Income[^1].Symbol] : symbols.ToList();
        lock (_lock)
            foreach (var session in _sessions)
            {
                if (!ReferenceEquals(session.Account, account)) continue;
                foreach (var subscription in session.Subscriptions)
                {
                    if (subscription.Channel == "account") session.Send(AccountFrame(session, subscription, snapshot: false));
                    if (subscription.Channel != "positions") continue;
                    var covered = changed.Where(s => Covers(subscription, s)).ToList();
                    if (covered.Count > 0) session.Send(PositionsFrame(session, subscription, covered, snapshot: false, now));
                }
            }
    }

    // ---------------------------------------------------------------- frames

    /// <summary>Whether a private subscription (instType SWAP or ANY, optionally instFamily / instId) covers the symbol.</summary>
    private bool Covers(OkxSubscription subscription, string symbol) =>
        subscription.InstType is OkxWire.InstrumentType or "ANY"
        && (subscription.InstId is null || subscription.InstId == symbol)
        && (subscription.InstFamily is null || subscription.InstFamily == OkxWire.Family(_exchange.Markets[symbol].Spec));

    private List<string> PositionSymbols(TradingAccount account, OkxSubscription subscription, bool onlyOpen) =>
        [.. account.Positions.Where(p => (!onlyOpen || p.Value.Quantity != 0) && Covers(subscription, p.Key)).Select(p => p.Key)];

    /// <summary>A books message. checksum: 0 as the current docs fix it, the CRC32 in legacy mode; <paramref name="corrupt"/>
    /// (a bad-checksum fault) makes it wrong either way: neither the book's CRC32 nor 0.</summary>
    private static byte[] BooksFrame(OkxStreamSession session, OkxSubscription subscription, InstrumentMarket market, string action, long prevSeqId, long seqId,
        IEnumerable<(decimal, decimal)> asks, IEnumerable<(decimal, decimal)> bids, DateTimeOffset now, bool corrupt = false)
    {
        var checksum = session.LegacyChecksum || corrupt
            ? OkxBookChecksum.Compute(market.Book.Top(BookSide.Bid, OkxBookChecksum.Depth), market.Book.Top(BookSide.Ask, OkxBookChecksum.Depth))
            : 0;
        if (corrupt) checksum = OkxBookChecksum.Wrong(checksum);
        return JsonFrame.Build((subscription, action, prevSeqId, seqId, asks, bids, now, checksum), static (w, s) =>
        {
            w.WriteStartObject();
            s.subscription.WriteArg(w);
            w.WriteString("action"u8, s.action);
            w.WriteStartArray("data"u8);
            w.WriteStartObject();
            OkxMarketJson.WriteLevels(w, "asks"u8, s.asks);
            OkxMarketJson.WriteLevels(w, "bids"u8, s.bids);
            w.WriteString("ts"u8, OkxWire.Ms(s.now));
            w.WriteNumber("checksum"u8, s.checksum);
            w.WriteNumber("prevSeqId"u8, s.prevSeqId);
            w.WriteNumber("seqId"u8, s.seqId);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>books5 (5 levels, with instId) and bbo-tbt (1 level): a full snapshot each time the levels change.</summary>
    private static void PushTop(OkxStreamSession session, OkxSubscription subscription, InstrumentMarket market, DateTimeOffset now)
    {
        var depth = subscription.Channel == "books5" ? 5 : 1;
        var asks = market.Book.Top(BookSide.Ask, depth);
        var bids = market.Book.Top(BookSide.Bid, depth);
        var top = string.Join(';', asks.Concat(bids));
        if (top == subscription.LastTop) return;
        subscription.LastTop = top;
        subscription.LastSentAt = now;
        session.Send(JsonFrame.Build((subscription, market, asks, bids, now, depth), static (w, s) =>
        {
            w.WriteStartObject();
            s.subscription.WriteArg(w);
            w.WriteStartArray("data"u8);
            w.WriteStartObject();
            OkxMarketJson.WriteLevels(w, "asks"u8, s.asks);
            OkxMarketJson.WriteLevels(w, "bids"u8, s.bids);
            if (s.depth == 5) w.WriteString("instId"u8, s.market.Symbol);
            w.WriteString("ts"u8, OkxWire.Ms(s.now));
            w.WriteNumber("seqId"u8, s.market.Book.UpdateId);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void PushIndex(OkxStreamSession session, OkxSubscription subscription, OkxIndexTicker index, DateTimeOffset now)
    {
        subscription.LastSentAt = now;
        subscription.LastPrice = index.Price;
        session.Send(JsonFrame.Build((subscription, index, now), static (w, s) =>
        {
            w.WriteStartObject();
            s.subscription.WriteArg(w);
            w.WriteStartArray("data"u8);
            s.index.Write(w, s.now);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static byte[] MarketFrame(OkxSubscription subscription, InstrumentMarket market, DateTimeOffset now, Action<Utf8JsonWriter, InstrumentMarket, DateTimeOffset> write) =>
        JsonFrame.Build((subscription, market, now, write), static (w, s) =>
        {
            w.WriteStartObject();
            s.subscription.WriteArg(w);
            w.WriteStartArray("data"u8);
            s.write(w, s.market, s.now);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private byte[] PositionsFrame(OkxStreamSession session, OkxSubscription subscription, List<string> symbols, bool snapshot, DateTimeOffset now) =>
        JsonFrame.Build((session, subscription, symbols, snapshot, now, _trading), static (w, s) =>
        {
            var account = s.session.Account!;
            w.WriteStartObject();
            s.subscription.WriteArg(w, OkxTradingEndpoints.UserId(account));
            w.WriteString("eventType"u8, s.snapshot ? "snapshot" : "event_update");
            if (s.snapshot)
            {
                w.WriteNumber("curPage"u8, 1);
                w.WriteBoolean("lastPage"u8, true);
            }
            w.WriteStartArray("data"u8);
            foreach (var symbol in s.symbols) s._trading.WritePosition(w, account, symbol, s.now, push: true);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private byte[] AccountFrame(OkxStreamSession session, OkxSubscription subscription, bool snapshot) =>
        JsonFrame.Build((session.Account!, subscription, snapshot, _exchange), static (w, s) =>
        {
            w.WriteStartObject();
            s.subscription.WriteArg(w, OkxTradingEndpoints.UserId(s.Item1));
            w.WriteString("eventType"u8, s.snapshot ? "snapshot" : "event_update");
            if (s.snapshot)
            {
                w.WriteNumber("curPage"u8, 1);
                w.WriteBoolean("lastPage"u8, true);
            }
            w.WriteStartArray("data"u8);
            OkxBalanceJson.Write(w, s._exchange, s.Item1);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>{"id"?, "event", "arg"?, "code"?, "msg"?, "connId"}: acks (event subscribe/unsubscribe/login) and errors.</summary>
    private static byte[] Event(string name, string? id, OkxSubscription? subscription, OkxError? error, string connId) =>
        JsonFrame.Build((name, id, subscription, error, connId), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.id is not null) w.WriteString("id"u8, s.id);
            w.WriteString("event"u8, s.name);
            s.subscription?.WriteArg(w);
            if (s.error is { } e)
            {
                w.WriteString("code"u8, e.Code);
                w.WriteString("msg"u8, e.Message);
            }
            w.WriteString("connId"u8, s.connId);
            w.WriteEndObject();
        });
}
