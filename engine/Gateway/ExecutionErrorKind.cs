namespace FundingArb.Gateway;

/// <summary>What went wrong with a request, in the few classes the gateway acts on. The venue's own code and message
/// travel beside it in <see cref="ExecutionError"/> for the log.</summary>
/// <remarks>Transient kinds may be retried (SPEC: retry only timeouts, rate limits, 5xx). <see cref="Timeout"/>,
/// <see cref="Disconnected"/> and <see cref="VenueUnavailable"/> may mean the venue acted without our hearing the answer:
/// query the order by its client order id before retrying it.</remarks>
public enum ExecutionErrorKind : byte
{
    None = 0,

    // ---- transient
    /// <summary>No answer in time (ours or the venue's: Binance -1007). Outcome unknown.</summary>
    Timeout,
    /// <summary>The connection dropped, or there was none. Outcome unknown if the request had been sent.</summary>
    Disconnected,
    /// <summary>5xx, or the venue says it is busy or down (-1001, -1008).</summary>
    VenueUnavailable,
    /// <summary>A venue limit (429, 418 ban, -1003) or our own accounting refused the request; retry after the given time.</summary>
    RateLimited,
    /// <summary>The timestamp was outside the venue's window (-1021); the clock has been resynchronised, so a retry is sound.</summary>
    ClockSkew,

    // ---- business rejections: never retried as is
    InsufficientMargin,
    ReduceOnlyRejected,
    InvalidQuantity,
    InvalidPrice,
    NotionalTooSmall,
    /// <summary>The venue does not know the order (cancel or query of an order that is gone or never existed).</summary>
    UnknownOrder,
    PostOnlyWouldTake,
    FillOrKillUnfilled,
    /// <summary>Key, signature or permission refused (-2014, -2015, -1022).</summary>
    Unauthorized,
    DuplicateClientOrderId,
    /// <summary>A malformed or unsupported request: a bug on our side or an unknown instrument.</summary>
    InvalidRequest,
    /// <summary>Any other refusal.</summary>
    Rejected,
    /// <summary>The caller's cancellation token fired before the request was sent: nothing reached the venue. (Once a
    /// request is sent it is not abandoned; its answer, a timeout or the drop completes it.)</summary>
    CanceledBeforeSend,
}

/// <summary>Classification of <see cref="ExecutionErrorKind"/>.</summary>
public static class ExecutionErrorKindClasses
{
    extension(ExecutionErrorKind kind)
    {
        /// <summary>May succeed if retried (after <see cref="ExecutionError.RetryAfterMs"/> for rate limits).</summary>
        public bool IsTransient => kind is ExecutionErrorKind.Timeout or ExecutionErrorKind.Disconnected
            or ExecutionErrorKind.VenueUnavailable or ExecutionErrorKind.RateLimited or ExecutionErrorKind.ClockSkew;

        /// <summary>The venue may have acted on the request although we got no answer saying so.</summary>
        public bool IsOutcomeUnknown => kind is ExecutionErrorKind.Timeout or ExecutionErrorKind.Disconnected
            or ExecutionErrorKind.VenueUnavailable;
    }
}
