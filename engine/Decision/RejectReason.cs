namespace FundingArb.Decision;

/// <summary>Why the decision core did not open a pair: the first check that failed. The checks run in this order —
/// the ones that need only funding first (they reject most pairs for a few nanoseconds), then those that need the
/// books, then the engine's own state — so a record names the most basic reason a pair was refused:
/// <list type="number">
/// <item><see cref="StaleData"/>: either leg's funding rate, next settlement or interval is missing, older than
/// <see cref="DecisionConfig.MaxFundingAge"/>, or refers to a settlement that has already passed (a diff computed from it
/// would not be a fact about the market);</item>
/// <item><see cref="NegativeDiff"/> (protection 1), <see cref="BelowMinDiff"/> (2);</item>
/// <item><see cref="SettlementWindow"/>, <see cref="HoldTooShort"/> (3);</item>
/// <item><see cref="VenueDown"/>: either venue's feed or order path is down;</item>
/// <item><see cref="BookOutOfSync"/>: either book is not in sync, empty or crossed (a book older than
/// <see cref="DecisionConfig.MaxBookAge"/> is <see cref="StaleData"/>);</item>
/// <item><see cref="RiskLimit"/>: open positions per pair, notional headroom per pair, venue and in total, or a size
/// that, rounded to a lot both venues accept, is below either venue's minimum quantity or notional;</item>
/// <item><see cref="BelowMinEdge"/> (2: the net edge after fees, slippage and basis), <see cref="InsufficientLiquidity"/> (4);</item>
/// <item><see cref="Cooldown"/>, <see cref="KillSwitch"/>: the pair would have opened.</item>
/// </list></summary>
public enum RejectReason : byte
{
    None = 0,
    NegativeDiff,
    BelowMinDiff,
    BelowMinEdge,
    SettlementWindow,
    HoldTooShort,
    InsufficientLiquidity,
    StaleData,
    BookOutOfSync,
    VenueDown,
    RiskLimit,
    Cooldown,
    KillSwitch,
}
