namespace FundingArb.VenueSim.Exchange;

/// <summary>One settlement that happened: the rate paid at <see cref="Time"/> and the mark price it was applied at.</summary>
public sealed record FundingRecord(string Symbol, decimal Rate, DateTimeOffset Time, decimal MarkPrice);
