using System.Globalization;
using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Okx;

public sealed class OkxAllocationTests
{
    /// <summary>A 20-level <c>books</c> update (10 bids, 10 asks) in the docs' format.</summary>
    internal static byte[] BookFrame20()
    {
        var bids = Enumerable.Range(0, 10).Select(i => new[] { (8476.97m - i * 0.01m).ToString(CultureInfo.InvariantCulture), (100 + i).ToString(CultureInfo.InvariantCulture) }).ToArray();
        var asks = Enumerable.Range(0, 10).Select(i => new[] { (8476.98m + i * 0.01m).ToString(CultureInfo.InvariantCulture), (200 + i).ToString(CultureInfo.InvariantCulture) }).ToArray();
        return Encoding.UTF8.GetBytes(OkxMarketParserTests.BooksFrame("update", "BTC-USDT-SWAP", bids, asks, 123456, 123457));
    }

    [Fact]
    public void ParsingFundingAndA20LevelBook10000TimesEach_AllocatesNothing()
    {
        var t = new OkxTestVenue();
        var funding = OkxTestVenue.Fixture("ws-funding-rate.json");
        var book = BookFrame20();
        var mark = OkxTestVenue.Fixture("ws-mark-price.json");
        var index = OkxTestVenue.Fixture("ws-index-tickers.json");
        var sink = t.Sink;
        var parser = t.Parser;

        long Run(int count)
        {
            long sum = 0;
            for (var i = 0; i < count; i++)
            {
                sink.Begin(t.Venue, i);
                if (parser.Parse(funding, sink) != FrameResult.MarketData) throw new InvalidOperationException("funding");
                sum += sink[0].Funding.Rate.Raw;
                sink.Commit();

                sink.Begin(t.Venue, i);
                if (parser.Parse(book, sink) != FrameResult.MarketData) throw new InvalidOperationException("book");
                sum += sink[0].Book.BidCount + sink[0].Book.AskCount;
                sink.Commit();
            }
            return sum;
        }

        var sum = 0L;
        var allocated = SteadyStateAllocation.BytesPerRound(() => sum += Run(1), 10_000);

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, sum);

        // the other channels and the control frames too
        byte[][] others = [mark, index, "pong"u8.ToArray(), OkxTestVenue.Fixture("ws-subscribe-ack.json")];
        foreach (var frame in others)
        {
            sink.Begin(t.Venue, 0);
            parser.Parse(frame, sink);
            sink.Commit();
        }
        Assert.Equal(0, SteadyStateAllocation.BytesPerRound(() =>
        {
            foreach (var frame in others)
            {
                sink.Begin(t.Venue, 1);
                parser.Parse(frame, sink);
                sink.Commit();
            }
        }, 10_000));
    }
}
