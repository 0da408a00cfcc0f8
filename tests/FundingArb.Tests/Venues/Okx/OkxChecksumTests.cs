using System.Globalization;
using System.IO.Hashing;
using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

public sealed class OkxChecksumTests
{
    // The docs (earlier revisions of the books page) give the check strings; the CRC values are DERIVED with Crc32
    // (and match the checksums of the same examples in OKEx's v3 docs).
    [Theory]
    [InlineData("3366.1:7:3366.8:9:3366:6:3368:8", -1881014294)]
    [InlineData("3366.1:7:3366.8:9:3368:8:3372:8", 831078360)]
    public void DocsCheckStrings_HashToTheirSignedCrc32(string checkString, int expected)
    {
        Assert.Equal(expected, OkxChecksum.OfCheckString(Encoding.ASCII.GetBytes(checkString)));
    }

    [Fact]
    public void Example1_MoreThan25Levels_TheParserBuildsTheDocumentedString()
    {
        // bids [["3366.1","7","0","3"],["3366","6","3","4"]], asks [["3366.8","9","10","3"],["3368","8","3","4"]]
        var e = ParseSnapshot(bids: [["3366.1", "7"], ["3366", "6"]], asks: [["3366.8", "9"], ["3368", "8"]], checksum: -1881014294);

        Assert.Equal(-1881014294, e.Book.ComputedChecksum);
    }

    [Fact]
    public void Example2_FewerBidsThanAsks_TheMissingBidsAreLeftOut()
    {
        // bids [["3366.1","7","0","3"]], asks 3366.8/9, 3368/8, 3372/8 → "3366.1:7:3366.8:9:3368:8:3372:8"
        var e = ParseSnapshot(bids: [["3366.1", "7"]], asks: [["3366.8", "9"], ["3368", "8"], ["3372", "8"]], checksum: 831078360);

        Assert.Equal(831078360, e.Book.ComputedChecksum);
    }

    [Fact]
    public void DocsSnapshotLevels_HashToTheDerivedValue()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        var frame = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Venues", "Okx", "Fixtures", "ws-books-snapshot.json"))
            .Replace("\"checksum\": 0", "\"checksum\": 1");
        Assert.Equal(FrameResult.MarketData, t.Parse(frame));

