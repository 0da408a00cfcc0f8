using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Bybit;

/// <summary>One execution of an account as Get Trade History lists it (docs/v5/order/execution), frozen when it happened:
/// a trade (<see cref="Order"/> as it stood after the fill, the position before it and the mark then), or a funding
/// settlement (<see cref="Settlement"/>, the ledger's SETTLEMENT line). The same execution the private stream pushed:
/// same <see cref="ExecId"/>, same fields.</summary>
public sealed record BybitExecution(
    string ExecId,
    string ExecType,
    string Symbol,
    DateTimeOffset Time,
    SimulatedOrder? Order,
    Fill? Fill,
    decimal PositionBefore,
    decimal MarkPrice,
    BybitTransaction? Settlement)
{
    public static BybitExecution Trade(string execId, SimulatedOrder order, Fill fill, decimal positionBefore, decimal markPrice) =>
        new(execId, "Trade", order.Symbol, fill.Time, order, fill, positionBefore, markPrice, null);

    public static BybitExecution Funding(BybitTransaction settlement) =>
        new(settlement.TradeId, "Funding", settlement.Symbol, settlement.Time, null, null, 0, settlement.TradePrice, settlement);
}
