using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Okx;

/// <summary>The indexes behind the simulated swaps, one per instrument family ("BTC-USDT" is the index of
/// BTC-USDT-SWAP, as the docs spell an index the same as the uly), read every step from the scenario's index at the
/// swap's tick. Subscribed before the stream hub, so a push sees this step's price. Guarded by the exchange's Gate.</summary>
public sealed class OkxIndexTickers : IExchangeObserver
{
    private readonly SimulatedExchange _exchange;
    private readonly Dictionary<string, OkxIndexTicker> _byName = new(StringComparer.Ordinal);

    public OkxIndexTickers(SimulatedExchange exchange)
    {
        _exchange = exchange;
        lock (exchange.Gate)
            foreach (var market in exchange.Markets.Values)
            {
                // Only USDT-margined swaps are simulated, so a family names one swap; the first in scenario order wins.
                var name = OkxWire.Family(market.Spec);
                if (_byName.ContainsKey(name)) continue;
                var ticker = new OkxIndexTicker(name, market.Symbol);
                ticker.Observe(OkxWire.PriceOf(market.Point.Index, market.Spec), exchange.Now);
                _byName[name] = ticker;
            }
    }

    public IEnumerable<OkxIndexTicker> All => _byName.Values;

    public OkxIndexTicker? Find(string name) => _byName.GetValueOrDefault(name);

    public void OnStep(DateTimeOffset now)
    {
        foreach (var ticker in _byName.Values)
        {
            var market = _exchange.Markets[ticker.Symbol];
            ticker.Observe(OkxWire.PriceOf(market.Point.Index, market.Spec), now);
        }
    }

    public void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now)
    {
    }

    public void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
    }

    public void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now)
    {
    }
}
