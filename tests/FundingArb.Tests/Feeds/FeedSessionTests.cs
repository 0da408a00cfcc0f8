using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Venues.Binance;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Feeds;

/// <summary>The session between parsers and the ring: what reaches the consumer, what is voided, counted and recovered.</summary>
public class FeedSessionTests
{
    private sealed class RecoveryRequests : IBookRecovery
    {
        public List<InstrumentId> Requested { get; } = [];
        public void RequestSnapshot(InstrumentId instrument) => Requested.Add(instrument);
    }

    private sealed class ThrowingParser : IMarketFrameParser
    {
        public FrameResult Parse(ReadOnlySpan<byte> frame, MarketEventSink sink)
        {
            sink.Claim(MarketEventKind.Funding);
            throw new InvalidOperationException("parser bug");
        }

        public FrameResult ParseRest(ReadOnlySpan<char> pathAndQuery, ReadOnlySpan<byte> body, MarketEventSink sink) =>
            throw new InvalidOperationException("parser bug");
    }

    private readonly InstrumentRegistry _registry = new();
    private readonly VenueId _okx;
    private readonly InstrumentId _btc;
    private readonly RingBuffer<MarketEvent> _ring = RingBuffer<MarketEvent>.CreateSingleProducer(256);
    private readonly EventPoller<MarketEvent> _poller;
    private readonly RecoveryRequests _recovery = new();
    private readonly FeedSession _session;

    public FeedSessionTests()
    {
        _okx = _registry.AddVenue("okx");
        _btc = _registry.Intern("BTC", "USDT");
        _registry.MapSymbol(_okx, "BTC-USDT-SWAP", _btc);
        _poller = _ring.NewPoller();
        _ring.AddGatingSequences(_poller.Sequence);
        _session = new FeedSession(_okx, OkxMarketData.Instance.CreateParser(_okx, _registry), OkxMarketData.Instance.CreateBookSync(),
            new RingEventSink(_ring), new FeedCounters(), _recovery);
    }

