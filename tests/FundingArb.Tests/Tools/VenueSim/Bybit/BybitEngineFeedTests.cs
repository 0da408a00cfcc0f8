using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Tests.Venues.Bybit;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>The engine's own Bybit client code (parser and book sync, written from the docs independently of the
/// simulator) reads the simulator's public stream as it reads the live one: every frame usable, no gap.</summary>
public class BybitEngineFeedTests
{
    [Fact]
    public async Task The_engine_s_Bybit_feed_reads_the_public_stream_without_an_issue_or_a_gap()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Lively);
        var socket = await sim.ConnectAsync("/v5/public/linear");
        await SimHarness.SendAsync(socket, """{"req_id":"sub","op":"subscribe","args":["tickers.BTCUSDT","orderbook.50.BTCUSDT"]}""");
        var ack = await SimHarness.ReceiveAsync(socket);
        sim.Advance(TimeSpan.FromSeconds(3));
        var frames = await BybitSim.DrainAsync(socket);

        var feed = new BybitTestFeed();
        var sync = new BybitBookSync();
        Assert.Equal(FrameResult.Control, feed.Parse(ack.GetRawText()));
        var kinds = new List<MarketEventKind>();
        foreach (var frame in frames)
        {
            Assert.Equal(FrameResult.MarketData, feed.Parse(frame.GetRawText()));
            var evt = Assert.Single(feed.Events());
            kinds.Add(evt.Kind);
            if (evt.Kind is not (MarketEventKind.BookSnapshot or MarketEventKind.BookDelta)) continue;
            Assert.Equal(BookSyncVerdict.Apply, sync.Check(evt, out var issue));
            Assert.Equal(FrameIssue.None, issue);
        }
        Assert.Contains(MarketEventKind.Funding, kinds);
        Assert.Equal(1, kinds.Count(k => k == MarketEventKind.BookSnapshot));
        Assert.True(kinds.Count(k => k == MarketEventKind.BookDelta) > 20);
    }

    [Fact]
    public async Task The_engine_reads_the_instrument_rules_page_by_page()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        using var first = await sim.Http.GetAsync(BybitInstrumentMetadata.Path + "?category=linear&limit=1", TestContext.Current.CancellationToken);
        var btc = Assert.Single(BybitInstrumentMetadata.Parse(await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), out var cursor));
        Assert.Equal(("BTCUSDT", 8, true), (btc.VenueSymbol, btc.FundingIntervalHours, btc.IsTrading));
        Assert.Equal(100d, btc.MinNotional);
        using var next = await sim.Http.GetAsync(BybitInstrumentMetadata.NextPageRequest(cursor!), TestContext.Current.CancellationToken);
        var eth = Assert.Single(BybitInstrumentMetadata.Parse(await next.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), out var last));
        Assert.Equal(("ETHUSDT", 4), (eth.VenueSymbol, eth.FundingIntervalHours));
        Assert.Null(last);
    }
}
