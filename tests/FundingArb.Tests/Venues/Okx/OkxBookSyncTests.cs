using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

public sealed class OkxBookSyncTests
{
    private static readonly InstrumentId Btc = new(1);
    private static readonly InstrumentId Eth = new(2);

    // Times: a message's ts is 100 ms × its seqId unless a test says otherwise (a replay carries its original ts).
    private static MarketEvent Snapshot(long seqId, InstrumentId? instrument = null, int checksum = 0, int computed = 0)
    {
        var e = new MarketEvent();
        e.Reset(MarketEventKind.BookSnapshot, new VenueId(1), 0);
        e.Instrument = instrument ?? Btc;
        e.ExchangeTimeMs = seqId * 100;
        e.Book.PrevUpdateId = -1;
        e.Book.UpdateId = seqId;
        e.Book.Checksum = checksum;
        e.Book.ComputedChecksum = computed;
        return e;
    }

    private static MarketEvent Update(long prevSeqId, long seqId, InstrumentId? instrument = null, long? timeMs = null)
    {
        var e = new MarketEvent();
        e.Reset(MarketEventKind.BookDelta, new VenueId(1), 0);
        e.Instrument = instrument ?? Btc;
        e.ExchangeTimeMs = timeMs ?? seqId * 100;
        e.Book.PrevUpdateId = prevSeqId;
        e.Book.UpdateId = seqId;
        return e;
    }

    private static void Expect(OkxBookSync sync, MarketEvent evt, BookSyncVerdict verdict, FrameIssue issue)
    {
        var actual = sync.Check(evt, out var actualIssue);
        Assert.Equal((verdict, issue), (actual, actualIssue));
    }

    private static long LastSeqId(OkxBookSync sync, InstrumentId instrument)
    {
        Assert.True(sync.TryGetLastSeqId(instrument, out var seqId));
        return seqId;
    }

