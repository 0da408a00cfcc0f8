using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Faults;

/// <summary>One scripted fault: its <see cref="Kind"/>, which orders, requests or events it hits, and its parameters.
/// Immutable, so one script can arm several simulators; <see cref="FaultPlan.Add"/> arms it with its own counters.</summary>
/// <remarks>Selection: a candidate (order, request, book event) must match every filter that is set and fall inside
/// the window [<see cref="At"/>, <see cref="At"/> + <see cref="For"/>). Of the matching candidates, the rule applies
/// from the <see cref="Nth"/> on (default the first), each with <see cref="Probability"/>, at most <see cref="Count"/>
/// times (default: once when <see cref="Nth"/> is set or the kind is a one-off event, else without limit).</remarks>
public sealed record FaultRule
{
    public required FaultKind Kind { get; init; }

    // ---------------------------------------------------------------- which candidates

    /// <summary>The venue's own symbol (orders, book events, stale feeds).</summary>
    public string? Symbol { get; init; }
    /// <summary>A regular expression the whole client order id must match.</summary>
    public string? ClientOrderId { get; init; }
    public OrderSide? Side { get; init; }
    public bool? ReduceOnly { get; init; }
    public ApiOperation? Operation { get; init; }
    public ApiTransport? Transport { get; init; }
    /// <summary>Stale feed: the channel that stops (null: every channel).</summary>
    public MarketChannel? Channel { get; init; }
    /// <summary>Drop: the connections dropped.</summary>
    public ConnectionKind Connection { get; init; }
    /// <summary>1-based: the first matching candidate the rule applies to. A drop with <see cref="Nth"/> fires on the
    /// Nth matching order; without it, at <see cref="At"/>.</summary>
    public int? Nth { get; init; }
    public int? Count { get; init; }
    public double Probability { get; init; } = 1;
    /// <summary>Start of the window, from the simulator's start on the market clock; null: from when the rule is added.</summary>
    public TimeSpan? At { get; init; }
    /// <summary>Length of the window; null: open-ended.</summary>
    public TimeSpan? For { get; init; }

    // ---------------------------------------------------------------- what happens

    /// <summary>Reject: the venue-neutral reason the front end renders with its real code.</summary>
    public RejectReason Reason { get; init; } = RejectReason.Unspecified;
    /// <summary>Reject, server error, rate limit: an explicit venue code (with <see cref="Message"/>) instead of the rendered one.</summary>
    public int? Code { get; init; }
    public string? Message { get; init; }
    /// <summary>HTTP status: 5xx for a server error, 429 or 418 for a rate limit, or an explicit reject's status.</summary>
    public int? Status { get; init; }
    /// <summary>Latency: fixed part; late fill: how long the order waits on the market clock.</summary>
    public TimeSpan Delay { get; init; }
    /// <summary>Latency: a uniformly drawn extra in [0, Jitter), from the seeded random.</summary>
    public TimeSpan Jitter { get; init; }
    /// <summary>Partial fill: the share of the quantity that fills (rounded down to the step) ...</summary>
    public decimal? Fraction { get; init; }
    /// <summary>... or the quantity that fills, in venue units.</summary>
    public decimal? Quantity { get; init; }
    /// <summary>Late fill: a cancel sent before the fill is due loses the race: the order fills first and the cancel is
    /// refused as for a filled order (live venues behave so when the cancel lands late). Default: the cancel wins.</summary>
    public bool FillsDespiteCancel { get; init; }
    /// <summary>Server error, rate limit, reset: the request is carried out before the fault answers (execution status
    /// unknown to the client). Default: refused before anything happens.</summary>
    public bool Executed { get; init; }
    /// <summary>Rate limit: the Retry-After the venue announces.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
    public OutageMode Mode { get; init; }

    public bool IsOrderFault => Kind is FaultKind.Reject or FaultKind.NeverFill or FaultKind.PartialFill or FaultKind.LateFill
        or FaultKind.DuplicateUpdates or FaultKind.OutOfOrderUpdates;

