namespace FundingArb.VenueSim.Accounts;

public enum IncomeKind
{
    /// <summary>The starting deposit of a simulated account.</summary>
    Transfer,
    RealizedPnl,
    FundingFee,
    Commission,
}
