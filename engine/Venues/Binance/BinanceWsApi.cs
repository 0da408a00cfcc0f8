using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>The USDⓈ-M WebSocket API session (<c>/ws-fapi/v1</c>, websocket-api-general-info): answers
/// <c>{"id","status","result"|"error","rateLimits"}</c> matched to the requests waiting for them, the reported counts fed to
/// the rate limits. HMAC keys cannot log a session on (session.logon is Ed25519-only), so every request carries its own
/// apiKey and signature and there is nothing to re-authenticate after a reconnect.</summary>
internal sealed class BinanceWsApi(Uri uri, VenueId venue, ISymbolResolver symbols, BinanceRateLimits limits, ClockOffset clock) : IPrivateSocketHandler
{
    /// <summary>How long a 418 that does not say when the ban ends blocks sending (general-info: bans last from
    /// 2 minutes to 3 days).</summary>
    public const long BanWithoutEndMs = 5 * 60_000;

    private readonly byte[] _scratch = new byte[256];
    private readonly TaskCompletionSource _firstConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _malformed;
    private long _unmatched;
    private long _answers;
    private long _timeoutsInARow;

    public PendingReplies Pending { get; } = new();
    /// <summary>Completes when the session first connects.</summary>
    public Task FirstConnected => _firstConnected.Task;
    public long Malformed => Volatile.Read(ref _malformed);
    /// <summary>Answers matched to the request waiting for them.</summary>
    public long Answers => Volatile.Read(ref _answers);
    /// <summary>Answers that matched no waiting request (late, after a timeout).</summary>
    public long Unmatched => Volatile.Read(ref _unmatched);
    /// <summary>Requests timed out since anything was last heard on the connection.</summary>
    public long TimeoutsInARow => Volatile.Read(ref _timeoutsInARow);

    internal long CountTimeouts(int timedOut) => Interlocked.Add(ref _timeoutsInARow, timedOut);

    internal void ClearTimeouts() => Volatile.Write(ref _timeoutsInARow, 0);

    public ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(uri);

    public ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken)
    {
        ClearTimeouts();
        _firstConnected.TrySetResult();
        return ValueTask.CompletedTask;
    }

    public void OnDisconnected() => Pending.FailWaiting(long.MaxValue,
        ExecutionError.Local(ExecutionErrorKind.Disconnected, "WS API connection dropped before the answer; order state unknown, query it"u8));

    public void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp)
    {
        ClearTimeouts(); // the link is alive, whatever the message
        long id;
        OrderReport report = default;
        try
        {
            if (!TryReadAnswer(message, ref report, out id))
            {
                Interlocked.Increment(ref _malformed);
                return;
            }
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        Interlocked.Increment(ref Pending.TryComplete(id, report) ? ref _answers : ref _unmatched);
    }

    private bool TryReadAnswer(ReadOnlySpan<byte> message, ref OrderReport report, out long id)
    {
        id = 0;
        var status = 0;
        var hasResult = false;
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return false;
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (FrameReader.ReadInt64(ref reader, out id) != FrameIssue.None) return false;
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out status)) return false;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var issue = BinanceOrderReader.Read(ref reader, symbols, venue, ref report, _scratch);
                    if (issue != FrameIssue.None && issue != FrameIssue.UnknownSymbol) return false;
                    hasResult = true;
                }
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) return false;
                report.Error = BinanceJson.ReadError(ref reader, status, 0, _scratch);
            }
            else if (reader.ValueTextEquals("rateLimits"u8))
            {
                reader.Read();
                ReadRateLimits(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (status is 429 or 418 && report.Error.Kind == ExecutionErrorKind.RateLimited)
        {
            // No Retry-After header here: the ban's end is in the error ("banned until <ms>", data.retryAfter). Without
            // one, a 418 (an IP ban: 2 minutes to 3 days) blocks for minutes, since every request sent into a ban
            // lengthens it; a 429 for a second.
            var until = report.Error.RetryAfterMs;
            if (until <= 0) until = clock.NowUnixMs() + (status == 418 ? BanWithoutEndMs : 1000);
            limits.BlockUntil(until);
        }
        if (status != 200 && !report.Error.IsError)
            report.Error = BinanceErrorMap.FromVenue(0, "WS API answered an error status without an error object"u8, status);
        return id > 0 && (hasResult || report.Error.IsError);
    }

    /// <summary><c>[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":2400,"count":1}, …]</c>.</summary>
    private void ReadRateLimits(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        int weight = -1, orders10s = -1, orders1m = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            bool isWeight = false, isOrders = false, second = false, minute = false;
            long intervalNum = 0, count = -1;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("rateLimitType"u8))
                {
                    isWeight = reader.ValueTextEquals("REQUEST_WEIGHT"u8);
                    isOrders = reader.ValueTextEquals("ORDERS"u8);
                }
                else if (name.SequenceEqual("interval"u8))
                {
                    second = reader.ValueTextEquals("SECOND"u8);
                    minute = reader.ValueTextEquals("MINUTE"u8);
                }
                else if (name.SequenceEqual("intervalNum"u8)) FrameReader.ReadInt64(ref reader, out intervalNum);
                else if (name.SequenceEqual("count"u8)) FrameReader.ReadInt64(ref reader, out count);
                else reader.Skip();
            }
            if (count < 0) continue;
            if (isWeight && minute && intervalNum == 1) weight = (int)count;
            else if (isOrders && second && intervalNum == 10) orders10s = (int)count;
            else if (isOrders && minute && intervalNum == 1) orders1m = (int)count;
        }
        limits.Observe(weight, orders10s, orders1m, clock.NowUnixMs());
    }
}
