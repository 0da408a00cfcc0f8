using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>The WebSocket trade API session, <c>/v5/trade</c> (docs/v5/websocket/trade/guideline): <c>auth</c> on every
/// connection, then <c>order.create</c>/<c>order.cancel</c> answered by
/// <c>{"reqId","retCode","retMsg","op","data":{"orderId","orderLinkId"},"header":{…limits…},"connId"}</c>, matched to the
/// requests waiting for them, the reported limits fed to the rate limits. Orders go here only while the session is
/// authenticated; a drop fails every waiting request as <see cref="ExecutionErrorKind.Disconnected"/> (outcome unknown)
/// and the reconnect authenticates again. An <c>auth</c> refused, or not answered within the ready timeout, drops the
/// connection to be made again (<see cref="BybitSessionGuard"/>), after a clock resync when the refusal says the
/// <c>expires</c> was stale.</summary>
/// <remarks>The answer carries ids only: a created order is reported <see cref="OrderStatus.New"/> (the venue accepted
/// it), a cancel <see cref="OrderStatus.Unknown"/> (the venue took the request, but "the order is executed at the same
/// time" can still win); what became of either comes on the private stream and from a query.</remarks>
internal sealed class BybitTradeApi(Uri uri, BybitSigner signer, BybitRateLimits limits, ClockOffset clock, TimeSpan authExpiry,
    TimeSpan? readyTimeout = null) : IPrivateSocketHandler, IDisposable
{
    /// <summary>No reqId: the venue refuses a repeated one per connection (20006), and pings are not matched.</summary>
    private static readonly byte[] Ping = """{"op":"ping"}"""u8.ToArray();

    private readonly byte[] _scratch = new byte[256];
    private readonly byte[] _messageScratch = new byte[ExecutionError.MaxMessageLength];
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly BybitSessionGuard _guard = new(clock.Clock, readyTimeout ?? TimeSpan.FromSeconds(10));
    private volatile bool _authenticated;
    private long _timeoutsInARow;
    private long _malformed;
    private long _unmatched;
    private long _answers;

    public PendingReplies Pending { get; } = new();
    public BybitHeartbeat Heartbeat { get; } = new(Ping);
    public bool IsAuthenticated => _authenticated;
    /// <summary>Completes when the session is first authenticated; faults when the venue refuses the auth.</summary>
    public Task FirstReady => _firstReady.Task;
    public long Malformed => Volatile.Read(ref _malformed);
    /// <summary>Answers matched to the request waiting for them.</summary>
    public long Answers => Volatile.Read(ref _answers);
    /// <summary>Answers that matched no waiting request (late, after a timeout).</summary>
    public long Unmatched => Volatile.Read(ref _unmatched);
    public string? LastError { get; private set; }
    /// <summary>Connections dropped because the <c>auth</c> was refused or not answered in time.</summary>
    public long SessionAborts => _guard.SessionAborts;
    /// <summary>Why the last connection was dropped for its session (a refusal, the ready deadline), for status.</summary>
    public string? SessionError => _guard.LastError;
    /// <summary>Resynchronises the clock; awaited before a connection whose <c>auth</c> was refused as expired is dropped.</summary>
    public Func<Task>? ClockSkewed
    {
        get => _guard.ClockSkewed;
        set => _guard.ClockSkewed = value;
    }

    /// <summary>Adds requests that went unanswered past their deadline; the count so far since something was last heard.</summary>
    internal long CountTimeouts(int timedOut) => Interlocked.Add(ref _timeoutsInARow, timedOut);

    internal void ClearTimeouts() => Volatile.Write(ref _timeoutsInARow, 0);

    public ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(uri);

    public ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken)
    {
        _authenticated = false;
        ClearTimeouts();
        Heartbeat.Connected(socket);
        _guard.Connected(socket);
        return signer.AuthenticateAsync(socket, clock.NowUnixMs() + (long)authExpiry.TotalMilliseconds, cancellationToken);
    }

    public void OnDisconnected()
    {
        _authenticated = false;
        Heartbeat.Disconnected();
        _guard.Disconnected();
        Pending.FailWaiting(long.MaxValue,
            ExecutionError.Local(ExecutionErrorKind.Disconnected, "WS trade connection dropped before the answer; order state unknown, query it"u8));
    }

    public void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp)
    {
        Heartbeat.Received();
        ClearTimeouts(); // the link is alive, whatever the message
        try
        {
            Read(message);
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _malformed);
        }
    }

    private void Read(ReadOnlySpan<byte> message)
    {
        long requestId = 0;
        var retCode = -1;
        var op = Op.Other;
        scoped ReadOnlySpan<byte> retMsg = default;
        int limit = -1, left = -1;
        long reset = -1;
        OrderReport report = default;
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("reqId"u8))
            {
                reader.Read();
                FrameReader.ReadInt64(ref reader, out requestId); // ours are digits; any other id matches nothing
            }
            else if (reader.ValueTextEquals("retCode"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number) reader.TryGetInt32(out retCode);
            }
            else if (reader.ValueTextEquals("retMsg"u8))
            {
                reader.Read();
                retMsg = BybitJson.Message(ref reader, _messageScratch); // its own scratch: the ids' may be reused after it
            }
            else if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                op = reader.ValueTextEquals("order.create"u8) ? Op.Create
                    : reader.ValueTextEquals("order.cancel"u8) ? Op.Cancel
                    : reader.ValueTextEquals("auth"u8) ? Op.Auth
                    : reader.ValueTextEquals("pong"u8) ? Op.Pong
                    : Op.Other;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadIds(ref reader, ref report);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("header"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadLimits(ref reader, ref limit, ref left, ref reset);
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        switch (op)
        {
            case Op.Pong:
                return;
            case Op.Auth:
                if (retCode == 0)
                {
                    _authenticated = true;
                    _guard.Ready();
                    _firstReady.TrySetResult();
                }
                else
                {
                    var text = System.Text.Encoding.UTF8.GetString(retMsg);
                    LastError = $"auth refused: {retCode} {text}";
                    // 10001 "Params Error" is how the venue refuses an expires in its past (our args are well formed).
                    var clockSkew = retCode is 10001 or 10002 || BybitPrivateStream.IsExpiry(text);
                    if (!clockSkew) _firstReady.TrySetException(new InvalidOperationException("bybit: WS trade " + LastError));
                    _guard.Refused(LastError, clockSkew);
                }
                return;
            case Op.Create or Op.Cancel:
                break;
            default:
                // A refusal of the request itself (10404 op not found, 20006, 10001 undecodable) names no op we sent.
                if (requestId == 0 || retCode <= 0)
                {
                    Interlocked.Increment(ref _malformed);
                    return;
                }
                break;
        }
        var endpoint = op == Op.Cancel ? BybitEndpoint.OrderCancel : BybitEndpoint.OrderCreate;
        var nowMs = clock.NowUnixMs();
        limits.Observe(endpoint, limit, left, reset, nowMs);
        if (retCode == 0)
        {
            report.Status = op == Op.Create ? OrderStatus.New : OrderStatus.Unknown;
            report.UpdateTimeMs = nowMs;
        }
        else
        {
            long retryAfter = 0;
            if (retCode is 10006 or 10429)
            {
                retryAfter = reset > nowMs ? reset : nowMs + 1000;
                limits.Block(endpoint, retryAfter);
            }
            report = OrderReport.Failed(BybitErrorMap.FromVenue(retCode, retMsg, 200, retryAfter));
        }
        Interlocked.Increment(ref Pending.TryComplete(requestId, report) ? ref _answers : ref _unmatched);
    }

    private void ReadIds(ref Utf8JsonReader reader, ref OrderReport report)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("orderId"u8))
            {
                reader.Read();
                BybitOrderReader.ReadVenueId(ref reader, _scratch, out report.VenueOrderId);
            }
            else if (reader.ValueTextEquals("orderLinkId"u8))
            {
                reader.Read();
                ExecutionJson.ReadClientOrderId(ref reader, _scratch, out report.ClientOrderId);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadLimits(ref Utf8JsonReader reader, ref int limit, ref int left, ref long reset)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var which = reader.ValueTextEquals("X-Bapi-Limit"u8) ? 1 : reader.ValueTextEquals("X-Bapi-Limit-Status"u8) ? 2
                : reader.ValueTextEquals("X-Bapi-Limit-Reset-Timestamp"u8) ? 3 : 0;
            reader.Read();
            if (which == 0 || FrameReader.ReadInt64(ref reader, out var value) != FrameIssue.None)
            {
                reader.Skip();
                continue;
            }
            if (which == 1) limit = (int)Math.Min(value, int.MaxValue);
            else if (which == 2) left = (int)Math.Min(value, int.MaxValue);
            else reset = value;
        }
    }

    public void Dispose() => _guard.Dispose();

    private enum Op : byte
    {
        Other,
        Create,
        Cancel,
        Auth,
        Pong,
    }
}
