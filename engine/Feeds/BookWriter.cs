using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Writes one book frame into sink slots, opening a new part whenever a side of the current part is full.</summary>
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
    private ref MarketEvent _current;
    private int _parts;

    public BookWriter(MarketEventSink sink, MarketEventKind kind)
    {
        if (kind is not (MarketEventKind.BookSnapshot or MarketEventKind.BookDelta))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A book writer writes snapshots or deltas.");
        _sink = sink;
        _kind = kind;
        _first = sink.Count;
        _header = ref sink.Claim(kind);
        _current = ref _header;
        _parts = 1;
    }

    /// <summary>The first part: write instrument, times and sequence fields here.</summary>
    public readonly ref MarketEvent Header => ref _header;

    public readonly int Parts => _parts;

    public void Add(BookSideKind side, Price price, Quantity quantity)
    {
        if (_current.Book.TryAdd(side, price, quantity)) return;
        _current = ref _sink.Claim(_kind);
        _current.Book.Part = (ushort)_parts++;
        _current.Book.TryAdd(side, price, quantity);
    }

    /// <summary>Copies the header onto every part and links the parts; returns the number of parts.</summary>
    public readonly int Finish()
    {
        if (_parts == 1 || _sink.Overflowed) return _parts;
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