    public bool IsRequestFault => Kind is FaultKind.Latency or FaultKind.ServerError or FaultKind.RateLimit or FaultKind.Reset;

    /// <summary>A drop triggered by an order rather than by the clock.</summary>
    public bool DropsOnOrder => Kind == FaultKind.DropConnection && Nth is not null;

    /// <summary>How many times the rule may apply (see the remarks).</summary>
    public int Limit => Count ?? (Nth is not null || Kind is FaultKind.SequenceGap or FaultKind.BadChecksum or FaultKind.DropConnection ? 1 : int.MaxValue);

    /// <summary>The first field that is out of range or missing for this kind on <paramref name="venue"/>, with what
    /// it must be; null when the rule is usable.</summary>
    public (string Field, string Rule)? Check(VenueKind venue)
    {
        if (Nth is < 1) return ("nth", "must be 1 or more (1 = the first matching one).");
        if (Count is < 1) return ("count", "must be 1 or more.");
        if (Probability is <= 0 or > 1 || double.IsNaN(Probability)) return ("probability", "must be above 0 and at most 1.");
        if (At < TimeSpan.Zero) return ("at", "must not be negative.");
        if (For <= TimeSpan.Zero) return ("for", "must be a positive duration such as \"30s\".");
        if (Delay < TimeSpan.Zero) return ("delay", "must not be negative.");
        if (Jitter < TimeSpan.Zero) return ("jitter", "must not be negative.");
        if (ClientOrderId is not null)
        {
            try { _ = new System.Text.RegularExpressions.Regex(ClientOrderId); }
            catch (ArgumentException e) { return ("clientOrderId", $"must be a regular expression: {e.Message}"); }
        }
        if (Code is not null && Message is null) return ("message", "is required with \"code\": the venue's message for that code.");
        switch (Kind)
        {
            case FaultKind.Reject when Status is { } s && (s < 200 || s > 599):
                return ("status", "must be an HTTP status such as 400.");
            case FaultKind.PartialFill when (Fraction is null) == (Quantity is null):
                return ("fraction", "or \"quantity\" (exactly one) is required: the share, or the venue-unit amount, that fills.");
            case FaultKind.PartialFill when Fraction is <= 0 or >= 1:
                return ("fraction", "must be between 0 and 1, e.g. \"0.5\".");
            case FaultKind.PartialFill when Quantity is <= 0:
                return ("quantity", "must be positive.");
            case FaultKind.LateFill when Delay <= TimeSpan.Zero:
                return ("delay", "is required: how long the order waits before it fills, e.g. \"45s\".");
            case FaultKind.Latency when Delay <= TimeSpan.Zero && Jitter <= TimeSpan.Zero:
                return ("delay", "or \"jitter\" is required: how long the answer is held, e.g. \"500ms\".");
            case FaultKind.ServerError when Status is not ({ } s and >= 500 and <= 599):
                return ("status", "is required and must be a 5xx status: 500, 502, 503 or 504.");
            case FaultKind.RateLimit when Status is not (null or 429 or 418):
                return ("status", "must be 429 (rate limited) or 418 (banned); default 429.");
            case FaultKind.RateLimit when RetryAfter < TimeSpan.Zero:
                return ("retryAfter", "must not be negative.");
            case FaultKind.DropConnection when Connection == 0 || (Connection & ~ConnectionKind.All) != 0:
                return ("connection", "is required: \"market\", \"private\", \"trading\" or \"all\".");
            case FaultKind.StaleFeed or FaultKind.VenueDown when For is null:
                return ("for", "is required: how long it lasts, e.g. \"30s\".");
            case FaultKind.BadChecksum when !HasBookChecksum(venue):
                return ("kind", $"badChecksum needs a venue with book checksums (okx); {VenueNames.Of(venue)} has none — use \"sequenceGap\" to break its book stream.");
        }
        return null;
    }


    /// <summary>Venues whose book stream carries a checksum a client verifies (OKX's "checksum"); Binance and Bybit
    /// books are checked by update ids only.</summary>
    public static bool HasBookChecksum(VenueKind venue) => venue == VenueKind.Okx;
}
