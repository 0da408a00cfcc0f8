using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>A sink over a private array: for <c>decode</c> and tests, which read the committed events of the last
/// frame back through <see cref="Committed"/> instead of a ring. Only the last committed frame is kept: a session that
/// replays held deltas after a snapshot commits several frames in one call, and a reader of this sink sees the last.</summary>
public sealed class BufferedEventSink : MarketEventSink
{
    private readonly MarketEvent[] _slots = new MarketEvent[MaxEventsPerFrame];
    private int _committed;

    /// <summary>The events of the last committed frame (void ones included, kind None, after an abort).</summary>
    public ReadOnlySpan<MarketEvent> Committed => _slots.AsSpan(0, _committed);

    protected override ref MarketEvent ClaimSlot(int index, bool mayWait, out bool claimed)
    {
        _committed = 0;
        claimed = true;
        return ref _slots[index];
    }

    protected override ref MarketEvent Slot(int index) => ref _slots[index];

    protected override void PublishSlots(int count) => _committed = count;
}
