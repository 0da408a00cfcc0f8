namespace FundingArb.VenueSim.Matching;

/// <summary>How long an order may wait. <see cref="PostOnly"/> is Binance's GTX, Bybit's PostOnly, OKX's post_only.</summary>
public enum TimeInForce
{
    GoodTillCancel,
    ImmediateOrCancel,
    FillOrKill,
    PostOnly,
}
