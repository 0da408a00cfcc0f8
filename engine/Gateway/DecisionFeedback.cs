using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Gateway;

/// <summary>Tells the decision core how its intents ended, through its own market ring (multi-producer): the core's state
/// belongs to its thread, so the gateway never calls it directly.</summary>
public sealed class DecisionFeedback(RingBuffer<MarketEvent> marketEvents)
{
    public void AttemptEnded(long intentId, bool opened, long timestamp) => Publish(MarketEventKind.AttemptEnded, intentId, opened, timestamp);
    public void PositionClosed(long intentId, long timestamp) => Publish(MarketEventKind.PositionClosed, intentId, false, timestamp);
    public void KillSwitchEngaged(long timestamp) => Publish(MarketEventKind.KillSwitchEngaged, 0, false, timestamp);

    private void Publish(MarketEventKind kind, long intentId, bool opened, long timestamp)
    {
        var sequence = marketEvents.Next(); // waits for room: an outcome must never be dropped
        ref var evt = ref marketEvents[sequence];
        evt.Reset(kind, default, timestamp);
        evt.Outcome = new AttemptOutcome { IntentId = intentId, Opened = opened };
        marketEvents.Publish(sequence);
    }
}
