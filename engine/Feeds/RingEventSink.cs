using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Feeds;

/// <summary>A sink that claims slots straight from the market-data ring: parsers write in place, nothing is copied.</summary>
/// <remarks>One per receiving thread. On a multi-producer ring a frame's slots need not be contiguous, so each
/// claimed sequence is remembered and published in claim order.</remarks>
public sealed class RingEventSink(RingBuffer<MarketEvent> ring) : MarketEventSink
{
    private readonly long[] _sequences = new long[MaxEventsPerFrame];

    protected override ref MarketEvent ClaimSlot(int index, bool mayWait, out bool claimed)
    {
        long sequence;
        if (mayWait) sequence = ring.Next();
        else if (!ring.TryNext(out sequence))
        {
            claimed = false;
            return ref ring[0]; // not ours: the caller uses its scratch slot
        }
        claimed = true;
        _sequences[index] = sequence;
        return ref ring[sequence];
    }

    protected override ref MarketEvent Slot(int index) => ref ring[_sequences[index]];

    protected override void PublishSlots(int count)
    {
        for (var i = 0; i < count; i++) ring.Publish(_sequences[i]);
    }
}
