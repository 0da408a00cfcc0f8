using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The futures rules of "How to manage a local order book correctly", scenario by scenario.</summary>
public sealed class BinanceBookSyncTests
{
    private static readonly VenueId Venue = new(1);
    private static readonly InstrumentId Btc = new(1);
    private static readonly InstrumentId Eth = new(2);

    private readonly BinanceBookSync _sync = new();

    [Fact]
    public void Deltas_before_the_first_snapshot_are_buffered()
    {
        Assert.False(_sync.IsSynced(Btc));
        Expect(Delta(Btc, 157, 160, 149), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);
        Expect(Delta(Btc, 161, 165, 160), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);
        Assert.False(_sync.IsSynced(Btc));
    }

    /// <summary>Steps 3 to 6: snapshot at 100; buffered events replayed in order.</summary>
    [Fact]
    public void Buffered_events_older_than_the_snapshot_are_dropped_and_the_bridging_event_applies()
    {
        Expect(Delta(Btc, 80, 90, 70), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        Assert.True(_sync.IsSynced(Btc));

        Expect(Delta(Btc, 80, 90, 70), BookSyncVerdict.Drop, FrameIssue.OutOfOrder); // u < lastUpdateId
        Expect(Delta(Btc, 91, 99, 90), BookSyncVerdict.Drop, FrameIssue.OutOfOrder); // u < lastUpdateId
        Expect(Delta(Btc, 95, 104, 99), BookSyncVerdict.Apply, FrameIssue.None);    // U <= 100 <= u
        Expect(Delta(Btc, 107, 110, 104), BookSyncVerdict.Apply, FrameIssue.None);  // pu == previous u
        Expect(Delta(Btc, 111, 111, 110), BookSyncVerdict.Apply, FrameIssue.None);
        Assert.True(_sync.IsSynced(Btc));
    }

    [Fact]
    public void First_event_ending_exactly_at_the_snapshot_applies()
    {
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 95, 100, 90), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 103, 108, 100), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void First_event_starting_after_the_snapshot_is_a_gap()
    {
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 105, 110, 103), BookSyncVerdict.Resync, FrameIssue.SequenceGap);
        Assert.False(_sync.IsSynced(Btc));
        Expect(Delta(Btc, 111, 115, 110), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);
    }

    /// <summary>The documented example (U 157, u 160, pu 149) right after a snapshot whose lastUpdateId is 149: the
    /// event continues exactly where the snapshot ends, although U &gt; lastUpdateId. Accepted (as ccxt does).</summary>
    [Fact]
    public void First_event_whose_pu_is_the_snapshot_id_continues_it()
    {
        Expect(Snapshot(Btc, 149), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 157, 160, 149), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 163, 170, 160), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void A_pu_that_is_not_the_previous_u_is_a_gap_and_a_new_snapshot_resyncs()
    {
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 99, 104, 98), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 110, 115, 108), BookSyncVerdict.Resync, FrameIssue.SequenceGap); // pu 108 != 104
        Assert.False(_sync.IsSynced(Btc));

        Expect(Delta(Btc, 116, 120, 115), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);
        Expect(Snapshot(Btc, 118), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 116, 120, 115), BookSyncVerdict.Apply, FrameIssue.None); // replayed buffer: 116 <= 118 <= 120
        Expect(Delta(Btc, 121, 125, 120), BookSyncVerdict.Apply, FrameIssue.None);
        Assert.True(_sync.IsSynced(Btc));
    }

    [Fact]
    public void Duplicates_and_stale_events_are_dropped_and_the_book_stays_in_sync()
    {
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 99, 104, 98), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 105, 110, 104), BookSyncVerdict.Apply, FrameIssue.None);

        Expect(Delta(Btc, 105, 110, 104), BookSyncVerdict.Drop, FrameIssue.Duplicate);
        Expect(Delta(Btc, 99, 104, 98), BookSyncVerdict.Drop, FrameIssue.OutOfOrder);
        Expect(Delta(Btc, 1, 2, 0), BookSyncVerdict.Drop, FrameIssue.OutOfOrder);
        Assert.True(_sync.IsSynced(Btc));

        Expect(Delta(Btc, 111, 112, 110), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void A_snapshot_older_than_the_book_is_dropped_and_a_newer_one_re_anchors_it()
    {
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 99, 110, 98), BookSyncVerdict.Apply, FrameIssue.None);

        Expect(Snapshot(Btc, 105), BookSyncVerdict.Drop, FrameIssue.OutOfOrder);
        Expect(Delta(Btc, 111, 115, 110), BookSyncVerdict.Apply, FrameIssue.None); // unaffected

        Expect(Snapshot(Btc, 200), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 190, 199, 185), BookSyncVerdict.Drop, FrameIssue.OutOfOrder);
        Expect(Delta(Btc, 195, 205, 199), BookSyncVerdict.Apply, FrameIssue.None);
    }

    /// <summary>Partial-depth frames from the stream are top-of-book snapshots: each applies, newest wins.</summary>
    [Fact]
    public void Consecutive_stream_snapshots_each_apply()
    {
        var first = Snapshot(Btc, 390497878);
        first.Book.FirstUpdateId = 390497796;
        first.Book.PrevUpdateId = 390497794;
        Expect(first, BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Snapshot(Btc, 390497990), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Snapshot(Btc, 390497990), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Snapshot(Btc, 390497000), BookSyncVerdict.Drop, FrameIssue.OutOfOrder);
    }

    [Fact]
    public void Reset_and_invalidation_return_to_awaiting_a_snapshot()
    {
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        _sync.Reset(Btc);
        Assert.False(_sync.IsSynced(Btc));
        Expect(Delta(Btc, 99, 104, 98), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);

        Expect(Snapshot(Btc, 50), BookSyncVerdict.Apply, FrameIssue.None); // after a reset an older id is fine
        var invalidated = Event(MarketEventKind.BookInvalidated, Btc);
        Expect(invalidated, BookSyncVerdict.Apply, FrameIssue.None);
        Assert.False(_sync.IsSynced(Btc));
        Expect(Delta(Btc, 51, 60, 50), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);
    }

    [Fact]
    public void Instruments_are_sequenced_independently_and_arrays_grow()
    {
        var far = new InstrumentId(500);
        Expect(Snapshot(Btc, 100), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Eth, 1, 5, 0), BookSyncVerdict.Buffer, FrameIssue.AwaitingSnapshot);
        Expect(Snapshot(far, 7), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(far, 7, 9, 6), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(Btc, 99, 104, 98), BookSyncVerdict.Apply, FrameIssue.None);

        Assert.True(_sync.IsSynced(Btc));
        Assert.False(_sync.IsSynced(Eth));
        Assert.True(_sync.IsSynced(far));
        Assert.False(_sync.IsSynced(new InstrumentId(1000)));
        _sync.Reset(new InstrumentId(1000)); // never seen: harmless
    }

    [Fact]
    public void Non_book_events_pass_and_events_without_instrument_are_dropped()
    {
        Expect(Event(MarketEventKind.Funding, Btc), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(Delta(InstrumentId.None, 1, 2, 0), BookSyncVerdict.Drop, FrameIssue.UnknownSymbol);
        Assert.False(_sync.IsSynced(InstrumentId.None));
    }

    [Fact]
    public void Steady_state_checks_allocate_nothing()
    {
        var snapshot = Snapshot(Btc, 100);
        var delta = Delta(Btc, 99, 100, 98);
        Expect(snapshot, BookSyncVerdict.Apply, FrameIssue.None);
        Expect(delta, BookSyncVerdict.Apply, FrameIssue.None);

        // Warmed and measured over rounds (SteadyStateAllocation): a tier-up part-way through one loop is not the check's cost.
        var allocated = SteadyStateAllocation.BytesPerRound(() =>
        {
            delta.Book.PrevUpdateId = delta.Book.UpdateId;
            delta.Book.FirstUpdateId = delta.Book.UpdateId + 1;
            delta.Book.UpdateId += 3;
            if (_sync.Check(delta, out _) != BookSyncVerdict.Apply) Assert.Fail("out of sequence");
        }, iterations: 10_000);

        Assert.Equal(0, allocated);
    }

    private void Expect(in MarketEvent evt, BookSyncVerdict verdict, FrameIssue issue)
    {
        var actual = _sync.Check(evt, out var actualIssue);
        Assert.Equal((verdict, issue), (actual, actualIssue));
    }

    private static MarketEvent Event(MarketEventKind kind, InstrumentId instrument)
    {
        var e = new MarketEvent();
        e.Reset(kind, Venue, 0);
        e.Instrument = instrument;
        return e;
    }

    private static MarketEvent Snapshot(InstrumentId instrument, long lastUpdateId)
    {
        var e = Event(MarketEventKind.BookSnapshot, instrument);
        e.Book.UpdateId = lastUpdateId;
        return e;
    }

    private static MarketEvent Delta(InstrumentId instrument, long first, long last, long prev)
    {
        var e = Event(MarketEventKind.BookDelta, instrument);
        e.Book.FirstUpdateId = first;
        e.Book.UpdateId = last;
        e.Book.PrevUpdateId = prev;
        return e;
    }
}
