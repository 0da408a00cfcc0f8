using System.Globalization;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Bybit's spelling of injected faults (docs/v5/error, docs/v5/rate-limit): which operation a path or trade op
/// is; the API rate limit as HTTP 200 with retCode 10006 "Too many visits!" and the <c>X-Bapi-Limit*</c> headers
/// (status 0, reset when the limit frees up); an IP ban as HTTP 403 "access too frequent"; server errors as 10016
/// "Server error." or, when the request was carried out, 10000 "Server Timeout" (the outcome is unknown to the client),
/// under the scripted 5xx status.</summary>
/// <param name="limitOf">The per-account limit per second of a signed REST route (method, path); 0 for public ones,
/// which carry no <c>X-Bapi-Limit</c> headers.</param>
public sealed class BybitFaultWire(TimeProvider wallClock, Func<string, string, int> limitOf) : IFaultWire
{
    public static readonly BybitError TooManyVisits = new(10006, "Too many visits!");
    public static readonly BybitError ServerErrorCode = new(10016, "Server error.");
    public static readonly BybitError ServerTimeout = new(10000, "Server Timeout");
    /// <summary>The trade socket's system-level protection, its nearest answer to an IP ban (a socket has no HTTP status).</summary>
    public static readonly BybitError FrequencyProtection = new(10429, "System level frequency protection");
    /// <summary>A generic order refusal: Bybit has no "order rejected" code, so the docs' request-parameter error.</summary>
    public static readonly BybitError OrderRejected = new(10001, "Request parameter error.");

    /// <summary>The limit of the REST route in hand, noted by <see cref="Classify(HttpRequest)"/>: the fault middleware
    /// classifies a request before it asks for its rate-limit answer, and <see cref="IFaultWire.RateLimited"/> is not
    /// given the request. Flows with the request's own async context, so concurrent requests do not mix.</summary>
    private readonly AsyncLocal<int> _routeLimit = new();

    public ApiOperation Classify(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        _routeLimit.Value = limitOf(request.Method, path);
        return Classify(path);
    }

    public static ApiOperation Classify(string path) => path switch
    {
        "/v5/order/create" => ApiOperation.PlaceOrder,
        "/v5/order/cancel" => ApiOperation.CancelOrder,
        "/v5/order/realtime" or "/v5/execution/list" => ApiOperation.QueryOrder,
        _ when path.StartsWith("/v5/position/", StringComparison.Ordinal) || path.StartsWith("/v5/account/", StringComparison.Ordinal)
            || path.StartsWith("/v5/user/", StringComparison.Ordinal) => ApiOperation.Account,
        _ => ApiOperation.MarketData,
    };

    /// <summary>A trade-socket op that faults can target; null for the others (auth, ping, unsupported ops).</summary>
    public static ApiOperation? ClassifyOp(string op) => op switch
    {
        "order.create" => ApiOperation.PlaceOrder,
        "order.cancel" => ApiOperation.CancelOrder,
        _ => null,
    };

    public static BybitError ServerErrorOf(FaultRule fault) => Explicit(fault) ?? (fault.Executed ? ServerTimeout : ServerErrorCode);

    /// <summary>The rate-limit refusal in a retCode: 10006 with its reset time, or the scripted code. On the trade socket
    /// a ban (418) is 10429.</summary>
    public BybitReply RateLimitOf(FaultRule fault, bool tradeSocket = false)
    {
        BybitReply reply = Explicit(fault) ?? (tradeSocket && fault.Status == 418 ? FrequencyProtection : TooManyVisits);
        return reply with { LimitResetMs = JsonFrame.UnixMs(wallClock.GetUtcNow() + fault.RetryAfter) };
    }

    /// <summary>The answer to an order refused by a fault, when it differs from the usual rendering of its reason: an
    /// explicit code (HTTP status as scripted, else 200 as Bybit's refusals are), or the order rate limit (10006). Null:
    /// render the reason as usual.</summary>
    public BybitReply? Rejection(FaultRule fault)
    {
        if (Explicit(fault) is { } error) return (BybitReply)error with { HttpStatus = fault.Status ?? StatusCodes.Status200OK };
        return fault.Reason == RejectReason.RateLimited ? RateLimitOf(fault) : (BybitReply?)null;
    }

    private static BybitError? Explicit(FaultRule fault) => fault.Code is { } code ? new BybitError(code, fault.Message!) : null;

    public HttpAnswer ServerError(FaultRule fault) => Answer(fault.Status!.Value, ServerErrorOf(fault), []);

    public HttpAnswer RateLimited(FaultRule fault, DateTimeOffset wallNow)
    {
        // An IP ban is the gateway's, before any API: plain text, no Bybit envelope and no per-account headers.
        if (fault.Status == 418 && fault.Code is null)
            return new HttpAnswer(StatusCodes.Status403Forbidden, "access too frequent"u8.ToArray(), [new("Content-Type", "text/plain; charset=utf-8")]);
        var reply = RateLimitOf(fault);
        var limit = _routeLimit.Value;
        KeyValuePair<string, string>[] headers = limit > 0
            ?
            [
                new("X-Bapi-Limit", limit.ToString(CultureInfo.InvariantCulture)),
                new("X-Bapi-Limit-Status", "0"),
                new("X-Bapi-Limit-Reset-Timestamp", reply.LimitResetMs!.Value.ToString(CultureInfo.InvariantCulture)),
            ]
            : [];
        return Answer(StatusCodes.Status200OK, reply, headers);
    }

    public HttpAnswer Unavailable(FaultRule outage) => Answer(StatusCodes.Status503ServiceUnavailable, ServerErrorCode, []);

    private HttpAnswer Answer(int status, BybitReply reply, KeyValuePair<string, string>[] headers) =>
        new(status, reply.Envelope(JsonFrame.UnixMs(wallClock.GetUtcNow())), [new("Content-Type", "application/json; charset=utf-8"), .. headers]);
}
