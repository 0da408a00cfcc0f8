namespace FundingArb.VenueSim.Accounts;

/// <summary>One change of an account's wallet balance with its cause: the ledger behind income/bills endpoints.
/// <see cref="Amount"/> is signed from the account's side (a funding fee paid is negative).</summary>
public sealed record IncomeRecord(long TransactionId, string Symbol, IncomeKind Kind, decimal Amount, string Asset, DateTimeOffset Time, string TradeId);
