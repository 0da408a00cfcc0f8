namespace FundingArb.Decision;

/// <summary>The reason codes as decision records and the run report spell them (DESIGN.md).</summary>
public static class RejectReasonCode
{
    /// <summary>Every reason but <see cref="RejectReason.None"/>, in enum order.</summary>
    public static ReadOnlySpan<RejectReason> All =>
    [
        RejectReason.NegativeDiff, RejectReason.BelowMinDiff, RejectReason.BelowMinEdge, RejectReason.SettlementWindow,
        RejectReason.HoldTooShort, RejectReason.InsufficientLiquidity, RejectReason.StaleData, RejectReason.BookOutOfSync,
        RejectReason.VenueDown, RejectReason.RiskLimit, RejectReason.Cooldown, RejectReason.KillSwitch,
    ];

    public static string Of(RejectReason reason) => reason switch
    {
        RejectReason.NegativeDiff => "NEGATIVE_DIFF",
        RejectReason.BelowMinDiff => "BELOW_MIN_DIFF",
        RejectReason.BelowMinEdge => "BELOW_MIN_EDGE",
        RejectReason.SettlementWindow => "SETTLEMENT_WINDOW",
        RejectReason.HoldTooShort => "HOLD_TOO_SHORT",
        RejectReason.InsufficientLiquidity => "INSUFFICIENT_LIQUIDITY",
        RejectReason.StaleData => "STALE_DATA",
        RejectReason.BookOutOfSync => "BOOK_OUT_OF_SYNC",
        RejectReason.VenueDown => "VENUE_DOWN",
        RejectReason.RiskLimit => "RISK_LIMIT",
        RejectReason.Cooldown => "COOLDOWN",
        RejectReason.KillSwitch => "KILL_SWITCH",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a reject reason."),
    };
}
