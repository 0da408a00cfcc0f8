using FundingArb.Gateway;

namespace FundingArb.Venues.Binance;

/// <summary>Binance USDⓈ-M error codes (https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code)
/// and HTTP statuses (general-info: 4XX malformed, 403 WAF, 408 timeout, 418 IP ban, 429 rate limit, 5XX venue-side,
/// outcome unknown) mapped to what the gateway acts on. The venue's code and message are kept beside the kind.</summary>
/// <remarks>Every code named here was checked against that page: -1111 BAD_PRECISION ("Precision is over the maximum
/// defined for this asset") names neither price nor quantity, so it is a malformed request like the rest of 11xx; -5028
/// ME_RECVWINDOW_REJECT ("Timestamp for this request is outside of the ME recvWindow") is the matching engine's own
/// recvWindow check: refused unplaced, like -1021.</remarks>
internal static class BinanceErrorMap
{
    public static ExecutionErrorKind KindOf(int code, int httpStatus) => code switch
    {
        -1000 or -1001 or -1008 or -1016 => ExecutionErrorKind.VenueUnavailable, // unknown, disconnected, busy, service shutting down
        -1003 => ExecutionErrorKind.RateLimited,
        -1007 => ExecutionErrorKind.Timeout, // "Timeout waiting for response from backend server. Send status unknown"
        -1021 or -5028 => ExecutionErrorKind.ClockSkew, // outside recvWindow (API front end or matching engine): not placed
        -1022 or -2014 or -2015 or -1002 => ExecutionErrorKind.Unauthorized,
        -4003 or -4004 or -4005 or -4023 => ExecutionErrorKind.InvalidQuantity,
        -4001 or -4002 or -4013 or -4014 or -4016 or -4024 => ExecutionErrorKind.InvalidPrice,
        -4164 => ExecutionErrorKind.NotionalTooSmall,
        -2019 => ExecutionErrorKind.InsufficientMargin,
        -2022 => ExecutionErrorKind.ReduceOnlyRejected,
        -2011 or -2013 => ExecutionErrorKind.UnknownOrder,
        -5021 => ExecutionErrorKind.FillOrKillUnfilled,
        -5022 => ExecutionErrorKind.PostOnlyWouldTake,
        -4116 => ExecutionErrorKind.DuplicateClientOrderId,
        <= -1100 and >= -1199 => ExecutionErrorKind.InvalidRequest, // 11xx: request issues (bad parameter, symbol, …)
        -4015 or -4120 or -4061 or -1020 or -1013 => ExecutionErrorKind.InvalidRequest,
        0 => KindOfStatus(httpStatus),
        _ => httpStatus >= 500 ? ExecutionErrorKind.VenueUnavailable : ExecutionErrorKind.Rejected,
    };

    /// <summary>A status without a venue code in its body.</summary>
    public static ExecutionErrorKind KindOfStatus(int httpStatus) => httpStatus switch
    {
        429 or 418 => ExecutionErrorKind.RateLimited,
        408 => ExecutionErrorKind.Timeout,
        401 or 403 => ExecutionErrorKind.Unauthorized,
        >= 500 => ExecutionErrorKind.VenueUnavailable,
        >= 400 => ExecutionErrorKind.InvalidRequest,
        _ => ExecutionErrorKind.None,
    };

    public static ExecutionError FromVenue(int code, ReadOnlySpan<byte> message, int httpStatus, long retryAfterMs = 0)
    {
        // 429/418 are rate limits whatever code the body carries.
        var kind = httpStatus is 429 or 418 ? ExecutionErrorKind.RateLimited : KindOf(code, httpStatus);
        return new ExecutionError(kind == ExecutionErrorKind.None ? ExecutionErrorKind.Rejected : kind, code, message, retryAfterMs);
    }
}
