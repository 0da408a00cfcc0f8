using System.Globalization;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Okx;

/// <summary>OKX's spelling of injected faults (#error-code-rest-api, general class): 50001 (HTTP 503) "Service
/// temporarily unavailable", 50026 (500) "System error", 50004 "API endpoint request timeout" when the request may have
/// been carried out, and 50011 (HTTP 429) "Too Many Requests". OKX documents no rate-limit or Retry-After header, so
/// none is sent. On the WebSocket the order ops answer the same codes in their envelope.</summary>
public sealed class OkxFaultWire : IFaultWire
{
    public static readonly OkxError ServiceUnavailable = new(503, "50001", "Service temporarily unavailable. Please try again later.");
    public static readonly OkxError SystemError = new(500, "50026", "System error. Try again later");

    /// <summary>"Does not mean that the request was successful or failed": the code for an executed request whose
    /// answer failed.</summary>
    public static readonly OkxError EndpointTimeout = new(400, "50004",
        "API endpoint request timeout. (does not mean that the request was successful or failed, please check the request result).");

    /// <summary>A generic order refusal: OKX has no reject code for a post-only or FOK order (it accepts and cancels
    /// them), nor a catch-all like Binance's NEW_ORDER_REJECTED; this general-class code is the nearest.</summary>
    public static readonly OkxError OrderRefused = new(200, "50028", "Unable to place the order. Please contact the customer service for details.");

    public ApiOperation Classify(HttpRequest request) => Classify(request.Method, request.Path.Value ?? "/");

    public static ApiOperation Classify(string method, string path) => path switch
    {
        "/api/v5/trade/order" => method == "POST" ? ApiOperation.PlaceOrder : ApiOperation.QueryOrder,
        "/api/v5/trade/batch-orders" => ApiOperation.PlaceOrder,
        "/api/v5/trade/cancel-order" => ApiOperation.CancelOrder,
        "/api/v5/trade/orders-pending" => ApiOperation.QueryOrder,
        _ when path.StartsWith("/api/v5/account/", StringComparison.Ordinal) => ApiOperation.Account,
        _ => ApiOperation.MarketData,
    };

    /// <summary>A WebSocket op ("order", "cancel-order").</summary>
    public static ApiOperation ClassifyOp(string op) => op == "order" ? ApiOperation.PlaceOrder : ApiOperation.CancelOrder;

    /// <summary>50004 when the request was carried out (its outcome unknown to the client), else 50001 for a 503 and
    /// 50026 for any other 5xx; the HTTP status is the scripted one.</summary>
    public static OkxError ServerErrorOf(FaultRule fault) =>
        (Explicit(fault) ?? (fault.Executed ? EndpointTimeout : fault.Status == 503 ? ServiceUnavailable : SystemError)) with { HttpStatus = fault.Status!.Value };

    /// <summary>50011 "Too Many Requests" with the scripted status (429 by default).</summary>
    public static OkxError RateLimitOf(FaultRule fault) => (Explicit(fault) ?? OkxError.RateLimited) with { HttpStatus = fault.Status ?? 429 };

    /// <summary>The refusal of an order a fault rejected, when it differs from the usual rendering of its reason: an
    /// explicit code (the order's sCode/sMsg; OKX answers per-order refusals with HTTP 200, so a scripted status is not
    /// used), or the rate limit (<see cref="OkxError.RateLimited"/>, which fails the whole request). Null: render the
    /// reason as usual.</summary>
    public static OkxError? Rejection(FaultRule fault) =>
        Explicit(fault) is { } error ? error with { HttpStatus = 200 } : fault.Reason == RejectReason.RateLimited ? OkxError.RateLimited : null;

    private static OkxError? Explicit(FaultRule fault) =>
        fault.Code is { } code ? new OkxError(200, code.ToString(CultureInfo.InvariantCulture), fault.Message!) : null;

    public HttpAnswer ServerError(FaultRule fault) => Answer(ServerErrorOf(fault));

    public HttpAnswer RateLimited(FaultRule fault, DateTimeOffset wallNow) => Answer(RateLimitOf(fault));

    public HttpAnswer Unavailable(FaultRule outage) => Answer(ServiceUnavailable);

    private static HttpAnswer Answer(OkxError error) => new(error.HttpStatus, OkxReply.From(error).Body, []);
}
