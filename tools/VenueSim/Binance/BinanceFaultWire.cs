using System.Globalization;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Binance;

/// <summary>Binance's spelling of injected faults: which operation a path or WebSocket API method is, and the
/// documented error bodies and headers (error-code page; general-info "Limits": 429 with Retry-After and
/// X-MBX-USED-WEIGHT-1M, 418 for a ban; 5xx "execution status unknown").</summary>
public sealed class BinanceFaultWire(TimeProvider wallClock) : IFaultWire
{
    /// <summary>The REQUEST_WEIGHT limit exchangeInfo announces, reported as used when rate limited.</summary>
    public const int WeightLimit = 2400;

    public ApiOperation Classify(HttpRequest request) => Classify(request.Method, request.Path.Value ?? "/");

    public static ApiOperation Classify(string method, string path) => path switch
    {
        "/fapi/v1/order" => method switch { "POST" => ApiOperation.PlaceOrder, "DELETE" => ApiOperation.CancelOrder, _ => ApiOperation.QueryOrder },
        "/fapi/v1/allOpenOrders" => ApiOperation.CancelOrder,
        "/fapi/v1/openOrders" => ApiOperation.QueryOrder,
        "/fapi/v1/listenKey" => ApiOperation.UserStream,
        "/fapi/v2/positionRisk" or "/fapi/v3/positionRisk" or "/fapi/v2/balance" or "/fapi/v2/account" or "/fapi/v3/account" or "/fapi/v1/income"
            or "/fapi/v1/positionSide/dual" or "/fapi/v1/multiAssetsMargin" or "/fapi/v1/leverage" or "/fapi/v1/marginType"
            or "/fapi/v1/commissionRate" or "/fapi/v1/leverageBracket" => ApiOperation.Account,
        _ => ApiOperation.MarketData,
    };

    /// <summary>A WebSocket API method (without its "v1/" prefix).</summary>
    public static ApiOperation ClassifyMethod(string method) => method switch
    {
        "order.place" => ApiOperation.PlaceOrder,
        "order.cancel" => ApiOperation.CancelOrder,
        _ => ApiOperation.QueryOrder,
    };

    /// <summary>-1007 when the request was carried out (its outcome is unknown to the client), else -1001.</summary>
    public static BinanceError ServerErrorOf(FaultRule fault) =>
        Explicit(fault) ?? (fault.Executed
            ? new BinanceError(fault.Status!.Value, -1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.")
            : new BinanceError(fault.Status!.Value, -1001, "Internal error; unable to process your request. Please try again."));

    public BinanceError RateLimitOf(FaultRule fault) =>
        Explicit(fault) ?? (fault.Status == 418
            ? new BinanceError(418, -1003, $"Way too many requests; IP banned until {JsonFrame.UnixMs(wallClock.GetUtcNow() + fault.RetryAfter)}. Please use the websocket for live updates to avoid bans.")
            : new BinanceError(429, -1003, $"Too many requests; current limit is {WeightLimit} requests per minute. Please use the websocket for live updates to avoid polling the API."));

    /// <summary>The REST answer to an order refused by a fault, when it differs from the usual rendering of its
    /// reason: an explicit code, or the rate limit (429 with its headers). Null: render the reason as usual.</summary>
    public BinanceReply? Rejection(FaultRule fault)
    {
        if (Explicit(fault) is { } error) return error;
        return fault.Reason == Matching.RejectReason.RateLimited ? RateLimitReply(fault) : (BinanceReply?)null;
    }

    private BinanceReply RateLimitReply(FaultRule fault) => BinanceReply.From(RateLimitOf(fault)) with { Headers = RateLimitHeaders(fault) };

    private static KeyValuePair<string, string>[] RateLimitHeaders(FaultRule fault) =>
    [
        new("Retry-After", ((long)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)),
        new("X-MBX-USED-WEIGHT-1M", WeightLimit.ToString(CultureInfo.InvariantCulture)),
    ];

    private static BinanceError? Explicit(FaultRule fault) =>
        fault.Code is { } code ? new BinanceError(fault.Status ?? 400, code, fault.Message!) : null;

    public HttpAnswer ServerError(FaultRule fault) => Answer(BinanceReply.From(ServerErrorOf(fault)));

    public HttpAnswer RateLimited(FaultRule fault, DateTimeOffset wallNow) => Answer(RateLimitReply(fault));

    public HttpAnswer Unavailable(FaultRule outage) =>
        Answer(new BinanceError(503, -1001, "Internal error; unable to process your request. Please try again."));

    private static HttpAnswer Answer(BinanceReply reply) => new(reply.Status, reply.Body, reply.Headers ?? []);
}
