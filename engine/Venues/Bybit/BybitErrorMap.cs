using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5 return codes (docs/v5/error) and HTTP statuses (403 IP ban, 429 system protection, 5xx venue-side)
/// mapped to what the gateway acts on. The venue's code and message are kept beside the kind.</summary>
internal static class BybitErrorMap
{
    public static ExecutionErrorKind KindOf(int retCode, int httpStatus) => retCode switch
    {
        0 => KindOfStatus(httpStatus),
        10001 or 10404 or 20006 or 110020 => ExecutionErrorKind.InvalidRequest, // params, op/category not found, reqId repeated
        10002 => ExecutionErrorKind.ClockSkew, // "The request time exceeds the time window range."
        10003 or 10004 or 10005 or 10007 or 10009 or 10010 => ExecutionErrorKind.Unauthorized, // key, sign, permission, auth, IP binding
        10006 or 10018 or 10429 => ExecutionErrorKind.RateLimited, // too many visits, IP limit, system frequency protection
        10000 or 10016 or 10019 => ExecutionErrorKind.VenueUnavailable, // server timeout, service error/restarting (outcome unknown)
        110001 => ExecutionErrorKind.UnknownOrder, // "Order does not exist"
        110003 => ExecutionErrorKind.InvalidPrice, // "Order price is out of permissible range"
        110004 or 110007 or 110012 or 110044 or 110045 => ExecutionErrorKind.InsufficientMargin,
        110017 => ExecutionErrorKind.ReduceOnlyRejected, // live: "Reduce-only rule not satisfied", "current position is zero…"
        110094 => ExecutionErrorKind.NotionalTooSmall, // "Order does not meet minimum order value"
        110072 => ExecutionErrorKind.DuplicateClientOrderId, // "OrderLinkedID is duplicate"
        _ => httpStatus >= 500 ? ExecutionErrorKind.VenueUnavailable : ExecutionErrorKind.Rejected,
    };

    /// <summary>A status without a return code in its body.</summary>
    public static ExecutionErrorKind KindOfStatus(int httpStatus) => httpStatus switch
    {
        403 or 429 => ExecutionErrorKind.RateLimited, // 403: "your IP has been either temporarily or permanently banned"
        408 => ExecutionErrorKind.Timeout,
        401 => ExecutionErrorKind.Unauthorized,
        >= 500 => ExecutionErrorKind.VenueUnavailable,
        >= 400 => ExecutionErrorKind.InvalidRequest,
        _ => ExecutionErrorKind.None,
    };

    public static ExecutionError FromVenue(int retCode, ReadOnlySpan<byte> message, int httpStatus, long retryAfterMs = 0)
    {
        var kind = httpStatus is 403 or 429 ? ExecutionErrorKind.RateLimited : KindOf(retCode, httpStatus);
        return new ExecutionError(kind == ExecutionErrorKind.None ? ExecutionErrorKind.Rejected : kind, retCode, message, retryAfterMs);
    }
}
