namespace FundingArb.VenueSim.Okx;

/// <summary>One entry of GET /api/v5/account/bills: a change of the account's USDT balance with its cause. Bill type 1
/// is a transfer, 2 a trade (subType 1 buy, 2 sell), 8 a funding fee (subType 173 paid, 174 received). Prices are kept
/// as printed: the mark at the instrument's tick.</summary>
public sealed record OkxBill(
    long BillId,
    string Symbol,
    string Type,
    string SubType,
    decimal BalanceChange,
    decimal Balance,
    decimal Pnl,
    decimal Fee,
    decimal Size,
    decimal Price,
    decimal MarkPrice,
    string OrderId,
    string ClientOrderId,
    string TradeId,
    string ExecType,
    DateTimeOffset Time);
