using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Book deltas held for one instrument while its snapshot is on the way (Binance buffers the diff stream
/// until the REST snapshot answers). Bounded: when full the oldest event goes — all its parts, never part of one —
/// as the snapshot will be newer than it.</summary>
internal sealed class PendingBookEvents
{
    public const int Capacity = 64; // a REST snapshot round trip spans a few 100 ms deltas

    private readonly MarketEvent[] _events = new MarketEvent[Capacity];
    private int _start;

    public int Count { get; private set; }

    public void Add(in MarketEvent evt)
    {
        if (Count == Capacity)
        {
            do
            {
                _start = (_start + 1) % Capacity;
                Count--;
            } while (Count > 0 && this[0].Book.Part != 0);
        }
        _events[(_start + Count) % Capacity] = evt;
        Count++;
    }

    public ref readonly MarketEvent this[int index] => ref _events[(_start + index) % Capacity];

    public void Clear()
    {
        _start = 0;
        Count = 0;
    }
}
