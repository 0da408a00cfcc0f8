using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Venues.Binance;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Feeds;

/// <summary>A market-data connection against a scripted venue on real loopback sockets: frames split over several
/// WebSocket fragments, a dropped connection, reconnect, book invalidation and resync by resubscribing.</summary>
public class MarketDataConnectionTests
{
    private const string Symbol = "BTC-USDT-SWAP";

    private static string Snapshot(long seqId) =>
        $$"""{"arg":{"channel":"books","instId":"{{Symbol}}"},"action":"snapshot","data":[{"asks":[["101","5","0","1"],["102","7","0","2"]],"bids":[["99","4","0","1"],["98","6","0","3"]],"ts":"{{1700000000000 + seqId}}","checksum":0,"prevSeqId":-1,"seqId":{{seqId}}}]}""";

    private static string Update(long prevSeqId, long seqId) =>
        $$"""{"arg":{"channel":"books","instId":"{{Symbol}}"},"action":"update","data":[{"asks":[],"bids":[["99","{{seqId}}","0","1"]],"ts":"{{1700000000000 + seqId}}","checksum":0,"prevSeqId":{{prevSeqId}},"seqId":{{seqId}}}]}""";

    private struct Collector(List<(MarketEventKind Kind, long UpdateId)> seen) : IEventHandler<MarketEvent>
    {
        public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
        {
            if (evt.Kind != MarketEventKind.None) seen.Add((evt.Kind, evt.Book.UpdateId));
        }

        public void OnBatchStart(long batchSize) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }

    [Fact]
    public async Task Fragmented_frames_a_dropped_connection_and_a_gap_all_end_with_a_resynced_book()
    {
        await using var server = await LoopbackVenueServer.StartAsync();
        var registry = new InstrumentRegistry();
        var okx = registry.AddVenue("okx");
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(okx, Symbol, btc);
        var ring = RingBuffer<MarketEvent>.CreateMultiProducer(1024);
        var poller = ring.NewPoller();
        ring.AddGatingSequences(poller.Sequence);
        var seen = new List<(MarketEventKind Kind, long UpdateId)>();
        var collector = new Collector(seen);
        var counters = new FeedCounters();
        var stream = OkxMarketData.Instance.PlanStreams([Symbol])[0];
        using var http = new HttpClient();
        await using var connection = new MarketDataConnection(OkxMarketData.Instance, okx, registry, stream,
            server.WebSocketBase, server.HttpBase, ring, counters, new VirtualClock(1_700_000_000_000_000_000),
            http, new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero, new Random(7)));

        Task Until(int count, string what) => TestGuard.UntilAsync(() =>
        {
            poller.Poll(ref collector);
            return seen.Count >= count;
        }, what);

        connection.Start();
        var first = await server.AcceptAsync();
        Assert.Equal(stream.Path, first.PathAndQuery);
        var subscribe = await first.ReceiveTextAsync();
        Assert.Contains("\"op\":\"subscribe\"", subscribe);
        Assert.Contains($"\"channel\":\"books\",\"instId\":\"{Symbol}\"", subscribe);

        await first.SendAsync(Snapshot(10), fragments: 3);
        await first.SendAsync(Update(10, 11), fragments: 2);
        await Until(2, "the snapshot and the delta, each sent in fragments");
        Assert.Equal([(MarketEventKind.BookSnapshot, 10L), (MarketEventKind.BookDelta, 11L)], seen);

        first.Abort();
        var second = await server.AcceptAsync();
        Assert.Contains("\"op\":\"subscribe\"", await second.ReceiveTextAsync());
        await Until(3, "the book invalidated when the connection dropped");
        Assert.Equal(MarketEventKind.BookInvalidated, seen[2].Kind);

        await second.SendAsync(Update(11, 12)); // a delta before the new snapshot: dropped, never applied
        await second.SendAsync(Snapshot(20), fragments: 4);
        await second.SendAsync(Update(20, 21));
        await Until(5, "the fresh snapshot and its delta");
        Assert.Equal([(MarketEventKind.BookSnapshot, 20L), (MarketEventKind.BookDelta, 21L)], seen[3..5]);
        Assert.Equal(1, counters[FrameIssue.AwaitingSnapshot]);

        await second.SendAsync(Update(25, 26)); // prevSeqId 25 ≠ 21: a gap
        await Until(6, "the book invalidated on the gap");
        Assert.Equal(MarketEventKind.BookInvalidated, seen[5].Kind);
        Assert.Equal(1, counters[FrameIssue.SequenceGap]);
        Assert.Contains("\"op\":\"unsubscribe\"", await second.ReceiveTextAsync()); // resync by resubscribing
        Assert.Contains("\"op\":\"subscribe\"", await second.ReceiveTextAsync());
        await second.SendAsync(Snapshot(30));
        await Until(7, "the snapshot after resubscribing");
        Assert.Equal((MarketEventKind.BookSnapshot, 30L), seen[6]);

