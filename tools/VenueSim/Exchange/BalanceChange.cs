namespace FundingArb.VenueSim.Exchange;

/// <summary>Why an account's balance or positions changed, as the private streams report it.</summary>
public enum BalanceChange
{
    Order,
    FundingFee,
}
