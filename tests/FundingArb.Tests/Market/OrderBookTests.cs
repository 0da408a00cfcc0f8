using FundingArb.Market;

namespace FundingArb.Tests.Market;

public class OrderBookTests
{
    private static Price P(long whole) => new(whole * Price.One);
    private static Quantity Q(long whole) => new(whole * Quantity.One);

    private static MarketEvent Book(MarketEventKind kind, long updateId, (long price, long qty)[] bids, (long price, long qty)[] asks,
        ushort part = 0, bool more = false)
    {
        var evt = new MarketEvent();
        evt.Reset(kind, new VenueId(1), receivedTimestamp: 42);
        evt.ExchangeTimeMs = 1_700_000_000_000 + updateId;
        evt.Book.UpdateId = updateId;
        evt.Book.Part = part;
        evt.Book.More = more;
        foreach (var (price, qty) in bids) Assert.True(evt.Book.TryAdd(BookSideKind.Bid, P(price), Q(qty)));
        foreach (var (price, qty) in asks) Assert.True(evt.Book.TryAdd(BookSideKind.Ask, P(price), Q(qty)));
        return evt;
    }

    [Fact]
    public void A_snapshot_replaces_the_book_and_deltas_merge_onto_it()
    {
        var book = new OrderBook(capacityPerSide: 100);
        Assert.False(book.IsUsable);

        book.Apply(Book(MarketEventKind.BookSnapshot, 10, [(99, 1), (98, 2)], [(101, 1), (102, 2)]));
        Assert.True(book.IsUsable);
        Assert.Equal(10, book.UpdateId);
        Assert.True(book.TryGetMid(out var mid));
        Assert.Equal(100.0, mid, 9);

        book.Apply(Book(MarketEventKind.BookDelta, 11, [(99, 0), (100, 5)], [(102, 7)]));
        Assert.Equal(P(100), book.Bids[0].Price);
        Assert.Equal(P(98), book.Bids[1].Price);
        Assert.Equal(2, book.Bids.Count);
        Assert.Equal(Q(7), book.Asks.QuantityAt(P(102)));
        Assert.Equal(11, book.UpdateId);
        Assert.Equal(1_700_000_000_011, book.ExchangeTimeMs);

        book.Apply(Book(MarketEventKind.BookSnapshot, 20, [(90, 1)], [(95, 1)]));
        Assert.Equal(1, book.Bids.Count);
        Assert.Equal(1, book.Asks.Count);
        Assert.Equal(P(90), book.Bids[0].Price);
    }

    [Fact]
    public void A_snapshot_in_parts_is_unusable_until_its_last_part_and_later_parts_do_not_clear_earlier_ones()
    {
        var book = new OrderBook(capacityPerSide: 100);
        book.Apply(Book(MarketEventKind.BookSnapshot, 5, [(99, 1)], [(101, 1)], part: 0, more: true));
        Assert.False(book.IsUsable);
        book.Apply(Book(MarketEventKind.BookSnapshot, 5, [(98, 1)], [(102, 1)], part: 1, more: true));
        Assert.False(book.IsUsable);
        book.Apply(Book(MarketEventKind.BookSnapshot, 5, [(97, 1)], [], part: 2, more: false));
        Assert.True(book.IsUsable);
        Assert.Equal(3, book.Bids.Count);
        Assert.Equal(2, book.Asks.Count);
    }

    [Fact]
    public void A_crossed_book_is_not_usable()
    {
        var book = new OrderBook(capacityPerSide: 10);
        book.Apply(Book(MarketEventKind.BookSnapshot, 1, [(100, 1)], [(101, 1)]));
        Assert.True(book.IsUsable);
        book.Apply(Book(MarketEventKind.BookDelta, 2, [(101, 1)], []));
        Assert.True(book.IsCrossed);
        Assert.False(book.IsUsable);
    }

    [Fact]
    public void Invalidate_empties_the_book_until_the_next_snapshot()
    {
        var book = new OrderBook(capacityPerSide: 10);
        book.Apply(Book(MarketEventKind.BookSnapshot, 1, [(100, 1)], [(101, 1)]));
        book.Invalidate();
        Assert.False(book.IsUsable);
        Assert.True(book.Bids.IsEmpty);

        Assert.Equal(BookApplyResult.IgnoredNoSnapshot, book.Apply(Book(MarketEventKind.BookDelta, 2, [(100, 1)], [(101, 1)])));
        Assert.False(book.IsUsable); // a delta alone does not re-sync the book
        Assert.True(book.Bids.IsEmpty);
        book.Apply(Book(MarketEventKind.BookSnapshot, 3, [(100, 1)], [(101, 1)]));
        Assert.True(book.IsUsable);
    }