        Assert.Equal(2, connection.Connects);
        Assert.Equal(1, connection.SnapshotRequests);
        Assert.Equal(0, counters.Malformed);
    }

    [Fact]
    public async Task Binance_books_come_from_a_rest_snapshot_and_a_planned_reconnect_comes_before_the_venue_age_limit()
    {
        await using var server = await LoopbackVenueServer.StartAsync();
        var snapshots = 0;
        server.Rest = path => path == "/fapi/v1/depth?symbol=BTCUSDT&limit=1000"
            ? (200, $$"""{"lastUpdateId":{{++snapshots * 100 + 3}},"E":1700000000000,"T":1700000000000,"bids":[["99","5"]],"asks":[["101","5"]]}""")
            : (404, "");
        var registry = new InstrumentRegistry();
        var binance = registry.AddVenue("binance");
        registry.MapSymbol(binance, "BTCUSDT", registry.Intern("BTC", "USDT"));
        var ring = RingBuffer<MarketEvent>.CreateMultiProducer(1024);
        var poller = ring.NewPoller();
        ring.AddGatingSequences(poller.Sequence);
        var seen = new List<(MarketEventKind Kind, long UpdateId)>();
        var collector = new Collector(seen);
        var clock = new VirtualClock(1_700_000_000_000_000_000);
        // Binance's own timings, but a 2-minute age limit instead of 23 h 30 m, and silence never trips.
        var venue = new HeartbeatOverride(BinanceMarketData.Instance,
            BinanceMarketData.Instance.Heartbeat with { SilenceLimit = TimeSpan.FromDays(1), MaxConnectionAge = TimeSpan.FromMinutes(2) });
        var depth = venue.PlanStreams(["BTCUSDT"]).Single(s => s.BookSymbols.Count > 0);
        using var http = new HttpClient();
        await using var connection = new MarketDataConnection(venue, binance, registry, depth, server.WebSocketBase,
            server.HttpBase, ring, new FeedCounters(), clock, http, new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero, new Random(7)));

        Task Until(int count, string what) => TestGuard.UntilAsync(() =>
        {
            poller.Poll(ref collector);
            return seen.Count >= count;
        }, what);
        static string Delta(long first, long last, long previous) =>
            $$$"""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1700000000100,"T":1700000000099,"s":"BTCUSDT","U":{{{first}}},"u":{{{last}}},"pu":{{{previous}}},"b":[["99","7"]],"a":[]}}""";

        connection.Start();
        var first = await server.AcceptAsync();
        Assert.Equal("/public/stream?streams=btcusdt@depth@100ms", first.PathAndQuery); // depth on the /public route
        await first.SendAsync(Delta(100, 105, 99)); // buffered or applied, whichever of it and the snapshot lands first
        await Until(2, "the REST snapshot fetched on connect, then the delta");
        Assert.Equal([(MarketEventKind.BookSnapshot, 103L), (MarketEventKind.BookDelta, 105L)], seen);

        clock.Advance(TimeSpan.FromMinutes(3)); // the heartbeat at 2 min finds the connection at its age limit
        var second = await server.AcceptAsync();
        await second.SendAsync(Delta(200, 205, 199));
        await Until(5, "invalidation, the new snapshot and the delta");
        Assert.Equal([(MarketEventKind.BookInvalidated, 0L), (MarketEventKind.BookSnapshot, 203L), (MarketEventKind.BookDelta, 205L)], seen[2..]);
        Assert.Equal(1, connection.PlannedReconnects);
        Assert.Equal(2, connection.Connects);
        Assert.Equal(2, server.RestRequests.Count);
    }

    private const string DepthSnapshot103 = """{"lastUpdateId":103,"E":1700000000000,"T":1700000000000,"bids":[["99","5"]],"asks":[["101","5"]]}""";

    [Fact]
    public async Task A_planned_reconnect_that_fails_to_connect_backs_off_like_any_other()
    {
        // Found in review: the reason stayed "planned" after a failed connect, so the loop retried without any delay.
        await using var server = await LoopbackVenueServer.StartAsync();
        server.Rest = _ => (200, DepthSnapshot103);
        var registry = new InstrumentRegistry();
        var binance = registry.AddVenue("binance");
        registry.MapSymbol(binance, "BTCUSDT", registry.Intern("BTC", "USDT"));
        var ring = RingBuffer<MarketEvent>.CreateMultiProducer(1024);
        ring.AddGatingSequences(ring.NewPoller().Sequence);
        var clock = new VirtualClock(1_700_000_000_000_000_000);
        var venue = new HeartbeatOverride(BinanceMarketData.Instance,
            BinanceMarketData.Instance.Heartbeat with { SilenceLimit = TimeSpan.FromDays(1), MaxConnectionAge = TimeSpan.FromMinutes(2) });
        var depth = venue.PlanStreams(["BTCUSDT"]).Single(s => s.BookSymbols.Count > 0);
        using var http = new HttpClient();
        await using var connection = new MarketDataConnection(venue, binance, registry, depth, server.WebSocketBase, server.HttpBase,
            ring, new FeedCounters(), clock, http, new ReconnectBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), new Random(7)));
        connection.Start();
        var socket = await server.AcceptAsync();
        await socket.SendAsync("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1700000000100,"T":1700000000099,"s":"BTCUSDT","U":100,"u":105,"pu":99,"b":[],"a":[]}}""");
        await TestGuard.UntilAsync(() => connection.Session.Counters.Received >= 2, "the snapshot and a frame: the heartbeat is armed");

        server.RefuseWebSockets = true; // the venue is down when the planned reconnect comes
        // Exactly to the heartbeat that finds the age limit, not past it: a backoff timer the loop creates while Advance is
        // still running its timers would otherwise fall due inside the same Advance and allow a third attempt.
        clock.Advance(TimeSpan.FromMinutes(2));
        await TestGuard.UntilAsync(() => server.WebSocketAttempts >= 2 && clock.PendingTimers >= 1, "the failed reconnect and its backoff timer");
        Assert.Equal(2, server.WebSocketAttempts); // the loop waits on the (virtual) backoff; it does not spin
        Assert.Equal(1, connection.PlannedReconnects);
        Assert.Equal(1, connection.Disconnects); // a failed connect is not a disconnect

        server.RefuseWebSockets = false;
        clock.Advance(TimeSpan.FromSeconds(30)); // past the backoff, short of the next heartbeat
        await server.AcceptAsync();
        await TestGuard.UntilAsync(() => connection.Connects == 2, "the client side of the second connection");
    }

    [Fact]
    public async Task A_binance_snapshot_older_than_the_held_deltas_is_fetched_again_until_the_book_is_in_sync()
    {
        // Found in review: the replay's request for a new snapshot was swallowed while the first fetch was in flight.
        await using var server = await LoopbackVenueServer.StartAsync();
        using var firstAnswer = new ManualResetEventSlim();
        var calls = 0;
        server.Rest = _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstAnswer.Wait(TestGuard.Timeout); // REST lags the stream, as it does live
                return (200, DepthSnapshot103);
            }
            return (200, """{"lastUpdateId":108,"E":1700000000000,"T":1700000000000,"bids":[["99","5"]],"asks":[["101","5"]]}""");
        };
        var registry = new InstrumentRegistry();
        var binance = registry.AddVenue("binance");
        registry.MapSymbol(binance, "BTCUSDT", registry.Intern("BTC", "USDT"));
        var ring = RingBuffer<MarketEvent>.CreateMultiProducer(1024);
        var poller = ring.NewPoller();
        ring.AddGatingSequences(poller.Sequence);
        var seen = new List<(MarketEventKind Kind, long UpdateId)>();
        var collector = new Collector(seen);
        var clock = new VirtualClock(1_700_000_000_000_000_000);
        var venue = new HeartbeatOverride(BinanceMarketData.Instance, BinanceMarketData.Instance.Heartbeat with { SilenceLimit = TimeSpan.FromDays(1) });
        var depth = venue.PlanStreams(["BTCUSDT"]).Single(s => s.BookSymbols.Count > 0);
        using var http = new HttpClient();
        await using var connection = new MarketDataConnection(venue, binance, registry, depth, server.WebSocketBase,
            server.HttpBase, ring, new FeedCounters(), clock, http, new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero, new Random(7)));
        connection.Start();
        var socket = await server.AcceptAsync();
        await socket.SendAsync("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1700000000100,"T":1700000000099,"s":"BTCUSDT","U":106,"u":110,"pu":105,"b":[["99","7"]],"a":[]}}""");
        await TestGuard.UntilAsync(() => connection.Session.Counters.Received >= 1, "the delta, held for the snapshot");

        firstAnswer.Set(); // snapshot 103 < U 106: the held delta cannot bridge it
        await TestGuard.UntilAsync(() => clock.PendingTimers >= 2, "the fetch waiting to retry (beside the heartbeat timer)");
        Assert.Single(server.RestRequests);
        clock.Advance(TimeSpan.FromSeconds(1)); // past the first retry delay (≤ 250 ms), short of the heartbeat
        await TestGuard.UntilAsync(() =>
        {
            poller.Poll(ref collector);
            return seen.Count >= 4;
        }, "the second snapshot and the held delta");
        Assert.Equal([(MarketEventKind.BookSnapshot, 103L), (MarketEventKind.BookInvalidated, 110L), (MarketEventKind.BookSnapshot, 108L), (MarketEventKind.BookDelta, 110L)], seen);
        Assert.Equal(2, server.RestRequests.Count);
    }
}
