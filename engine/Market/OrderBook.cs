namespace FundingArb.Market;

/// <summary>An instrument's book on one venue, kept from snapshot and delta events.</summary>
/// <remarks>This type only applies levels; whether an event may be applied (sequence continuity, checksums,
/// resync after a gap) is each venue's book-sync rule in Feeds/Venues, which calls <see cref="Invalidate"/>
/// when the book can no longer be trusted.</remarks>
public sealed class OrderBook
{
    public const int DefaultCapacity = 1000;

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

    /// <summary>False until a snapshot has been applied, after <see cref="Invalidate"/>, and while the parts of a
    /// multi-part frame are still arriving.</summary>
    public bool HasSnapshot { get; private set; }
    public bool AwaitingParts { get; private set; }

    /// <summary>A book the decision core may read: synced, complete, and not crossed.</summary>
    public bool IsUsable => HasSnapshot && !AwaitingParts && !IsCrossed;

    public bool IsCrossed =>
        Bids.TryGetBest(out var bid) && Asks.TryGetBest(out var ask) && bid.Price >= ask.Price;

    public BookSide Side(BookSideKind kind) => kind == BookSideKind.Bid ? Bids : Asks;

    /// <summary>Applies a snapshot or delta event. A snapshot's first part clears the book.</summary>
    public void Apply(in MarketEvent evt)
    {
        ref readonly var book = ref evt.Book;
        switch (evt.Kind)
        {
            case MarketEventKind.BookSnapshot:
                if (book.Part == 0)
                {
                    Bids.Clear();
                    Asks.Clear();
                }
                HasSnapshot = true;
                break;
            case MarketEventKind.BookDelta:
                break;
            default:
                throw new ArgumentException($"{evt.Kind} is not a book event.", nameof(evt));
        }
        foreach (ref readonly var level in book.BidLevels) Bids.Set(level.Price, level.Quantity);
        foreach (ref readonly var level in book.AskLevels) Asks.Set(level.Price, level.Quantity);
        AwaitingParts = book.More;
        UpdateId = book.UpdateId;
        ExchangeTimeMs = evt.ExchangeTimeMs;
        ReceivedTimestamp = evt.ReceivedTimestamp;
    }

    /// <summary>Marks the book unusable until the next snapshot (a gap, a checksum mismatch, a reconnect).</summary>
    public void Invalidate()
    {
        HasSnapshot = false;
        AwaitingParts = false;
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
