using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Exchange;

/// <summary>A venue front end listening to the exchange. Calls come under the exchange's lock, in the order things
/// happened, so an observer must only queue what it will send and never block or call back into the exchange.</summary>
public interface IExchangeObserver
{
    /// <summary>A market step ended at <paramref name="now"/> (every <see cref="SimulatedExchange.StepInterval"/>).</summary>
    void OnStep(DateTimeOffset now);

    /// <summary>A batch of book changes is published.</summary>
    void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now);

    /// <summary>An order was accepted, filled (then <paramref name="fill"/> is set), canceled or expired.</summary>
    void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now);

    /// <summary>An account's wallet or positions changed; <paramref name="symbols"/> are the positions that changed.</summary>
    void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now);
}
