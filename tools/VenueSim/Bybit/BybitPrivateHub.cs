using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Bybit;

/// <summary>The private stream, <c>/v5/private</c> (docs/v5/ws/connect and websocket/private/*): <c>auth</c> with
/// [key, expires, hex HMAC of "GET/realtime" + expires], then topics <c>order</c>, <c>execution</c>, <c>position</c>
/// (each also as <c>…linear</c>) and <c>wallet</c>, fed from the exchange's events: every order change; every fill as an
/// execution; a position message on each order created or ended ("regardless if there's any actual change") and after
/// fills; the wallet after fills and funding; a funding settlement as an execution of type Funding.</summary>
/// <remarks>Duplicate and out-of-order update faults apply to an order's order and execution messages
/// (<see cref="OrderUpdateFaults{TFrame}"/>); connections are tracked as private, for drops and outages.</remarks>
public sealed class BybitPrivateHub : IExchangeObserver
{
    private static readonly HashSet<string> KnownTopics =
        new(["order", "order.linear", "execution", "execution.linear", "position", "position.linear", "wallet"], StringComparer.Ordinal);

    private readonly SimulatedExchange _exchange;
    private readonly BybitLedger _ledger;
    private readonly BybitIds _ids;
    private readonly TimeProvider _wallClock;
    private readonly Lock _lock = new();
    private readonly BybitConnections _connections;
    private readonly OrderUpdateFaults<List<(BybitStreamSession Session, byte[] Frame)>> _updateFaults = new();

    public BybitPrivateHub(SimulatedExchange exchange, BybitLedger ledger, BybitIds ids, TimeProvider wallClock)
    {
        _exchange = exchange;
        _ledger = ledger;
        _ids = ids;
        _wallClock = wallClock;
        _connections = new BybitConnections(ids, _lock, exchange.Faults.Connections, ConnectionKind.Private, OnRequest, static (session, error) => Reply(session, false, error, null, ""));
    }

    public Task AcceptAsync(HttpContext http, CancellationToken stop) => _connections.AcceptAsync(http, stop);

    public void AbortAll() => _connections.AbortAll();

    private void OnRequest(BybitStreamSession session, BybitStreamRequest request)
    {
        lock (_lock)
            switch (request.Op)
            {
                case "auth":
                    Authenticate(session, request);
                    break;
                case "subscribe":
                    Subscribe(session, request);
                    break;
                case "unsubscribe":
                    foreach (var topic in request.Topics()) session.Topics.Remove(topic);
                    session.Connection.Send(Reply(session, true, "", request.RequestId, "unsubscribe"));
                    break;
                case "ping":
                    session.Connection.Send(Pong(session, request.RequestId, _wallClock.GetUtcNow()));
                    break;
                default:
                    session.Connection.Send(Reply(session, false, "error:invalid op", request.RequestId, request.Op));
                    break;
            }
    }

    private void Authenticate(BybitStreamSession session, BybitStreamRequest request)
    {
        if (session.Account is not null)
        {
            session.Connection.Send(Reply(session, false, "Repeat auth", request.RequestId, "auth"));
            return;
        }
        var failure = BybitSignature.VerifyRealtime(request.Args, _exchange, JsonFrame.UnixMs(_wallClock.GetUtcNow()), out var account);
        session.Account = account;
        session.Connection.Send(Reply(session, failure is null, failure switch
        {
            null => "",
            BybitAuthFailure.UnknownKey => "Invalid apikey",
            BybitAuthFailure.BadSign => "Invalid sign",
            _ => "Params Error",
        }, request.RequestId, "auth"));
    }

    private void Subscribe(BybitStreamSession session, BybitStreamRequest request)
    {
        string? failure = null;
        if (session.Account is null) failure = "Request not authorized";
        else
            foreach (var topic in request.Topics())
            {
                if (!KnownTopics.Contains(topic)) failure ??= "error:handler not found,topic:" + topic;
                else if (!session.Topics.Add(topic)) failure ??= "error:already subscribed,topic:" + topic;
            }
        // "There is no snapshot event given at the time when the subscription is successful."
        session.Connection.Send(Reply(session, failure is null, failure ?? "", request.RequestId, "subscribe"));
    }

