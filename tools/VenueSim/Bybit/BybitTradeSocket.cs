using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Bybit;

/// <summary>The WebSocket trade API, <c>/v5/trade</c> (docs/v5/websocket/trade/guideline): <c>auth</c> (as the private
/// stream, answered with retCode 0, 20001 repeat auth, 10004 bad sign, 10001 param error, 10003 unknown key),
/// <c>ping</c>, and <c>order.create</c> / <c>order.cancel</c> with <c>reqId</c>, a <c>header</c> carrying
/// X-BAPI-TIMESTAMP (and X-BAPI-RECV-WINDOW, checked as over REST) and one <c>args</c> object, the REST request's
/// body. Answers are <c>{"reqId"?, "retCode", "retMsg", "op", "data", "retExtInfo", "header", "connId"}</c>, the data
/// being REST's result; the orders behave, and are refused, exactly as over REST.</summary>
/// <remarks>Request faults meet each <c>order.create</c> / <c>order.cancel</c> frame here, before anything else is
/// checked (as a gateway in front of the venue would): latency holds the answer (and the frames behind it) on the wall
/// clock, a server error or rate limit replaces the answer, a reset drops the socket instead of answering.</remarks>
public sealed class BybitTradeSocket(SimulatedExchange exchange, BybitOrderEndpoints orders, BybitIds ids, BybitRateLimits rateLimits,
    BybitFaultWire faultWire, TimeProvider marketClock, TimeProvider wallClock)
{
    /// <summary>Order entry's per-account limit, shared with REST ("The account rate limit is shared").</summary>
    private const int OrderRateLimit = 10;

    public async Task AcceptAsync(HttpContext http, CancellationToken stop)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamConnection(socket, http.Request.Path + http.Request.QueryString);
        var session = new Session(ids.ConnectionId());
        await exchange.Faults.Connections.RunAsync(connection, ConnectionKind.Trading, (c, text) =>
        {
            var (answer, fault) = Handle(session, text);
            fault.Deliver(c, answer, wallClock);
            return ValueTask.CompletedTask;
        }, stop);
    }

    /// <summary>Answers one request frame, and says which request faults hit it.</summary>
    private (byte[] Answer, RequestFault Fault) Handle(Session session, string text)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException) { return Plain(Answer(session, null, "", new BybitError(10001, "Failed to decode incoming data"), null)); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Plain(Answer(session, null, "", new BybitError(10001, "Failed to decode incoming data"), null));
            string? requestId = null;
            if (root.TryGetProperty("reqId", out var id))
                requestId = id.ValueKind == JsonValueKind.String ? id.GetString() : id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null;
            var op = root.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : "";
            if (requestId is { Length: > 36 }) return Plain(Answer(session, requestId, op, BybitError.Params("reqId invalid"), null));
            if (requestId is not null && !session.RequestIds.Add(requestId)) return Plain(Answer(session, requestId, op, new BybitError(20006, "reqId is duplicated"), null));
            return op switch
            {
                "auth" => Plain(Authenticate(session, requestId, root.TryGetProperty("args", out var authArgs) ? authArgs : default)),
                "ping" => Plain(Pong(session, requestId)),
                "order.create" or "order.cancel" => FaultedTrade(session, requestId, op, root),
                "order.amend" or "order.create-batch" or "order.amend-batch" or "order.cancel-batch" =>
                    Plain(Answer(session, requestId, op, new BybitError(10404, $"{op} is not supported by this simulator"), null)),
                _ => Plain(Answer(session, requestId, op, new BybitError(10404, "op type not found"), null)),
            };
        }
    }

    private static (byte[], RequestFault) Plain(byte[] answer) => (answer, RequestFault.None);

    /// <summary>An order op through the request faults: carried out unless a fault refuses it first, its answer replaced
    /// by a server error or rate limit.</summary>
    private (byte[], RequestFault) FaultedTrade(Session session, string? requestId, string op, JsonElement root)
    {
        exchange.AdvanceTo(marketClock.GetUtcNow()); // requests see the market as of now even when the step timer runs late
        var fault = exchange.Faults.DecideRequest(BybitFaultWire.ClassifyOp(op)!.Value, ApiTransport.WebSocket, marketClock.GetUtcNow());
        var answer = fault.Executes ? Trade(session, requestId, op, root) : [];
        return (fault.Answer?.Kind switch
        {
            FaultKind.ServerError => Answer(session, requestId, op, BybitFaultWire.ServerErrorOf(fault.Answer), null),
            FaultKind.RateLimit => RateLimited(session, requestId, op, faultWire.RateLimitOf(fault.Answer, tradeSocket: true)),
            _ => answer, // a reset sends nothing
        }, fault);
    }

    private byte[] Authenticate(Session session, string? requestId, JsonElement args)
    {
        if (session.Account is not null) return Answer(session, requestId, "auth", new BybitError(20001, "Repeat auth"), null);
        var failure = BybitSignature.VerifyRealtime(args, exchange, JsonFrame.UnixMs(wallClock.GetUtcNow()), out var account);
        session.Account = account;
        return Answer(session, requestId, "auth", failure switch
        {
            null => BybitReply.Ok(),
            BybitAuthFailure.UnknownKey => BybitError.ApiKeyInvalid,
            BybitAuthFailure.BadSign => new BybitError(10004, "Invalid sign"),
            _ => new BybitError(10001, "Params Error"),
        }, null, withData: false);
    }

    private byte[] Trade(Session session, string? requestId, string op, JsonElement root)
    {
        if (session.Account is not { } account) return Answer(session, requestId, op, new BybitError(10003, "Request not authorized"), null);
        var now = JsonFrame.UnixMs(wallClock.GetUtcNow());
        var header = root.TryGetProperty("header", out var h) && h.ValueKind == JsonValueKind.Object ? h : default;
        var timestamp = HeaderValue(header, BybitSignature.TimestampHeader);
        if (timestamp is null) return Answer(session, requestId, op, BybitError.Params("X-BAPI-TIMESTAMP is required"), null);
        if (BybitSignature.CheckTiming(timestamp, HeaderValue(header, BybitSignature.RecvWindowHeader), now) is { } late)
            return Answer(session, requestId, op, late, null);
        if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() != 1 || args[0].ValueKind != JsonValueKind.Object)
            return Answer(session, requestId, op, BybitError.Params("args invalid"), null);
        var parameters = args[0];
        if (!parameters.TryGetProperty("category", out var category) || category.ValueKind != JsonValueKind.String || category.GetString() != "linear")
            return Answer(session, requestId, op, new BybitError(10404, "category is not correct/supported"), null);
        var request = BybitRequest.FromJson(parameters, account);
        var reply = op == "order.create" ? orders.Create(request) : orders.Cancel(request);
        var endpoint = op == "order.create" ? "/v5/order/create" : "/v5/order/cancel";
        return Answer(session, requestId, op, reply, rateLimits.Count(account.ApiKey, endpoint, OrderRateLimit, now, reply.LimitResetMs));
    }

    /// <summary>An injected rate limit: the refusal with the order limit's figures, nothing left until it resets.</summary>
    private byte[] RateLimited(Session session, string? requestId, string op, BybitReply reply) =>
        Answer(session, requestId, op, reply, (OrderRateLimit, 0, reply.LimitResetMs!.Value));

    private static string? HeaderValue(JsonElement header, string name) =>
        header.ValueKind == JsonValueKind.Object && header.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.String => value.GetString(), JsonValueKind.Number => value.GetRawText(), _ => null }
            : null;

    private byte[] Pong(Session session, string? requestId) => JsonFrame.Build((session.ConnectionId, requestId, wallClock.GetUtcNow()), static (w, s) =>
    {
        w.WriteStartObject();
        if (s.requestId is not null) w.WriteString("reqId"u8, s.requestId);
        w.WriteNumber("retCode"u8, 0);
        w.WriteString("retMsg"u8, "OK");
        w.WriteString("op"u8, "pong");
        w.WriteStartArray("data"u8);
        w.WriteStringValue(BybitWire.Milliseconds(s.Item3));
        w.WriteEndArray();
        w.WriteString("connId"u8, s.ConnectionId);
        w.WriteEndObject();
    });

    /// <summary>The guideline's response; <c>header</c> with the rate-limit figures when the request was counted.</summary>
    private byte[] Answer(Session session, string? requestId, string op, BybitReply reply, (int Limit, int Remaining, long Reset)? limit, bool withData = true)
    {
        var now = JsonFrame.UnixMs(wallClock.GetUtcNow());
        return JsonFrame.Build((session.ConnectionId, requestId, op, reply, limit, withData, now, traceId: ids.TraceId()), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.requestId is not null) w.WriteString("reqId"u8, s.requestId);
            w.WriteNumber("retCode"u8, s.reply.RetCode);
            w.WriteString("retMsg"u8, s.reply.RetMsg);
            w.WriteString("op"u8, s.op);
            if (s.withData)
            {
                w.WritePropertyName("data"u8);
                w.WriteRawValue(s.reply.Result, skipInputValidation: true);
                w.WriteStartObject("retExtInfo"u8);
                w.WriteEndObject();
            }
            if (s.limit is { } l)
            {
                w.WriteStartObject("header"u8);
                w.WriteString("X-Bapi-Limit"u8, l.Limit.ToString(CultureInfo.InvariantCulture));
                w.WriteString("X-Bapi-Limit-Status"u8, l.Remaining.ToString(CultureInfo.InvariantCulture));
                w.WriteString("X-Bapi-Limit-Reset-Timestamp"u8, l.Reset.ToString(CultureInfo.InvariantCulture));
                w.WriteString("Traceid"u8, s.traceId);
                w.WriteString("Timenow"u8, s.now.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteString("connId"u8, s.ConnectionId);
            w.WriteEndObject();
        });
    }

    private sealed class Session(string connectionId)
    {
        public string ConnectionId { get; } = connectionId;
        public TradingAccount? Account { get; set; }
        public HashSet<string> RequestIds { get; } = new(StringComparer.Ordinal);
    }
}
