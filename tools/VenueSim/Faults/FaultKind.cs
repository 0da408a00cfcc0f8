namespace FundingArb.VenueSim.Faults;

/// <summary>What an injected fault does. The file spells each in camelCase ("neverFill"); README, "Fault injection",
/// says which fields each takes.</summary>
public enum FaultKind
{
    // ---- order faults: decided by the exchange when an order passes the venue's own checks
    /// <summary>The order is refused with <see cref="FaultRule.Reason"/> or an explicit venue code.</summary>
    Reject,
    /// <summary>Accepted and left NEW, even when marketable, until the client cancels it.</summary>
    NeverFill,
    /// <summary>A fraction (or quantity) fills at once; the rest expires.</summary>
    PartialFill,
    /// <summary>Accepted; nothing happens until <see cref="FaultRule.Delay"/> has passed on the market clock, then it matches.</summary>
    LateFill,
    /// <summary>Every private-stream update of the order is sent twice.</summary>
    DuplicateUpdates,
    /// <summary>The order's first two private-stream updates arrive swapped (e.g. the fill before NEW).</summary>
    OutOfOrderUpdates,

    // ---- request faults: decided per REST request or WebSocket API request
    /// <summary>The answer is held for <see cref="FaultRule.Delay"/> plus up to <see cref="FaultRule.Jitter"/> on the wall clock.</summary>
    Latency,
    /// <summary>HTTP 5xx (or the WebSocket API's 5xx status) with the venue's internal-error body.</summary>
    ServerError,
    /// <summary>HTTP 429 (or 418) with the venue's rate-limit body and headers.</summary>
    RateLimit,
    /// <summary>The connection carrying the request is reset without an answer.</summary>
    Reset,

    // ---- connection and stream faults
    /// <summary>WebSocket connections of <see cref="FaultRule.Connection"/> are dropped: at a time, or on the Nth order.</summary>
    DropConnection,
    /// <summary>Market data of a channel and/or symbol stops for a window while REST still answers.</summary>
    StaleFeed,
    /// <summary>One book-stream event is swallowed, so the next one's "previous id" does not match.</summary>
    SequenceGap,
    /// <summary>One book-stream event carries a wrong checksum (venues with book checksums only: OKX).</summary>
    BadChecksum,
    /// <summary>The whole venue is down for a window: REST 503 or connections reset, WebSockets dropped and refused.</summary>
    VenueDown,
}
