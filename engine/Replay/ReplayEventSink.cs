using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Replay;

/// <summary>Hands each published frame's events straight to the decision core, on the replaying thread: replay needs
/// no ring, and without one the order of events, and so every decision, is fixed by the capture alone.</summary>
internal sealed class ReplayEventSink(DecisionCore core) : MarketEventSink
{
    private readonly MarketEvent[] _slots = new MarketEvent[MaxEventsPerFrame];
    private long _sequence;

    protected override ref MarketEvent ClaimSlot(int index, bool mayWait, out bool claimed)
    {
        claimed = true;
        return ref _slots[index];
    }

    protected override ref MarketEvent Slot(int index) => ref _slots[index];

    protected override void PublishSlots(int count)
    {
        // The batch ends with the capture line, not the frame: the driver evaluates once all of a line's frames are in.
        for (var i = 0; i < count; i++) core.OnEvent(ref _slots[i], _sequence++, endOfBatch: false);
    }
}
