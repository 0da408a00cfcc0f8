namespace FundingArb.VenueSim.Bybit;

/// <summary>What Bybit reports as realized on one symbol: PnL of closing trades less every trading fee, plus funding
/// received (less funding paid). <see cref="Current"/> counts since the position now held was opened.</summary>
public sealed class BybitRealizedPnl
{
    public decimal Cumulative { get; set; }
    public decimal Current { get; set; }
    /// <summary>Cross sequence of the last fill (its trade id); −1 when the symbol was never traded, as documented.</summary>
    public long Sequence { get; set; } = -1;
    /// <summary>When a position was first opened on the symbol.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
