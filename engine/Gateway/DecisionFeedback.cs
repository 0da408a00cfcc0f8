using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Gateway;

/// <summary>Tells the decision core how its intents ended, through its own market ring (multi-producer): the core's state
/// belongs to its thread, so the gateway never calls it directly.</summary>
public sealed class DecisionFeedback(RingBuffer<MarketEvent> marketEvents)
{
    private long _lost;

    /// <summary>Outcomes not delivered because the market ring stayed full (the decision core had stopped).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    public void AttemptEnded(long intentId, bool opened, long timestamp) => Publish(MarketEventKind.AttemptEnded, intentId, opened, timestamp);
    public void PositionClosed(long intentId, long timestamp) => Publish(MarketEventKind.PositionClosed, intentId, false, timestamp);
    public void KillSwitchEngaged(long timestamp) => Publish(MarketEventKind.KillSwitchEngaged, 0, false, timestamp);

    private void Publish(MarketEventKind kind, long intentId, bool opened, long timestamp)
    {
        // Waits for room (an outcome must not be dropped while the core runs), but not forever: a core that has stopped
        // consuming has stopped deciding too, and the gateway must not hang on it.
        long sequence;
        var spin = new SpinWait();
        var tries = 0;
        while (!marketEvents.TryNext(out sequence))
        {
            if (++tries > 100_000)
            {
                Interlocked.Increment(ref _lost);
                return;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
        ref var evt = ref marketEvents[sequence];
        evt.Reset(kind, default, timestamp);
        evt.Outcome = new AttemptOutcome { IntentId = intentId, Opened = opened };
        marketEvents.Publish(sequence);
    }
}
