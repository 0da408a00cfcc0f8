namespace FundingArb.VenueSim.Okx;

/// <summary>What OKX accumulates over the life of one position (from the fill that opens it until it is closed):
/// fees (negative = paid), funding fees, closing PnL, and the last trade id.</summary>
public sealed class OkxPositionTally
{
    public required DateTimeOffset CreatedAt { get; init; }
    public decimal Fee { get; set; }
    public decimal FundingFee { get; set; }
    public decimal Pnl { get; set; }
    public string LastTradeId { get; set; } = "";
    /// <summary>The position went flat: the next fill opens a new position with a new tally.</summary>
    public bool Closed { get; set; }

    /// <summary>realizedPnl = pnl + fee + fundingFee (+ liquidation penalty and settled PnL, which are 0 here).</summary>
    public decimal RealizedPnl => Pnl + Fee + FundingFee;
}
