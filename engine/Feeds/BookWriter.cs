using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Writes one book frame into sink slots, opening a new part only when that side is full in every part so far.</summary>
/// <remarks>Parsers write header fields (instrument, times, sequence ids) to <see cref="Header"/> in whatever order the
/// frame carries them, add levels as they read them, and call <see cref="Finish"/> once: it copies the header onto
/// every part and marks all but the last with <see cref="BookUpdate.More"/>. A parser must not claim other events
/// between creating the writer and finishing it, so that the parts are consecutive in the sink.</remarks>
public ref struct BookWriter
{
    private readonly MarketEventSink _sink;
    private readonly MarketEventKind _kind;
    private readonly int _first;
    private ref MarketEvent _header;
    private int _parts;
    private int _bidPart; // the part the next bid goes into; bids and asks fill parts independently
    private int _askPart;

    public BookWriter(MarketEventSink sink, MarketEventKind kind)
    {
        if (kind is not (MarketEventKind.BookSnapshot or MarketEventKind.BookDelta))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A book writer writes snapshots or deltas.");
        _sink = sink;
        _kind = kind;
        _first = sink.Count;
        _header = ref sink.Claim(kind);
        _parts = 1;
    }

    /// <summary>The first part: write instrument, times and sequence fields here.</summary>
    public readonly ref MarketEvent Header => ref _header;

    public readonly int Parts => _parts;

    public void Add(BookSideKind side, Price price, Quantity quantity)
    {
        if (_sink.Refused) return; // the frame will be refused whole: stop claiming
        ref var part = ref side == BookSideKind.Bid ? ref _bidPart : ref _askPart;
        while (!Part(part).Book.TryAdd(side, price, quantity))
        {
            if (++part < _parts) continue;
            ref var added = ref _sink.Claim(_kind);
            if (_sink.Refused) return;
            added.Book.Part = (ushort)_parts++;
        }
    }

    private readonly ref MarketEvent Part(int index) => ref index == 0 ? ref _header : ref _sink[_first + index];

    /// <summary>Copies the header onto every part and links the parts; returns the number of parts.</summary>
    public readonly int Finish()
    {
        if (_parts == 1 || _sink.Refused) return _parts;
        ref readonly var header = ref _header;
        for (var i = 1; i < _parts; i++)
        {
            ref var part = ref _sink[_first + i];
            part.Instrument = header.Instrument;
            part.ExchangeTimeMs = header.ExchangeTimeMs;
            part.Book.FirstUpdateId = header.Book.FirstUpdateId;
            part.Book.UpdateId = header.Book.UpdateId;
            part.Book.PrevUpdateId = header.Book.PrevUpdateId;
            part.Book.CrossSequence = header.Book.CrossSequence;
            part.Book.Checksum = header.Book.Checksum;
            part.Book.ComputedChecksum = header.Book.ComputedChecksum;
            _sink[_first + i - 1].Book.More = true;
        }
        return _parts;
    }
}