    [Fact]
    public void DocsExampleSequence_IsAppliedThroughout_IncludingTheIdleMessageAndTheReset()
    {
        // "1. Snapshot message: prevSeqId = -1, seqId = 10 … 5. Incremental message 4 (normal update): prevSeqId = 3, seqId = 5"
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(10, 15), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(15, 15), BookSyncVerdict.Apply, FrameIssue.None); // no update
        Expect(sync, Update(15, 3), BookSyncVerdict.Apply, FrameIssue.None);  // sequence reset
        Expect(sync, Update(3, 5), BookSyncVerdict.Apply, FrameIssue.None);   // regular rule again
        Assert.True(sync.IsSynced(Btc));
        Assert.Equal(5, LastSeqId(sync, Btc));
    }

    [Fact]
    public void Fixtures_InStreamOrder_AreAllApplied()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        var sync = new OkxBookSync();
        foreach (var fixture in (string[])["ws-books-snapshot.json", "ws-books-update.json", "ws-books-idle-heartbeat.json", "ws-books-sequence-reset.json"])
        {
            Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture(fixture)));
            Expect(sync, t.Events[0], BookSyncVerdict.Apply, FrameIssue.None);
        }
        Assert.Equal(3, LastSeqId(sync, t.Btc));
    }

    [Fact]
    public void UpdatesBeforeTheFirstSnapshot_AreDroppedAwaitingIt()
    {
        var sync = new OkxBookSync();
        Expect(sync, Update(10, 15), BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot);
        Assert.False(sync.IsSynced(Btc));
        Expect(sync, Snapshot(20), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(20, 21), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void Gap_IsResync_ThenUpdatesWaitForTheSnapshot_ThatRestartsTheChain()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(10, 15), BookSyncVerdict.Apply, FrameIssue.None);

        Expect(sync, Update(16, 20), BookSyncVerdict.Resync, FrameIssue.SequenceGap); // 15 → 16 is missing
        Assert.False(sync.IsSynced(Btc));
        Expect(sync, Update(20, 25), BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot);

        Expect(sync, Snapshot(30), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(30, 31), BookSyncVerdict.Apply, FrameIssue.None);
        Assert.Equal(31, LastSeqId(sync, Btc));
    }

    [Theory]
    [InlineData(14, 20)]  // one that skips ours
    [InlineData(20, 25)]  // ahead of us
    [InlineData(16, 3)]   // a reset that does not start from our last seqId
    public void PrevSeqIdOtherThanTheLastSeqId_IsAGap(long prevSeqId, long seqId)
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(10, 15), BookSyncVerdict.Apply, FrameIssue.None);

        Expect(sync, Update(prevSeqId, seqId), BookSyncVerdict.Resync, FrameIssue.SequenceGap);
    }

    [Theory]
    [InlineData(10, 15)] // the last update again
    [InlineData(5, 10)]  // an older one
    [InlineData(10, 12)] // older, overlapping
    public void Replays_AreDroppedAsDuplicates_AndTheChainContinues(long prevSeqId, long seqId)
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(5), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(5, 10), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(10, 15), BookSyncVerdict.Apply, FrameIssue.None);

        Expect(sync, Update(prevSeqId, seqId), BookSyncVerdict.Drop, FrameIssue.Duplicate);

        Assert.True(sync.IsSynced(Btc));
        Assert.Equal(15, LastSeqId(sync, Btc));
        Expect(sync, Update(15, 20), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void RepeatedHeartbeats_AreApplied()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10), BookSyncVerdict.Apply, FrameIssue.None);
        for (var i = 0; i < 3; i++) Expect(sync, Update(10, 10), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(10, 11), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void ANewSnapshot_RestartsTheChainAtItsSeqId_AndTheOldSubscriptionsUpdatesStillInFlightAreDropped()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(10, 15), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Snapshot(100), BookSyncVerdict.Apply, FrameIssue.None); // resubscribed
        Expect(sync, Update(15, 20), BookSyncVerdict.Drop, FrameIssue.Duplicate); // older than the snapshot
        Expect(sync, Update(100, 101), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void AMissedSequenceReset_IsAGap_NotAStreamOfDuplicates()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(123456, computed: 0), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(123456, 123457, timeMs: 20_000_000), BookSyncVerdict.Apply, FrameIssue.None);
        // (123457 → 3), the reset, never arrives; the next messages have small ids but newer times
        Expect(sync, Update(3, 5, timeMs: 20_000_300), BookSyncVerdict.Resync, FrameIssue.SequenceGap);
        Assert.False(sync.IsSynced(Btc));
    }

    [Fact]
    public void AfterAReset_TheChainContinuesFromTheSmallSeqId()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(123456), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(123456, 3, timeMs: 20_000_000), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(3, 5, timeMs: 20_000_100), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(3, 5, timeMs: 20_000_100), BookSyncVerdict.Drop, FrameIssue.Duplicate);
        Expect(sync, Update(5, 9, timeMs: 20_000_200), BookSyncVerdict.Apply, FrameIssue.None);
        Assert.Equal(9, LastSeqId(sync, Btc));
    }

    [Fact]
    public void Books5Snapshots_EachApply()
    {
        var t = new OkxTestVenue();
        var sync = new OkxBookSync();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books5.json")));
            Expect(sync, t.Events[0], BookSyncVerdict.Apply, FrameIssue.None);
        }
        Assert.Equal(363996337, LastSeqId(sync, t.Bch));
    }

    [Fact]
    public void SnapshotChecksum_ThatMatchesTheComputedOne_IsApplied()
    {
        var t = new OkxTestVenue();
        var sync = new OkxBookSync();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-snapshot-checksum.json")));

        Expect(sync, t.Events[0], BookSyncVerdict.Apply, FrameIssue.None);
        Assert.Equal(10, LastSeqId(sync, t.Btc));
    }

    [Fact]
    public void SnapshotChecksum_ThatDoesNotMatch_IsResyncChecksumMismatch()
    {
        var t = new OkxTestVenue();
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(5, t.Btc), BookSyncVerdict.Apply, FrameIssue.None);
        var frame = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Venues", "Okx", "Fixtures", "ws-books-snapshot-checksum.json"))
            .Replace("-1881014294", "831078360");
        Assert.Equal(FrameResult.MarketData, t.Parse(frame));

        Expect(sync, t.Events[0], BookSyncVerdict.Resync, FrameIssue.ChecksumMismatch);
        Assert.False(sync.IsSynced(t.Btc));
        Expect(sync, Update(10, 11, t.Btc), BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot);
    }

    [Fact]
    public void ZeroChecksum_IsNotVerified()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10, checksum: 0, computed: 12345), BookSyncVerdict.Apply, FrameIssue.None);
    }

    [Fact]
    public void Reset_ForgetsTheSequence()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10), BookSyncVerdict.Apply, FrameIssue.None);
        sync.Reset(Btc);
        Assert.False(sync.IsSynced(Btc));
        Expect(sync, Update(10, 11), BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot);
        sync.Reset(new InstrumentId(5000)); // never seen: nothing to forget
        sync.Reset(InstrumentId.None);
    }

    [Fact]
    public void Instruments_AreSequencedIndependently_AndTheStateGrowsForNewOnes()
    {
        var sync = new OkxBookSync();
        var far = new InstrumentId(700);
        Expect(sync, Snapshot(10, Btc), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Snapshot(500, far), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(500, 501, far), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(10, 11, Btc), BookSyncVerdict.Apply, FrameIssue.None);
        Expect(sync, Update(1, 2, Eth), BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot);
        Expect(sync, Update(600, 610, far), BookSyncVerdict.Resync, FrameIssue.SequenceGap);
        Assert.True(sync.IsSynced(Btc));
        Assert.False(sync.IsSynced(far));
        Assert.False(sync.IsSynced(new InstrumentId(9999)));
    }

    [Fact]
    public void BookInvalidated_ForgetsTheSequence_AndNonBookEventsAreRefused()
    {
        var sync = new OkxBookSync();
        Expect(sync, Snapshot(10), BookSyncVerdict.Apply, FrameIssue.None);
        var invalidated = new MarketEvent();
        invalidated.Reset(MarketEventKind.BookInvalidated, new VenueId(1), 0);
        invalidated.Instrument = Btc;
        Expect(sync, invalidated, BookSyncVerdict.Apply, FrameIssue.None);
        Assert.False(sync.IsSynced(Btc));

        var funding = new MarketEvent();
        funding.Reset(MarketEventKind.Funding, new VenueId(1), 0);
        funding.Instrument = Btc;
        Expect(sync, funding, BookSyncVerdict.Drop, FrameIssue.UnexpectedShape);
        Expect(sync, Update(10, 11, InstrumentId.None), BookSyncVerdict.Drop, FrameIssue.UnknownSymbol);
    }

    [Fact]
    public void SteadyStateChecks_AllocateNothing()
    {
        var sync = new OkxBookSync();
        var snapshot = Snapshot(0);
        var update = Update(0, 0);
        sync.Check(snapshot, out _);
        long seq = 0;
        for (var i = 0; i < 100; i++) Step();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Step()
        {
            update.Book.PrevUpdateId = seq;
            update.Book.UpdateId = ++seq;
            if (sync.Check(update, out _) != BookSyncVerdict.Apply) throw new InvalidOperationException();
        }
    }
}