    private struct Drain(List<MarketEvent> into) : IEventHandler<MarketEvent>
    {
        public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch) => into.Add(evt);
        public void OnBatchStart(long batchSize) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }

    /// <summary>Everything published since the last call, void slots included (kind None).</summary>
    private List<MarketEvent> Published()
    {
        var events = new List<MarketEvent>();
        var drain = new Drain(events);
        _poller.Poll(ref drain);
        return events;
    }

    private FrameResult Frame(string json, long receivedTimestamp = 1) => _session.OnFrame(Encoding.UTF8.GetBytes(json), receivedTimestamp);

    private static string Books(string action, long prevSeqId, long seqId, string bids = """[["99","1","0","1"]]""") =>
        $$"""{"arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"action":"{{action}}","data":[{"asks":[["101","1","0","1"]],"bids":{{bids}},"ts":"1597026383085","checksum":0,"prevSeqId":{{prevSeqId}},"seqId":{{seqId}}}]}""";

    private const string Mark = """{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"67000.5","ts":"1597026383085"}]}""";

    [Fact]
    public void Good_frames_are_published_whole_and_counted()
    {
        Assert.True(Frame(Mark, receivedTimestamp: 42).IsUsable);
        var e = Assert.Single(Published());
        Assert.Equal(MarketEventKind.Funding, e.Kind);
        Assert.Equal(_btc, e.Instrument);
        Assert.Equal(42, e.ReceivedTimestamp);
        Assert.Equal(Price.Parse("67000.5"), e.Funding.MarkPrice);
        Assert.Equal(1, _session.Counters.Received);
        Assert.Equal(1, _session.Counters.Events);
    }

    [Fact]
    public void A_bad_frame_publishes_only_void_slots_and_counts_its_reason()
    {
        var result = Frame(Mark.Replace("67000.5", "-1", StringComparison.Ordinal));
        Assert.Equal(FrameIssue.NegativeValue, result.Issue);
        Assert.All(Published(), e => Assert.Equal(MarketEventKind.None, e.Kind));
        Assert.Equal(1, _session.Counters[FrameIssue.NegativeValue]);
        Assert.Equal(1, _session.Counters.Malformed);
        Assert.Equal(0, _session.Counters.Events);
    }

    [Fact]
    public void A_parser_that_throws_is_counted_as_a_fault_and_its_claimed_slots_are_published_void()
    {
        var session = new FeedSession(_okx, new ThrowingParser(), OkxMarketData.Instance.CreateBookSync(), new RingEventSink(_ring),
            new FeedCounters());
        Assert.Equal(FrameIssue.ParserFault, session.OnFrame("{}"u8, 1).Issue);
        Assert.Equal(FrameIssue.ParserFault, session.OnRest("/x", "{}"u8, 1).Issue);
        var e = Assert.Single(Published()); // the claimed slot was published (an unpublished claim would stall the ring)…
        Assert.Equal(MarketEventKind.None, e.Kind); // …void
        Assert.Equal(2, session.Counters[FrameIssue.ParserFault]);
        Assert.True(Frame(Mark).IsUsable); // and the ring still flows
        Assert.Equal(MarketEventKind.Funding, Assert.Single(Published()).Kind);
    }

    [Fact]
    public void A_gap_publishes_an_invalidation_in_place_of_the_delta_and_asks_for_a_snapshot()
    {
        Frame(Books("snapshot", -1, 10));
        Frame(Books("update", 10, 11));
        Assert.Equal([MarketEventKind.BookSnapshot, MarketEventKind.BookDelta], Published().Select(e => e.Kind));

        Frame(Books("update", 12, 13)); // prevSeqId 12 ≠ 11
        var e = Assert.Single(Published());
        Assert.Equal(MarketEventKind.BookInvalidated, e.Kind);
        Assert.Equal(_btc, e.Instrument);
        Assert.Equal([_btc], _recovery.Requested);
        Assert.Equal(1, _session.Counters[FrameIssue.SequenceGap]);

        Frame(Books("update", 13, 14)); // after the gap: nothing until a snapshot
        Assert.All(Published(), p => Assert.Equal(MarketEventKind.None, p.Kind));
        Assert.Equal(1, _session.Counters[FrameIssue.AwaitingSnapshot]);
        Frame(Books("snapshot", -1, 20));
        Assert.Equal(MarketEventKind.BookSnapshot, Assert.Single(Published()).Kind);
    }

    [Fact]
    public void A_disconnect_invalidates_the_books_that_were_in_sync_and_only_those()
    {
        var eth = _registry.Intern("ETH", "USDT");
        _registry.MapSymbol(_okx, "ETH-USDT-SWAP", eth);
        Frame(Books("snapshot", -1, 10));
        Published();

        _session.OnDisconnected([_btc, eth], timestamp: 99);
        var e = Assert.Single(Published());
        Assert.Equal(MarketEventKind.BookInvalidated, e.Kind);
        Assert.Equal(_btc, e.Instrument);
        Assert.Equal(99, e.ReceivedTimestamp);

        Frame(Books("update", 10, 11)); // the old sequence does not continue after a reconnect
        Assert.All(Published(), p => Assert.Equal(MarketEventKind.None, p.Kind));
    }

    [Fact]
    public void A_book_too_large_for_one_frame_is_refused_whole()
    {
        var levels = string.Join(',', Enumerable.Range(1, (MarketEventSink.MaxEventsPerFrame + 1) * BookLevels.Capacity)
            .Select(i => $"[\"{i}\",\"1\",\"0\",\"1\"]"));
        Assert.Equal(FrameIssue.TooManyLevels, Frame(Books("snapshot", -1, 10, $"[{levels}]")).Issue);
        var published = Published();
        Assert.Equal(MarketEventSink.MaxEventsPerFrame, published.Count);
        Assert.All(published, p => Assert.Equal(MarketEventKind.None, p.Kind));
        Assert.True(Frame(Mark).IsUsable);
    }

    private static string Depth(long first, long last, long previous) =>
        $$"""{"e":"depthUpdate","E":1700000000{{last:000}},"T":1700000000{{last:000}},"s":"BTCUSDT","U":{{first}},"u":{{last}},"pu":{{previous}},"b":[["99.{{last}}","1"]],"a":[]}""";

    private static string DepthSnapshot(long lastUpdateId) =>
        $$"""{"lastUpdateId":{{lastUpdateId}},"E":1700000000000,"T":1700000000000,"bids":[["99","5"]],"asks":[["101","5"]]}""";

    [Fact]
    public void Binance_deltas_wait_for_the_rest_snapshot_then_replay_through_the_same_rules_and_a_gap_keeps_its_bridging_delta()
    {
        var registry = new InstrumentRegistry();
        var binance = registry.AddVenue("binance");
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(binance, "BTCUSDT", btc);
        var recovery = new RecoveryRequests();
        var session = new FeedSession(binance, BinanceMarketData.Instance.CreateParser(binance, registry),
            BinanceMarketData.Instance.CreateBookSync(), new RingEventSink(_ring), new FeedCounters(), recovery);
        const string depthRequest = "/fapi/v1/depth?symbol=BTCUSDT&limit=1000";
        List<(MarketEventKind, long)> Kinds() => [.. Published().Where(e => e.Kind != MarketEventKind.None).Select(e => (e.Kind, e.Book.UpdateId))];

        session.OnFrame(Encoding.UTF8.GetBytes(Depth(100, 105, 99)), 1);  // before the snapshot: held
        session.OnFrame(Encoding.UTF8.GetBytes(Depth(106, 110, 105)), 2);
        Assert.Empty(Kinds());

        session.OnRest(depthRequest, Encoding.UTF8.GetBytes(DepthSnapshot(103)), 3);
        // "The first processed event should have U <= lastUpdateId AND u >= lastUpdateId", then pu = previous u.
        Assert.Equal([(MarketEventKind.BookSnapshot, 103L), (MarketEventKind.BookDelta, 105L), (MarketEventKind.BookDelta, 110L)], Kinds());

        session.OnFrame(Encoding.UTF8.GetBytes(Depth(120, 125, 115)), 4); // pu 115 ≠ 110: the book is lost
        Assert.Equal([(MarketEventKind.BookInvalidated, 125L)], Kinds()); // carries the update id where the gap showed
        Assert.Equal([btc], recovery.Requested);
        session.OnFrame(Encoding.UTF8.GetBytes(Depth(126, 130, 125)), 5);
        Assert.Empty(Kinds());

        // The new snapshot is older than the delta that revealed the gap: that delta bridges it, so it was kept.
        session.OnRest(depthRequest, Encoding.UTF8.GetBytes(DepthSnapshot(122)), 6);
        Assert.Equal([(MarketEventKind.BookSnapshot, 122L), (MarketEventKind.BookDelta, 125L), (MarketEventKind.BookDelta, 130L)], Kinds());
        Assert.Equal(1, session.Counters[FrameIssue.SequenceGap]);
    }

    [Fact]
    public void Evicting_held_deltas_never_replays_part_of_an_event()
    {
        // Found in review: the held-delta buffer evicted one slot, not one event, and replayed an orphan second part.
        var registry = new InstrumentRegistry();
        var binance = registry.AddVenue("binance");
        registry.MapSymbol(binance, "BTCUSDT", registry.Intern("BTC", "USDT"));
        var session = new FeedSession(binance, BinanceMarketData.Instance.CreateParser(binance, registry),
            BinanceMarketData.Instance.CreateBookSync(), new RingEventSink(_ring), new FeedCounters(), new RecoveryRequests());
        static string Depth(long first, long last, long previous, int bids) =>
            $$"""{"e":"depthUpdate","E":1700000000000,"T":1700000000000,"s":"BTCUSDT","U":{{first}},"u":{{last}},"pu":{{previous}},"b":[{{string.Join(',', Enumerable.Range(1, bids).Select(i => $"[\"{i}\",\"1\"]"))}}],"a":[]}""";

        session.OnFrame(Encoding.UTF8.GetBytes(Depth(100, 105, 99, 65)), 1); // two parts (65 bids)
        long u = 105;
        for (var k = 0; k < 63; k++, u += 5) session.OnFrame(Encoding.UTF8.GetBytes(Depth(u + 1, u + 5, u, 1)), 2); // 65 slots held > 64
        session.OnRest("/fapi/v1/depth?symbol=BTCUSDT&limit=1000",
            """{"lastUpdateId":103,"E":1700000000000,"T":1700000000000,"bids":[["99","5"]],"asks":[["101","5"]]}"""u8, 3);

        var published = Published().Where(e => e.Kind != MarketEventKind.None).ToList();
        Assert.Equal(MarketEventKind.BookSnapshot, published[0].Kind);
        Assert.All(published.Skip(1), e => Assert.Equal(0, e.Book.Part)); // whole events only…
        // …and the first delta was evicted whole, so the next one cannot bridge the snapshot: the book resyncs instead.
        Assert.Equal(MarketEventKind.BookInvalidated, published[1].Kind);
    }
}
