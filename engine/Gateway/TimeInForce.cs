namespace FundingArb.Gateway;

/// <summary>How long a limit order may rest. <see cref="PostOnly"/> is refused by the venue if it would take liquidity
/// (Binance GTX, Bybit PostOnly, OKX post_only).</summary>
public enum TimeInForce : byte
{
    GoodTillCancel = 0,
    ImmediateOrCancel = 1,
    FillOrKill = 2,
    PostOnly = 3,
}
