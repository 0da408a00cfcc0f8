using FundingArb.Market;

namespace FundingArb.Tests.Decision;

public sealed class DecisionAllocationTests
{
    [Fact]
    public void Evaluating_an_event_allocates_nothing_once_warm()
    {
        var h = new DecisionHarness();
        h.ProfitablePair(); // every pair evaluated down to its books: two open, then hold RISK_LIMIT
        h.Evaluate();
        // The attempt failed: the pair cools down, and the cooldown is checked after everything else, so every event
        // walks both books, reads both depth bands, and sizes and prices the orders: the longest path.
        h.Core.OnAttemptEnded(h.TakeIntents().Single().IntentId, opened: false);
        h.Core.EvaluateAll();
        Assert.Equal(FundingArb.Decision.RejectReason.Cooldown, h.Reason(h.Binance, h.Bybit));
        var deltas = new MarketEvent[4];
        for (var i = 0; i < deltas.Length; i++)
        {
            deltas[i].Reset(MarketEventKind.BookDelta, i % 2 == 0 ? h.Bybit : h.Binance, 0);
            deltas[i].Instrument = h.Btc;
            deltas[i].Book.TryAdd(BookSideKind.Bid, Price.Parse("99999.95"), Quantity.Parse(i < 2 ? "2" : "1"));
            deltas[i].Book.TryAdd(BookSideKind.Ask, Price.Parse("100000.05"), Quantity.Parse(i < 2 ? "2" : "1"));
        }
        var funding = new MarketEvent();
        funding.Reset(MarketEventKind.Funding, h.Okx, 0);
        funding.Instrument = h.Btc;
        funding.Funding.Fields = FundingFields.Rate | FundingFields.NextFundingTime | FundingFields.IntervalHours;
        funding.Funding.Rate = FundingRate.Parse("0.0005"); // okx as ProfitablePair set it: no verdict changes
        funding.Funding.NextFundingTimeMs = DecisionHarness.Next8h;
        funding.Funding.IntervalHours = 8;
        var records = h.Records.All.Count;
        long sequence = 0;
        var n = 0;

        var bytes = SteadyStateAllocation.BytesPerRound(() =>
        {
            var now = h.Clock.GetTimestamp();
            ref var evt = ref deltas[n++ % deltas.Length];
            evt.ReceivedTimestamp = now;
            h.Core.OnEvent(ref evt, sequence++, endOfBatch: true);
            funding.ReceivedTimestamp = now;
            h.Core.OnEvent(ref funding, sequence++, endOfBatch: true);
        }, iterations: 2_000);

        Assert.Equal(0, bytes);
        Assert.True(h.Core.Evaluations > 6 * 2_000 * 4);
        Assert.Equal(records, h.Records.All.Count); // the steady state: no verdict changed, nothing to record
    }
}
