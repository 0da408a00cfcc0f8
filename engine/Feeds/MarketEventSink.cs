using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Where a parser writes the events of one frame: slots claimed in advance and filled in place.</summary>
/// <remarks>
/// The feed calls <see cref="Begin"/>, the venue parser <see cref="Claim"/>s a slot per event (and per part of
/// a book too large for one slot), then the feed <see cref="Commit"/>s them all, or <see cref="Abort"/>s them all
/// if the frame turned out bad. An aborted slot is published void (<see cref="MarketEventKind.None"/>), so a
/// half-written event never reaches a consumer. At most <see cref="MaxEventsPerFrame"/> slots per frame: beyond
/// that <see cref="Claim"/> hands out a scratch slot and sets <see cref="Overflowed"/>, and the frame is refused. Only
/// a frame's first claim may wait for space: a producer holding unpublished slots must never wait for more (on a shared
/// ring the consumer cannot pass its unpublished slot, so that wait could be forever); when later claims find no room,
/// <see cref="RingFull"/> is set and the frame is dropped instead.
/// </remarks>
public abstract class MarketEventSink
{
    public const int MaxEventsPerFrame = 64;

    private MarketEvent _scratch;
    private VenueId _venue;
    private long _receivedTimestamp;

    /// <summary>Slots claimed for the current frame.</summary>
    public int Count { get; private set; }
    public bool Overflowed { get; private set; }
    public bool RingFull { get; private set; }

    /// <summary>The frame can no longer be published whole; parsers and writers may stop claiming.</summary>
    public bool Refused => Overflowed || RingFull;
    public VenueId Venue => _venue;
    public long ReceivedTimestamp => _receivedTimestamp;

    /// <summary>The <paramref name="index"/>-th slot claimed for the current frame.</summary>
    public ref MarketEvent this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref Slot(index);
        }
    }

    public void Begin(VenueId venue, long receivedTimestamp)
    {
        if (Count != 0) throw new InvalidOperationException("The previous frame was neither committed nor aborted.");
        _venue = venue;
        _receivedTimestamp = receivedTimestamp;
        Overflowed = false;
        RingFull = false;
    }

    /// <summary>A slot for one event of the current frame, reset to <paramref name="kind"/>, venue and receive time.</summary>
    public ref MarketEvent Claim(MarketEventKind kind)
    {
        if (Count == MaxEventsPerFrame || RingFull)
        {
            Overflowed |= !RingFull;
            _scratch.Reset(kind, _venue, _receivedTimestamp);
            return ref _scratch;
        }
        ref var slot = ref ClaimSlot(Count, mayWait: Count == 0, out var claimed);
        if (!claimed)
        {
            RingFull = true;
            _scratch.Reset(kind, _venue, _receivedTimestamp);
            return ref _scratch;
        }
        Count++;
        slot.Reset(kind, _venue, _receivedTimestamp);
        return ref slot;
    }

    /// <summary>Publishes every slot claimed for the frame; void ones (kind None) are skipped by consumers.</summary>
    public void Commit()
    {
        PublishSlots(Count);
        Count = 0;
    }

    /// <summary>Voids every slot claimed for the frame and publishes them void.</summary>
    public void Abort()
    {
        for (var i = 0; i < Count; i++) Slot(i).Kind = MarketEventKind.None;
        Commit();
    }

    /// <summary>Claims storage for the <paramref name="index"/>-th slot of the frame; waits for space only if
    /// <paramref name="mayWait"/>, otherwise returns with <paramref name="claimed"/> false when there is none.</summary>
    protected abstract ref MarketEvent ClaimSlot(int index, bool mayWait, out bool claimed);

    /// <summary>The storage claimed as the <paramref name="index"/>-th slot of the frame.</summary>
    protected abstract ref MarketEvent Slot(int index);

    /// <summary>Makes the first <paramref name="count"/> claimed slots visible, in claim order.</summary>
    protected abstract void PublishSlots(int count);
}
