namespace FundingArb.VenueSim.Matching;

/// <summary>One execution of an order: price, quantity (venue units), fee charged (positive = paid) and realized PnL
/// of the part that reduced a position.</summary>
public readonly record struct Fill(long TradeId, decimal Price, decimal Quantity, decimal Fee, bool Maker, decimal RealizedPnl, DateTimeOffset Time);