    [Fact]
    public void The_last_part_of_a_snapshot_whose_first_part_was_lost_does_not_make_the_book_usable()
    {
        var book = new OrderBook(capacityPerSide: 100);
        book.Apply(Book(MarketEventKind.BookSnapshot, 5, [(99, 1)], [(101, 1)], part: 0, more: true));
        book.Apply(new MarketEvent { Kind = MarketEventKind.BookInvalidated });
        Assert.Equal(BookApplyResult.PartsBroken, book.Apply(Book(MarketEventKind.BookSnapshot, 5, [(98, 1)], [], part: 1, more: false)));
        Assert.False(book.IsUsable);
        Assert.True(book.Bids.IsEmpty);
    }

    [Fact]
    public void Anything_between_the_parts_of_a_snapshot_invalidates_the_book()
    {
        var book = new OrderBook(capacityPerSide: 100);
        book.Apply(Book(MarketEventKind.BookSnapshot, 5, [(99, 1)], [(101, 1)], part: 0, more: true));
        Assert.Equal(BookApplyResult.PartsBroken, book.Apply(Book(MarketEventKind.BookDelta, 6, [(99, 2)], [])));
        Assert.False(book.IsUsable);
        Assert.False(book.AwaitingParts);

        book.Apply(Book(MarketEventKind.BookSnapshot, 7, [(99, 1)], [(101, 1)], part: 0, more: true));
        Assert.Equal(BookApplyResult.PartsBroken, book.Apply(Book(MarketEventKind.BookSnapshot, 7, [(98, 1)], [], part: 2, more: false)));
        Assert.False(book.IsUsable);

        book.Apply(Book(MarketEventKind.BookSnapshot, 8, [(99, 1)], [(101, 1)], part: 0, more: true));
        Assert.Equal(BookApplyResult.PartsBroken, book.Apply(Book(MarketEventKind.BookSnapshot, 9, [(98, 1)], [], part: 1, more: false)));
        Assert.False(book.IsUsable);
    }

    [Fact]
    public void A_delta_in_parts_applies_whole_and_leaves_the_book_usable()
    {
        var book = new OrderBook(capacityPerSide: 100);
        book.Apply(Book(MarketEventKind.BookSnapshot, 1, [(99, 1)], [(101, 1)]));
        Assert.Equal(BookApplyResult.Applied, book.Apply(Book(MarketEventKind.BookDelta, 2, [(98, 1)], [], part: 0, more: true)));
        Assert.False(book.IsUsable);
        Assert.Equal(BookApplyResult.Applied, book.Apply(Book(MarketEventKind.BookDelta, 2, [(97, 1)], [(102, 1)], part: 1, more: false)));
        Assert.True(book.IsUsable);
        Assert.Equal(3, book.Bids.Count);
    }

    [Fact]
    public void A_funding_event_is_not_applied_to_a_book()
    {
        var evt = new MarketEvent();
        evt.Reset(MarketEventKind.Funding, new VenueId(1), 0);
        Assert.Throws<ArgumentException>(() => new OrderBook(10).Apply(evt));
    }

    [Fact]
    public void Reset_clears_what_the_previous_event_in_the_slot_left()
    {
        var evt = Book(MarketEventKind.BookSnapshot, 9, [(1, 1), (2, 2)], [(3, 3)], part: 4, more: true);
        evt.Funding.Fields = FundingFields.Rate;
        evt.Reset(MarketEventKind.BookDelta, new VenueId(2), 7);
        Assert.Equal(0, evt.Book.BidCount + evt.Book.AskCount);
        Assert.True(evt.Book.BidLevels.IsEmpty);
        Assert.Equal(0, evt.Book.UpdateId);
        Assert.Equal(0, evt.Book.Part);
        Assert.False(evt.Book.More);
        Assert.Equal(FundingFields.None, evt.Funding.Fields);
        Assert.Equal(new VenueId(2), evt.Venue);
        Assert.Equal(7, evt.ReceivedTimestamp);
    }

    [Fact]
    public void A_part_holds_at_most_the_inline_capacity_per_side()
    {
        var evt = new MarketEvent();
        evt.Reset(MarketEventKind.BookSnapshot, new VenueId(1), 0);
        for (var i = 0; i < BookLevels.Capacity; i++) Assert.True(evt.Book.TryAdd(BookSideKind.Ask, P(100 + i), Q(1)));
        Assert.False(evt.Book.TryAdd(BookSideKind.Ask, P(1000), Q(1)));
        Assert.True(evt.Book.TryAdd(BookSideKind.Bid, P(99), Q(1)));
        Assert.Equal(BookLevels.Capacity, evt.Book.AskLevels.Length);
        Assert.Equal(P(100 + BookLevels.Capacity - 1), evt.Book.AskLevels[^1].Price);
    }
}
