using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

public sealed class BybitParserAllocationTests
{
    [Fact]
    public void ParsingTheFundingFrameAndA20LevelBookFrame10000TimesEach_AllocatesNothing()
    {
        var feed = new BybitTestFeed();
        var ticker = BybitTestFeed.Fixture("ws-ticker-snapshot.json");
        var tickerDelta = BybitTestFeed.Fixture("ws-ticker-delta-funding.json");
        var book = System.Text.Encoding.UTF8.GetBytes(BybitMarketParserTests.BookFrame("delta", 177400507, bids: 20, asks: 20));
        var sync = new BybitBookSync();

        long checksum = 0;
        long allocated = SteadyStateAllocation.BytesPerRound(() => checksum += Run(feed, ticker, tickerDelta, book, sync, 1), 10_000);

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    private static long Run(BybitTestFeed feed, byte[] ticker, byte[] tickerDelta, byte[] book, BybitBookSync sync, int count)
    {
        var parser = feed.Parser;
        var sink = feed.Sink;
        long checksum = 0;
        for (var i = 0; i < count; i++)
        {
            sink.Begin(feed.Venue, i);
            if (parser.Parse(ticker, sink).IsUsable) checksum += sink[0].Funding.MarkPrice.Raw;
            sink.Commit();

            sink.Begin(feed.Venue, i);
            if (parser.Parse(tickerDelta, sink).IsUsable) checksum += sink[0].Funding.Rate.Raw;
            sink.Commit();

            sink.Begin(feed.Venue, i);
            if (parser.Parse(book, sink).IsUsable)
            {
                checksum += sink[0].Book.BidCount + sink[0].Book.AskCount;
                checksum += (long)sync.Check(sink[0], out _);
            }
            sink.Commit();
        }
        return checksum;
    }
}
