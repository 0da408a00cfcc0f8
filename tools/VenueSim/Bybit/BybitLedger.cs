using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Bybit;

/// <summary>The Bybit view of each account's history, kept from the exchange's events: the transaction log (trades,
/// funding settlements, the starting transfer), the executions (trades and funding, as the trade history lists them) and
/// realized PnL per symbol with fees and funding in it, as Bybit counts it (the core's ledger keeps gross PnL, fees and
/// funding apart). Subscribed before the stream hubs, so their frames
/// read it up to date. Guarded by the exchange's <see cref="SimulatedExchange.Gate"/>: readers hold it.</summary>
public sealed class BybitLedger(SimulatedExchange exchange, BybitIds ids) : IExchangeObserver
{
    private readonly Dictionary<string, AccountHistory> _accounts = [];

    /// <summary>The account's log, oldest first.</summary>
    public IReadOnlyList<BybitTransaction> Transactions(TradingAccount account) => HistoryOf(account).Log;

    /// <summary>The account's executions, oldest first.</summary>
    public IReadOnlyList<BybitExecution> Executions(TradingAccount account) => HistoryOf(account).Executions;

    public BybitRealizedPnl Realized(TradingAccount account, string symbol) => RealizedOf(HistoryOf(account), symbol);

    public decimal TotalRealized(TradingAccount account) => HistoryOf(account).Realized.Values.Sum(r => r.Cumulative);

    /// <summary>The account's last funding line; only meaningful right after a <see cref="BalanceChange.FundingFee"/> event.</summary>
    public BybitTransaction LastSettlement(TradingAccount account) => HistoryOf(account).Log.Last(t => t.Type == "SETTLEMENT");

    public void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
        if (fill is not { } f) return;
        var history = HistoryOf(account);
        var spec = exchange.Markets[order.Symbol].Spec;
        var after = account.Positions[order.Symbol].Quantity;
        var before = after - (order.Side == OrderSide.Buy ? f.Quantity : -f.Quantity);
        var realized = RealizedOf(history, order.Symbol);
        if (before == 0 || (after != 0 && Math.Sign(after) != Math.Sign(before))) realized.Current = 0; // a new position
        if (realized.CreatedAt == default) realized.CreatedAt = now;
        realized.Cumulative += f.RealizedPnl - f.Fee;
        realized.Current += f.RealizedPnl - f.Fee;
        realized.Sequence = f.TradeId;
        history.Executions.Add(BybitExecution.Trade(ids.Execution(f.TradeId), order.Snapshot(), f, before, exchange.MarkOf(order.Symbol)));
        history.Log.Add(new BybitTransaction(
            $"{BybitIds.UserId(account.ApiKey)}_{order.Symbol}_{f.TradeId}", order.Symbol, BybitWire.Side(order.Side), now, "TRADE",
            f.Quantity, after, f.Price, null, f.Fee, f.RealizedPnl, account.WalletBalance,
            f.Maker ? spec.MakerFeeRate : spec.TakerFeeRate, ids.Execution(f.TradeId), ids.Order(order.OrderId), order.ClientOrderId));
    }

    public void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now)
    {
        if (cause != BalanceChange.FundingFee) return;
        // The core files the settlement's income line, then tells observers; the line names the symbol the event does not.
        var income = account.Income[^1];
        var market = exchange.Markets[income.Symbol];
        var settlement = market.FundingHistory[^1];
        var size = account.Positions[income.Symbol].Quantity;
        var history = HistoryOf(account);
        var realized = RealizedOf(history, income.Symbol);
        realized.Cumulative += income.Amount;
        realized.Current += income.Amount;
        var line = new BybitTransaction(
            $"{BybitIds.UserId(account.ApiKey)}_{income.Symbol}_{income.TransactionId}", income.Symbol, size > 0 ? "Buy" : "Sell", now, "SETTLEMENT",
            Math.Abs(size), size, settlement.MarkPrice, income.Amount, 0, 0, account.WalletBalance,
            size > 0 ? settlement.Rate : -settlement.Rate, ids.Funding(account.ApiKey, income.Symbol, settlement.Time), "", "");
        history.Log.Add(line);
        history.Executions.Add(BybitExecution.Funding(line));
    }

    public void OnStep(DateTimeOffset now)
    {
    }

    public void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now)
    {
    }

    private AccountHistory HistoryOf(TradingAccount account)
    {
        if (_accounts.TryGetValue(account.ApiKey, out var history)) return history;
        history = new AccountHistory();
        // The starting deposit predates every event: take it from the core's ledger on first sight of the account.
        var balance = 0m;
        foreach (var transfer in account.Income.Where(i => i.Kind == IncomeKind.Transfer))
        {
            balance += transfer.Amount;
            history.Log.Add(new BybitTransaction(
                $"{BybitIds.UserId(account.ApiKey)}__{transfer.TransactionId}", "", "None", transfer.Time, "TRANSFER_IN",
                0, 0, 0, null, 0, transfer.Amount, balance, 0, "", "", ""));
        }
        _accounts[account.ApiKey] = history;
        return history;
    }

    private static BybitRealizedPnl RealizedOf(AccountHistory history, string symbol)
    {
        if (!history.Realized.TryGetValue(symbol, out var realized)) history.Realized[symbol] = realized = new BybitRealizedPnl();
        return realized;
    }

    private sealed class AccountHistory
    {
        public List<BybitTransaction> Log { get; } = [];
        public List<BybitExecution> Executions { get; } = [];
        public Dictionary<string, BybitRealizedPnl> Realized { get; } = [];
    }
}
