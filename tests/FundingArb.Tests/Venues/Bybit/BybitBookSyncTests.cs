using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>Bybit's sequencing: snapshots reset, deltas chain by <c>u</c> + 1, <c>seq</c> never goes back.</summary>
public sealed class BybitBookSyncTests
{
    private static readonly InstrumentId Btc = new(1);
    private static readonly InstrumentId Eth = new(2);

    private readonly BybitBookSync _sync = (BybitBookSync)BybitMarketData.Instance.CreateBookSync();

    private static MarketEvent Event(MarketEventKind kind, long u, long seq, InstrumentId? instrument = null)
    {
        var evt = default(MarketEvent);
        evt.Reset(kind, new VenueId(1), 0);
        evt.Instrument = instrument ?? Btc;
        evt.Book.UpdateId = u;
        evt.Book.CrossSequence = seq;
        return evt;
    }

    private static MarketEvent Snapshot(long u, long seq = 0, InstrumentId? instrument = null) =>
        Event(MarketEventKind.BookSnapshot, u, seq, instrument);

    private static MarketEvent Delta(long u, long seq = 0, InstrumentId? instrument = null) =>
        Event(MarketEventKind.BookDelta, u, seq, instrument);

    private void Expect(BookSyncVerdict verdict, FrameIssue issue, MarketEvent evt)
    {
        var actual = _sync.Check(evt, out var actualIssue);
        Assert.Equal((verdict, issue), (actual, actualIssue));
    }

    [Fact]
    public void DeltaBeforeAnySnapshot_IsDroppedAwaitingTheSnapshot()
    {
        Expect(BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot, Delta(100));
        Assert.False(_sync.IsSynced(Btc));
    }

