namespace FundingArb.Market;

/// <summary>An instrument's book on one venue, kept from snapshot and delta events.</summary>
/// <remarks>This type only applies levels; whether an event may be applied (sequence continuity, checksums,
/// resync after a gap) is each venue's book-sync rule, run by the feed before the event is published. What this type
/// does guard is the one thing only it can see: a frame split into parts must arrive whole and in order, with
/// nothing between its parts; otherwise the book is invalidated rather than left half-built.</remarks>
public sealed class OrderBook
{
    public const int DefaultCapacity = 1000;

    private int _expectedPart;          // the next part of a multi-part frame; 0 when no frame is open
    private MarketEventKind _openKind;  // kind of the frame whose parts are arriving
    private long _openUpdateId;

    public OrderBook(int capacityPerSide = DefaultCapacity)
    {
        Bids = new BookSide(BookSideKind.Bid, capacityPerSide);
        Asks = new BookSide(BookSideKind.Ask, capacityPerSide);
    }

    public BookSide Bids { get; }
    public BookSide Asks { get; }

    /// <summary>The venue's update id of the last event applied (see <see cref="BookUpdate.UpdateId"/>).</summary>
    public long UpdateId { get; private set; }
    public long ExchangeTimeMs { get; private set; }
    public long ReceivedTimestamp { get; private set; }

    /// <summary>A whole snapshot has been applied since the book was last invalidated.</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>Some but not all parts of a frame have been applied.</summary>
    public bool AwaitingParts => _expectedPart != 0;

    /// <summary>A book the decision core may read: synced, complete, and not crossed.</summary>
    public bool IsUsable => HasSnapshot && !AwaitingParts && !IsCrossed;

    public bool IsCrossed =>
        Bids.TryGetBest(out var bid) && Asks.TryGetBest(out var ask) && bid.Price >= ask.Price;

    public BookSide Side(BookSideKind kind) => kind == BookSideKind.Bid ? Bids : Asks;

    /// <summary>Applies a snapshot, delta or invalidation event. A snapshot's first part clears the book.</summary>
    public BookApplyResult Apply(in MarketEvent evt)
    {
        ref readonly var book = ref evt.Book;
        switch (evt.Kind)
        {
            case MarketEventKind.BookInvalidated:
                Invalidate();
                return BookApplyResult.Invalidated;
            case MarketEventKind.BookSnapshot or MarketEventKind.BookDelta:
                break;
            default:
                throw new ArgumentException($"{evt.Kind} is not a book event.", nameof(evt));
        }

        if (AwaitingParts
            ? book.Part != _expectedPart || evt.Kind != _openKind || book.UpdateId != _openUpdateId
            : book.Part != 0)
        {
            Invalidate();
            return BookApplyResult.PartsBroken;
        }
        if (evt.Kind == MarketEventKind.BookDelta && !HasSnapshot && !(AwaitingParts && _openKind == MarketEventKind.BookSnapshot))
            return BookApplyResult.IgnoredNoSnapshot;

        if (book.Part == 0)
        {
            if (evt.Kind == MarketEventKind.BookSnapshot)
            {
                Bids.Clear();
                Asks.Clear();
                HasSnapshot = false; // until its last part
            }
            _openKind = evt.Kind;
            _openUpdateId = book.UpdateId;
        }
        foreach (ref readonly var level in book.BidLevels) Bids.Set(level.Price, level.Quantity);
        foreach (ref readonly var level in book.AskLevels) Asks.Set(level.Price, level.Quantity);
        _expectedPart = book.More ? book.Part + 1 : 0;
        if (!book.More && evt.Kind == MarketEventKind.BookSnapshot) HasSnapshot = true;
        UpdateId = book.UpdateId;
        ExchangeTimeMs = evt.ExchangeTimeMs;
        ReceivedTimestamp = evt.ReceivedTimestamp;
        return BookApplyResult.Applied;
    }

    /// <summary>Marks the book unusable until the next snapshot (a gap, a checksum mismatch, a reconnect).</summary>
    public void Invalidate()
    {
        HasSnapshot = false;
        _expectedPart = 0;
        Bids.Clear();
        Asks.Clear();
    }

    /// <summary>Mid price from the best bid and ask; false when either side is empty.</summary>
    public bool TryGetMid(out double mid)
    {
        if (Bids.TryGetBest(out var bid) && Asks.TryGetBest(out var ask))
        {
            mid = (bid.Price.ToDouble() + ask.Price.ToDouble()) / 2;
            return true;
        }
        mid = 0;
        return false;
    }
}
