using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Okx;

/// <summary>OKX's view of each account's history, kept from the exchange's events: the bills (transfers, trades,
/// funding fees) and each open position's running fee, funding and PnL tally. Subscribed before the stream hub, so a
/// push always sees the tally that includes the event it reports. All state is guarded by the exchange's Gate.</summary>
public sealed class OkxAccountLedger : IExchangeObserver
{
    private readonly SimulatedExchange _exchange;
    private readonly Dictionary<string, List<OkxBill>> _bills = [];
    private readonly Dictionary<(string Account, string Symbol), OkxPositionTally> _tallies = [];
    private long _nextBillId = 623_950_854_533_513_219;

    public OkxAccountLedger(SimulatedExchange exchange, IEnumerable<ApiCredential> credentials)
    {
        _exchange = exchange;
        foreach (var credential in credentials.Where(c => c.Venue == VenueKind.Okx))
        {
            if (!exchange.TryGetAccount(credential.ApiKey, out var account)) continue;
            foreach (var deposit in account.Income.Where(r => r.Kind == IncomeKind.Transfer))
                Add(account, new OkxBill(_nextBillId++, "", "1", "11", deposit.Amount, deposit.Amount, 0, 0, deposit.Amount, 0, 0, "", "", "", "", deposit.Time));
        }
    }

    /// <summary>The account's bills, oldest first. Caller holds the exchange's Gate.</summary>
    public IReadOnlyList<OkxBill> BillsOf(TradingAccount account) => _bills.TryGetValue(account.ApiKey, out var list) ? list : [];

    /// <summary>The tally of the account's current (or last) position in <paramref name="symbol"/>, if it ever traded it.</summary>
    public OkxPositionTally? TallyOf(TradingAccount account, string symbol) => _tallies.GetValueOrDefault((account.ApiKey, symbol));

    public void OnStep(DateTimeOffset now)
    {
    }

    public void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now)
    {
    }

    public void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
        if (fill is not { } f) return;
        var key = (account.ApiKey, order.Symbol);
        if (!_tallies.TryGetValue(key, out var tally) || tally.Closed) _tallies[key] = tally = new OkxPositionTally { CreatedAt = now };
        tally.Fee -= f.Fee;
        tally.Pnl += f.RealizedPnl;
        tally.LastTradeId = f.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        tally.Closed = account.Positions.TryGetValue(order.Symbol, out var position) && position.Quantity == 0;
        var change = Math.Round(f.RealizedPnl - f.Fee, 8);
        Add(account, new OkxBill(_nextBillId++, order.Symbol, "2", order.Side == OrderSide.Buy ? "1" : "2", change, account.WalletBalance,
            Math.Round(f.RealizedPnl, 8), -f.Fee, f.Quantity, f.Price, OkxWire.PriceOf(_exchange.MarkOf(order.Symbol), _exchange.Markets[order.Symbol].Spec),
            order.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), order.ClientOrderId, tally.LastTradeId, f.Maker ? "M" : "T", now));
    }

    public void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now)
    {
        if (cause != BalanceChange.FundingFee || account.Income.Count == 0) return;
        // The exchange records the settlement in the account's income ledger just before it tells its observers.
        var record = account.Income[^1];
        if (record.Kind != IncomeKind.FundingFee) return;
        var market = _exchange.Markets[record.Symbol];
        var quantity = account.Positions.TryGetValue(record.Symbol, out var position) ? Math.Abs(position.Quantity) : 0;
        if (_tallies.TryGetValue((account.ApiKey, record.Symbol), out var tally)) tally.FundingFee += record.Amount;
        var mark = OkxWire.PriceOf(market.FundingHistory.Count > 0 ? market.FundingHistory[^1].MarkPrice : market.Point.Mark, market.Spec);
        Add(account, new OkxBill(_nextBillId++, record.Symbol, "8", record.Amount < 0 ? "173" : "174", record.Amount, account.WalletBalance,
            record.Amount, 0, quantity, mark, mark, "", "", "", "", now));
    }

    private void Add(TradingAccount account, OkxBill bill)
    {
        if (!_bills.TryGetValue(account.ApiKey, out var list)) _bills[account.ApiKey] = list = [];
        list.Add(bill);
    }
}