    [Fact]
    public void SnapshotThenDeltasInSequence_AllApply()
    {
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Snapshot(100, 5000));
        Assert.True(_sync.IsSynced(Btc));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(101, 5003));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(102, 5003));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(103, 5010));
        Assert.True(_sync.IsSynced(Btc));
    }

    [Fact]
    public void RepeatedDelta_IsADuplicate_AndTheBookStaysInSync()
    {
        _sync.Check(Snapshot(100, 5000), out _);
        _sync.Check(Delta(101, 5001), out _);

        Expect(BookSyncVerdict.Drop, FrameIssue.Duplicate, Delta(101, 5001));
        Assert.True(_sync.IsSynced(Btc));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(102, 5002));
    }

    [Fact]
    public void OlderDelta_IsOutOfOrder_AndTheBookStaysInSync()
    {
        _sync.Check(Snapshot(100, 5000), out _);
        _sync.Check(Delta(101, 5001), out _);
        _sync.Check(Delta(102, 5002), out _);

        Expect(BookSyncVerdict.Drop, FrameIssue.OutOfOrder, Delta(101, 5001));
        Expect(BookSyncVerdict.Drop, FrameIssue.OutOfOrder, Delta(100));
        Assert.True(_sync.IsSynced(Btc));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(103, 5003));
    }

    [Fact]
    public void CrossSequenceGoingBack_IsOutOfOrder()
    {
        _sync.Check(Snapshot(100, 5000), out _);

        Expect(BookSyncVerdict.Drop, FrameIssue.OutOfOrder, Delta(101, 4999));
        Assert.True(_sync.IsSynced(Btc));
        // Dropping it loses update 101, so the next delta is a gap.
        Expect(BookSyncVerdict.Resync, FrameIssue.SequenceGap, Delta(102, 5002));
    }

    [Fact]
    public void MissingCrossSequence_IsNotChecked()
    {
        _sync.Check(Snapshot(100, 5000), out _);
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(101));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(102, 5002));
    }

    [Fact]
    public void Gap_Resyncs_ThenDeltasWaitForTheNextSnapshot()
    {
        _sync.Check(Snapshot(100, 5000), out _);
        _sync.Check(Delta(101, 5001), out _);

        Expect(BookSyncVerdict.Resync, FrameIssue.SequenceGap, Delta(103, 5003));
        Assert.False(_sync.IsSynced(Btc));
        Expect(BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot, Delta(104, 5004));

        Expect(BookSyncVerdict.Apply, FrameIssue.None, Snapshot(250, 5100));
        Assert.True(_sync.IsSynced(Btc));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(251, 5101));
    }

    [Fact]
    public void LowerUpdateIdWithNewerCrossSequence_MeansTheCounterRestarted_Resync()
    {
        // e.g. after a REST snapshot, whose u counts the 1000-level stream, not the 50-level one.
        _sync.Check(Snapshot(230704, 1432604333), out _);

        Expect(BookSyncVerdict.Resync, FrameIssue.SequenceGap, Delta(5000, 1432604400));
        Assert.False(_sync.IsSynced(Btc));
    }

    [Fact]
    public void NewSnapshot_AlwaysApplies_WhateverItsUpdateId()
    {
        _sync.Check(Snapshot(100, 5000), out _);
        _sync.Check(Delta(101, 5001), out _);

        // "If you receive a new snapshot message, you will have to reset your local orderbook."
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Snapshot(90, 5002));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(91, 5003));
    }

    [Fact]
    public void LevelOneSnapshotRepushedWithTheSameUpdateId_Applies()
    {
        // "the snapshot data will be pushed again when there is no change in 3 seconds, and the "u" will be the same"
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Snapshot(777, 9000));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Snapshot(777, 9000));
        Assert.True(_sync.IsSynced(Btc));
    }

    [Fact]
    public void RestartSnapshotWithUpdateIdOne_Applies_AndDeltasChainFromIt()
    {
        _sync.Check(Snapshot(5_000_000, 5000), out _);

        Expect(BookSyncVerdict.Apply, FrameIssue.None, Snapshot(1, 6000));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(2, 6001));
    }

    [Fact]
    public void RestartFrameTypedDelta_ReachesTheSyncAsASnapshot()
    {
        var feed = new BybitTestFeed();
        var sync = new BybitBookSync();
        feed.Parse(BybitTestFeed.Fixture("ws-orderbook-snapshot.json"));
        Assert.Equal(BookSyncVerdict.Apply, sync.Check(feed.Events()[0], out _));

        feed.Parse("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT","b":[["30247.20","30.028"]],"a":[],"u":1,"seq":7961638800}}""");
        var restart = feed.Events()[0];

        Assert.Equal(MarketEventKind.BookSnapshot, restart.Kind);
        Assert.Equal(BookSyncVerdict.Apply, sync.Check(restart, out var issue));
        Assert.Equal(FrameIssue.None, issue);
        Assert.True(sync.IsSynced(feed.Btc));
    }

    [Fact]
    public void DocsSnapshotThenDocsDelta_AreNotConsecutive_Resync()
    {
        // The docs' two examples are from different days: u 18521288 then 177400507 is a gap.
        var feed = new BybitTestFeed();
        feed.Parse(BybitTestFeed.Fixture("ws-orderbook-snapshot.json"));
        Assert.Equal(BookSyncVerdict.Apply, _sync.Check(feed.Events()[0], out _));

        feed.Parse(BybitTestFeed.Fixture("ws-orderbook-delta.json"));
        Assert.Equal(BookSyncVerdict.Resync, _sync.Check(feed.Events()[0], out var issue));
        Assert.Equal(FrameIssue.SequenceGap, issue);
        Assert.False(_sync.IsSynced(feed.Btc));
    }

    [Fact]
    public void Reset_ForgetsTheInstrument_Only()
    {
        _sync.Check(Snapshot(100, 5000, Btc), out _);
        _sync.Check(Snapshot(200, 7000, Eth), out _);

        _sync.Reset(Btc);

        Assert.False(_sync.IsSynced(Btc));
        Assert.True(_sync.IsSynced(Eth));
        Expect(BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot, Delta(101, 5001, Btc));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(201, 7001, Eth));
    }

    [Fact]
    public void InstrumentsAreSequencedIndependently_AndStateGrowsForHighIds()
    {
        var far = new InstrumentId(5000);
        _sync.Check(Snapshot(100, 5000, Btc), out _);
        Expect(BookSyncVerdict.Drop, FrameIssue.AwaitingSnapshot, Delta(101, 5001, far));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Snapshot(10, 10, far));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(11, 11, far));
        Expect(BookSyncVerdict.Apply, FrameIssue.None, Delta(101, 5001, Btc));
        Assert.True(_sync.IsSynced(far));
        Assert.False(_sync.IsSynced(new InstrumentId(60000)));
        _sync.Reset(new InstrumentId(60000)); // never seen: nothing to forget
    }

    [Fact]
    public void NonBookEvents_PassThrough_AndEventsWithoutInstrumentAreDropped()
    {
        var funding = default(MarketEvent);
        funding.Reset(MarketEventKind.Funding, new VenueId(1), 0);
        funding.Instrument = Btc;
        Expect(BookSyncVerdict.Apply, FrameIssue.None, funding);
        Assert.False(_sync.IsSynced(Btc));

        Expect(BookSyncVerdict.Drop, FrameIssue.UnknownSymbol, Snapshot(1, 1, InstrumentId.None));
        Assert.False(_sync.IsSynced(InstrumentId.None));
    }
}