        Assert.Equal(-2102840145, t.Events[0].Book.ComputedChecksum);
    }

    [Fact]
    public void OnlyTheFirst25LevelsOfEachSide_Count()
    {
        var bids = Enumerable.Range(0, 30).Select(i => new[] { (5000 - i).ToString(CultureInfo.InvariantCulture) + ".5", (i + 1).ToString(CultureInfo.InvariantCulture) }).ToArray();
        var asks = Enumerable.Range(0, 27).Select(i => new[] { (5001 + i).ToString(CultureInfo.InvariantCulture), "0.25" }).ToArray();
        var expected = Crc(CheckString(bids[..25], asks[..25]));

        var e = ParseSnapshot(bids, asks, checksum: expected);

        Assert.Equal(expected, e.Book.ComputedChecksum);
        Assert.NotEqual(Crc(CheckString(bids, asks)), e.Book.ComputedChecksum);
    }

    [Fact]
    public void TheStringsAsReceived_Count_NotTheirValues()
    {
        // "3366.10" and "3366.1" are the same price but not the same string.
        var asSent = ParseSnapshot(bids: [["3366.10", "7"]], asks: [["3366.8", "9.0"]], checksum: 1);

        Assert.Equal(Crc("3366.10:7:3366.8:9.0"), asSent.Book.ComputedChecksum);
        Assert.NotEqual(Crc("3366.1:7:3366.8:9"), asSent.Book.ComputedChecksum);
        Assert.Equal(Price.Parse("3366.1"), asSent.Book.BidLevels[0].Price);
    }

    [Fact]
    public void AsksBeforeOrAfterBids_GiveTheSameChecksum()
    {
        const string asksFirst = """
            {"arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"action":"snapshot","data":[{"asks":[["3366.8","9","10","3"],["3368","8","3","4"]],
             "bids":[["3366.1","7","0","3"],["3366","6","3","4"]],"ts":"1597026383085","checksum":-1881014294,"prevSeqId":-1,"seqId":10}]}
            """;
        const string bidsFirst = """
            {"data":[{"checksum":-1881014294,"bids":[["3366.1","7","0","3"],["3366","6","3","4"]],"ts":"1597026383085","prevSeqId":-1,
             "asks":[["3366.8","9","10","3"],["3368","8","3","4"]],"seqId":10}],"action":"snapshot","arg":{"channel":"books","instId":"BTC-USDT-SWAP"}}
            """;
        var t = new OkxTestVenue();

        Assert.Equal(FrameResult.MarketData, t.Parse(asksFirst));
        Assert.Equal(-1881014294, t.Events[0].Book.ComputedChecksum);
        Assert.Equal(FrameResult.MarketData, t.Parse(bidsFirst)); // data parsed after the rest of the frame
        Assert.Equal(-1881014294, t.Events[0].Book.ComputedChecksum);
    }

    [Fact]
    public void Updates_AndZeroChecksums_AreNotComputed()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxMarketParserTests.BooksFrame("update", "BTC-USDT-SWAP", [["1", "1"]], [["2", "1"]], 10, 11, checksum: 5)));
        Assert.Equal(0, t.Events[0].Book.ComputedChecksum);
        Assert.Equal(5, t.Events[0].Book.Checksum);

        Assert.Equal(FrameResult.MarketData, t.Parse(OkxMarketParserTests.BooksFrame("snapshot", "BTC-USDT-SWAP", [["1", "1"]], [["2", "1"]], -1, 11)));
        Assert.Equal(0, t.Events[0].Book.ComputedChecksum);
    }

    [Fact]
    public void Accumulator_InterleavesAndStopsAt25()
    {
        var buffer = Encoding.ASCII.GetBytes("3366.1 7 3366 6 3366.8 9 3368 8");
        var checksum = new OkxChecksum();
        checksum.Add(BookSideKind.Bid, 0, 6, 7, 1);
        checksum.Add(BookSideKind.Bid, 9, 4, 14, 1);
        checksum.Add(BookSideKind.Ask, 16, 6, 23, 1);
        checksum.Add(BookSideKind.Ask, 25, 4, 30, 1);
        Assert.Equal(-1881014294, checksum.Compute(buffer));

        for (var i = 0; i < 40; i++) checksum.Add(BookSideKind.Ask, 25, 4, 30, 1);
        Assert.Equal(OkxChecksum.Depth, checksum.AskCount);
        checksum.Clear();
        Assert.Equal(0, checksum.BidCount);
        Assert.Equal(0, checksum.AskCount);
        Assert.Equal(unchecked((int)Crc32.HashToUInt32([])), checksum.Compute(buffer));
    }

    private static MarketEvent ParseSnapshot(string[][] bids, string[][] asks, int checksum)
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxMarketParserTests.BooksFrame("snapshot", "BTC-USDT-SWAP", bids, asks, -1, 10, checksum)));
        var e = t.Events[0];
        Assert.Equal(checksum, e.Book.Checksum);
        return e;
    }

    private static string CheckString(string[][] bids, string[][] asks)
    {
        var parts = new List<string>();
        for (var i = 0; i < Math.Max(bids.Length, asks.Length); i++)
        {
            if (i < bids.Length) parts.Add(bids[i][0] + ":" + bids[i][1]);
            if (i < asks.Length) parts.Add(asks[i][0] + ":" + asks[i][1]);
        }
        return string.Join(":", parts);
    }

    private static int Crc(string s) => unchecked((int)Crc32.HashToUInt32(Encoding.ASCII.GetBytes(s)));
}
