using FundingArb.Gateway;

namespace FundingArb.Venues.Okx;

/// <summary>OKX v5 error codes (#error-code-rest-api, #error-code-websocket) and HTTP statuses mapped to what the
/// gateway acts on; the venue's code and message are kept beside the kind. Per-order refusals arrive as <c>sCode</c> /
/// <c>sMsg</c> under a top-level <c>"code":"1"</c>; the per-order code is the one mapped.</summary>
internal static class OkxErrorMap
{
    public static ExecutionErrorKind KindOf(int code, int httpStatus) => code switch
    {
        50001 or 50013 or 50026 or 50156 => ExecutionErrorKind.VenueUnavailable, // unavailable, busy, system error
        50004 => ExecutionErrorKind.Timeout, // "Endpoint request timeout (does not indicate success or failure of order …)"
        50011 or 50061 or 50040 or 60014 => ExecutionErrorKind.RateLimited, // 50040 too frequent; 60014 WS requests too frequent
        // Frozen for ADL / liquidation / funding settlement (50017–50023), delivery or exercise in progress (50046), service
        // temporarily unavailable (50064): "try again later", not a refusal of the order itself.
        (>= 50017 and <= 50023) or 50046 or 50064 => ExecutionErrorKind.VenueUnavailable,
        // Timestamp request expired (REST, WS login); 50037: the order's expTime passed before the venue processed it, so
        // it was not placed (the clock is resynchronised, as for the others, and a retry is sound).
        50102 or 60006 or 50037 => ExecutionErrorKind.ClockSkew,
        50100 or (>= 50103 and <= 50111) or 50113 or 50114 or 50120 or 60004 or 60005 or 60007 or 60009 or 60024 => ExecutionErrorKind.Unauthorized,
        60011 => ExecutionErrorKind.Disconnected, // "Please log in": the session is re-logging in
        51008 or 51127 or 51131 => ExecutionErrorKind.InsufficientMargin,
        51112 or 51169 or 51170 or 51205 => ExecutionErrorKind.ReduceOnlyRejected,
        51005 or 51020 or 51121 or 51202 => ExecutionErrorKind.InvalidQuantity,
        51006 or 51204 => ExecutionErrorKind.InvalidPrice,
        51400 or 51401 or 51402 or 51603 => ExecutionErrorKind.UnknownOrder,
        51016 or 50071 => ExecutionErrorKind.DuplicateClientOrderId, // 50071: the WS op's id is a duplicate
        50000 or 50002 or 50014 or 50112 or 50115 or 51000 or 51001 or 51010 or 60012 or 60013 or 60018 or 60019 or 60027 or 60028
            => ExecutionErrorKind.InvalidRequest,
        0 => KindOfStatus(httpStatus),
        _ => httpStatus >= 500 ? ExecutionErrorKind.VenueUnavailable : ExecutionErrorKind.Rejected,
    };

    /// <summary>A status without a venue code in its body.</summary>
    public static ExecutionErrorKind KindOfStatus(int httpStatus) => httpStatus switch
    {
        429 => ExecutionErrorKind.RateLimited,
        408 => ExecutionErrorKind.Timeout,
        401 or 403 => ExecutionErrorKind.Unauthorized,
        >= 500 => ExecutionErrorKind.VenueUnavailable,
        >= 400 => ExecutionErrorKind.InvalidRequest,
        _ => ExecutionErrorKind.None,
    };

    public static ExecutionError FromVenue(int code, ReadOnlySpan<byte> message, int httpStatus, long retryAfterMs = 0)
    {
        var kind = httpStatus == 429 ? ExecutionErrorKind.RateLimited : KindOf(code, httpStatus);
        return new ExecutionError(kind == ExecutionErrorKind.None ? ExecutionErrorKind.Rejected : kind, code, message, retryAfterMs);
    }
}
