namespace FundingArb.VenueSim.Bybit;

/// <summary>One line of the unified account's transaction log (docs/v5/account/transaction-log): a trade, a funding
/// settlement or the starting transfer. <see cref="Funding"/> is positive when received and null on other lines;
/// <see cref="Fee"/> is positive when paid; <see cref="Size"/> is the signed position after the line.</summary>
public sealed record BybitTransaction(
    string Id,
    string Symbol,
    string Side,
    DateTimeOffset Time,
    string Type,
    decimal Quantity,
    decimal Size,
    decimal TradePrice,
    decimal? Funding,
    decimal Fee,
    decimal CashFlow,
    decimal CashBalance,
    decimal FeeRate,
    string TradeId,
    string OrderId,
    string OrderLinkId)
{
    /// <summary>The docs' definition: change = cashFlow + funding − fee.</summary>
    public decimal Change => CashFlow + (Funding ?? 0) - Fee;
}