    /// <summary>The private reply: <c>{"req_id"?, "success", "ret_msg", "op", "conn_id"}</c>, <c>req_id</c> only when one was sent.</summary>
    private static byte[] Reply(BybitStreamSession session, bool success, string message, string? requestId, string op) =>
        JsonFrame.Build((session.ConnectionId, success, message, requestId, op), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.requestId is not null) w.WriteString("req_id"u8, s.requestId);
            w.WriteBoolean("success"u8, s.success);
            w.WriteString("ret_msg"u8, s.message);
            w.WriteString("op"u8, s.op);
            w.WriteString("conn_id"u8, s.ConnectionId);
            w.WriteEndObject();
        });

    /// <summary>The private pong: <c>{"req_id"?, "op":"pong", "args":["&lt;ms&gt;"], "conn_id"}</c>.</summary>
    private static byte[] Pong(BybitStreamSession session, string? requestId, DateTimeOffset now) =>
        JsonFrame.Build((session.ConnectionId, requestId, now), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.requestId is not null) w.WriteString("req_id"u8, s.requestId);
            w.WriteString("op"u8, "pong");
            w.WriteStartArray("args"u8);
            w.WriteStringValue(BybitWire.Milliseconds(s.now));
            w.WriteEndArray();
            w.WriteString("conn_id"u8, s.ConnectionId);
            w.WriteEndObject();
        });

    // ---------------------------------------------------------------- exchange events (called under the exchange's lock)

    /// <summary>An order change is one update: its <c>order</c> message and, for a fill, its <c>execution</c>. The update
    /// passes through the order's duplicate / out-of-order faults as a whole; the position message that follows an
    /// order created or ended is not an order update and is sent as it comes.</summary>
    public void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!Listening(account)) return;
            var spec = _exchange.Markets[order.Symbol].Spec;
            var update = Frames(account, "order", now, w => BybitOrderJson.Write(w, order, spec, _ids, stream: true));
            if (fill is { } f) update.AddRange(Frames(account, "execution", now, w => BybitExecutionJson.WriteTrade(w, _exchange, _ids, account, order, f)));
            foreach (var frames in _updateFaults.Pass(order, update)) Send(frames);
            if (fill is null) Publish(account, "position", now, w => BybitPositionJson.Write(w, _exchange, _ledger, account, order.Symbol, stream: true));
        }
    }

    public void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!Listening(account)) return;
            IReadOnlyCollection<string> changed = symbols;
            if (cause == BalanceChange.FundingFee)
            {
                var settlement = _ledger.LastSettlement(account);
                Publish(account, "execution", now, w => BybitExecutionJson.WriteFunding(w, _exchange, settlement));
                changed = [settlement.Symbol];
            }
            Publish(account, "position", now, w =>
            {
                foreach (var symbol in changed) BybitPositionJson.Write(w, _exchange, _ledger, account, symbol, stream: true);
            });
            Publish(account, "wallet", now, w => BybitWalletJson.Write(w, _exchange, _ledger, account, includeCoin: true));
        }
    }

    public void OnStep(DateTimeOffset now)
    {
    }

    public void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now)
    {
    }

    private bool Listening(TradingAccount account) =>
        _connections.Sessions.Any(s => s.Account?.ApiKey == account.ApiKey && s.Topics.Count > 0);

    private void Publish(TradingAccount account, string topic, DateTimeOffset now, Action<Utf8JsonWriter> writeItems) =>
        Send(Frames(account, topic, now, writeItems));

    private static void Send(List<(BybitStreamSession Session, byte[] Frame)> frames)
    {
        foreach (var (session, frame) in frames) session.Connection.Send(frame);
    }

    /// <summary><c>{"id","topic","creationTime","data":[…]}</c> for each of the account's sessions subscribed to
    /// <paramref name="topic"/> or its <c>.linear</c> form, each under the name it subscribed: built once, so a
    /// duplicated update repeats the very same message.</summary>
    private List<(BybitStreamSession Session, byte[] Frame)> Frames(TradingAccount account, string topic, DateTimeOffset now, Action<Utf8JsonWriter> writeItems)
    {
        var frames = new List<(BybitStreamSession, byte[])>();
        foreach (var session in _connections.Sessions)
        {
            if (session.Account?.ApiKey != account.ApiKey) continue;
            foreach (var name in (ReadOnlySpan<string>)[topic, topic + ".linear"])
            {
                if (!session.Topics.Contains(name)) continue;
                frames.Add((session, JsonFrame.Build((_ids.Message(), name, now, writeItems), static (w, s) =>
                {
                    w.WriteStartObject();
                    w.WriteString("id"u8, s.Item1);
                    w.WriteString("topic"u8, s.name);
                    w.WriteNumber("creationTime"u8, JsonFrame.UnixMs(s.now));
                    w.WriteStartArray("data"u8);
                    s.writeItems(w);
                    w.WriteEndArray();
                    w.WriteEndObject();
                })));
            }
        }
        return frames;
    }
}
