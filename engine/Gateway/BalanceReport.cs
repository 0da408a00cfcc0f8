using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One asset's balance as a query returns it: wallet balance and what is available for new margin.</summary>
public sealed record BalanceReport(string Asset, Quantity WalletBalance, Quantity AvailableBalance, long UpdateTimeMs);
