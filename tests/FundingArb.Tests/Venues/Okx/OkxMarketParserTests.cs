using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Okx;

public sealed class OkxMarketParserTests
{
    private static readonly string[][] DocsSnapshotBids =
    [
        ["8476.97", "256"], ["8475.55", "101"], ["8475.54", "100"], ["8475.3", "1"],
        ["8447.32", "6"], ["8447.02", "246"], ["8446.83", "24"], ["8446", "95"],
    ];

    private static readonly string[][] DocsSnapshotAsks =
    [
        ["8476.98", "415"], ["8477", "7"], ["8477.34", "85"], ["8477.56", "1"],
        ["8505.84", "8"], ["8506.37", "85"], ["8506.49", "2"], ["8506.96", "100"],
    ];

    // ---- funding, mark, index ----------------------------------------------------------------------------------

    [Fact]
    public void FundingRatePush_IsSettledAtFundingTime_NotAtOkxNextFundingTime_WithTheIntervalBetweenThem()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-funding-rate.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Funding(e, t.Venue, t.BtcUsd, exchangeTimeMs: 1700724675402,
            FundingFields.Rate | FundingFields.NextFundingTime | FundingFields.IntervalHours,
            rate: "0.0001875391284828", nextFundingTimeMs: 1700726400000, intervalHours: 8);
    }

    [Fact]
    public void MarkPricePush_IsAFundingEventWithOnlyTheMarkPrice()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-mark-price.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Funding(e, t.Venue, t.Ltc, 1597026383085, FundingFields.MarkPrice, mark: "0.1");
    }

    [Fact]
    public void IndexTickersPush_GoesToThePerpetualOfThatIndex()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-index-tickers.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Funding(e, t.Venue, t.Btc, 1597026383085, FundingFields.IndexPrice, index: "0.1");
    }

    [Fact]
    public void IndexTickersPush_IsNotResolvedByTheIndexIdItself()
    {
        var t = new OkxTestVenue(booksUseSpotId: true); // "BTC-USDT" is mapped, "BTC-USDT-SWAP" is not

        Assert.Equal(FrameResult.Bad(FrameIssue.UnknownSymbol), t.Parse(OkxTestVenue.Fixture("ws-index-tickers.json")));
    }

    [Theory]
    [InlineData("1700726400000", "1700755200000", 8)]
    [InlineData("1700726400000", "1700730000000", 1)]
    [InlineData("1700726400000", "1700740800000", 4)]
    [InlineData("1700726400000", "1700812800000", 24)]
    [InlineData("1700726400000", "1700728200000", 0)] // 30 min: not a whole number of hours
    [InlineData("1700726400000", "1700816400000", 0)] // 25 h
    [InlineData("1700726400000", "1700726400000", 0)] // no difference
    [InlineData("1700726400000", "1700697600000", 0)] // next before this one
    [InlineData("1700726400000", "", 0)]
    [InlineData("1700726400000", null, 0)]
    public void FundingInterval_IsSetOnlyForAWholeNumberOfHoursFrom1To24(string fundingTime, string? nextFundingTime, byte hours)
    {
        var t = new OkxTestVenue();
        var next = nextFundingTime is null ? "" : $",\"nextFundingTime\":\"{nextFundingTime}\"";
        var frame = "{\"arg\":{\"channel\":\"funding-rate\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":\"BTC-USDT-SWAP\"," +
                    $"\"fundingRate\":\"-0.00001\",\"fundingTime\":\"{fundingTime}\"{next},\"ts\":\"1700724675402\"}}]}}";

        Assert.Equal(FrameResult.MarketData, t.Parse(frame));

        var e = Assert.Single(t.Events);
        var fields = FundingFields.Rate | FundingFields.NextFundingTime | (hours > 0 ? FundingFields.IntervalHours : 0);
        OkxEventAssert.Funding(e, t.Venue, t.Btc, 1700724675402, fields, rate: "-0.00001",
            nextFundingTimeMs: long.Parse(fundingTime, System.Globalization.CultureInfo.InvariantCulture), intervalHours: hours);
    }

    [Fact]
    public void EveryItemOfData_IsOneEvent_AndAnItemWithoutInstIdTakesTheSubscriptions()
    {
        var t = new OkxTestVenue();
        const string frame = """
            {"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[
              {"instType":"SWAP","markPx":"67321.45","ts":"1700000000000"},
              {"instType":"SWAP","instId":"ETH-USDT-SWAP","markPx":"3500.1","ts":"1700000000001"}]}
            """;

        Assert.Equal(FrameResult.MarketData, t.Parse(frame));

        var events = t.Events;
        Assert.Equal(2, events.Length);
        OkxEventAssert.Funding(events[0], t.Venue, t.Btc, 1700000000000, FundingFields.MarkPrice, mark: "67321.45");
        OkxEventAssert.Funding(events[1], t.Venue, t.Eth, 1700000000001, FundingFields.MarkPrice, mark: "3500.1");
    }

    [Fact]
    public void EmptyDataArray_IsMarketDataWithNoEvents()
    {
        var t = new OkxTestVenue();

        Assert.Equal(FrameResult.MarketData, t.Parse("""{"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[]}"""));
        Assert.Empty(t.Events);
    }

    // ---- books ---------------------------------------------------------------------------------------------------

    [Fact]
    public void BooksSnapshot_IsABookSnapshotWithEveryLevelAndTheSequenceFields()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-snapshot.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1597026383085, seqId: 123456, prevSeqId: -1,
            checksum: 0, DocsSnapshotBids, DocsSnapshotAsks);
    }

    [Fact]
    public void BooksUpdate_IsABookDelta()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-update.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookDelta, t.Venue, t.Btc, 1597026383085, seqId: 123457, prevSeqId: 123456,
            checksum: 0, DocsSnapshotBids, DocsSnapshotAsks);
    }

    [Fact]
    public void Books5Push_IsAFiveLevelSnapshot_WithPrevSeqIdMinusOne()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books5.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookSnapshot, t.Venue, t.Bch, 1670324386802, seqId: 363996337, prevSeqId: -1,
            checksum: 0,
            bids: [["111.05", "57745"], ["111.04", "57109"], ["111.03", "69563"], ["111.02", "71248"], ["111.01", "65090"]],
            asks: [["111.06", "55154"], ["111.07", "53276"], ["111.08", "72435"], ["111.09", "70312"], ["111.1", "67272"]]);
    }

    [Theory]
    [InlineData("books50-l2-tbt")]
    [InlineData("books-l2-tbt")]
    public void TickByTickBooks_AreReadLikeBooks(string channel)
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        var frame = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Venues", "Okx", "Fixtures", "ws-books-update.json"))
            .Replace("\"channel\": \"books\"", $"\"channel\": \"{channel}\"");
        Assert.Equal(FrameResult.MarketData, t.Parse(frame));

        OkxEventAssert.Book(Assert.Single(t.Events), MarketEventKind.BookDelta, t.Venue, t.Btc, 1597026383085, seqId: 123457,
            prevSeqId: 123456, checksum: 0, DocsSnapshotBids, DocsSnapshotAsks);
    }

    [Fact]
    public void IdleHeartbeat_IsAnEmptyDeltaWithSeqIdEqualToPrevSeqId()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-idle-heartbeat.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookDelta, t.Venue, t.Btc, 1597026443085, seqId: 123457, prevSeqId: 123457,
            checksum: 0, bids: [], asks: []);
    }

    [Fact]
    public void SequenceReset_IsADeltaWithSeqIdBelowPrevSeqId()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-sequence-reset.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookDelta, t.Venue, t.Btc, 1597026503085, seqId: 3, prevSeqId: 123457,
            checksum: 0, bids: [["8476.5", "12"]], asks: [["8477", "0"]]);
    }

    [Fact]
    public void SnapshotWithNonZeroChecksum_CarriesTheChecksumComputedFromItsOwnStrings()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-snapshot-checksum.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1597026383085, seqId: 10, prevSeqId: -1,
            checksum: -1881014294, bids: [["3366.1", "7"], ["3366", "6"]], asks: [["3366.8", "9"], ["3368", "8"]],
            computedChecksum: -1881014294);
    }

    [Fact]
    public void LargeSnapshot_IsSplitIntoParts_WithTheHeaderOnEveryPart()
    {
        var t = new OkxTestVenue();
        var bids = Enumerable.Range(0, 150).Select(i => new[] { (50000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), "1.5" }).ToArray();
        var asks = Enumerable.Range(0, 10).Select(i => new[] { (50001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "2" }).ToArray();
        var frame = BooksFrame("snapshot", "BTC-USDT-SWAP", bids, asks, prevSeqId: -1, seqId: 77);

        Assert.Equal(FrameResult.MarketData, t.Parse(frame));

        var events = t.Events;
        Assert.Equal(3, events.Length);
        OkxEventAssert.Book(events[0], MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1700000000000, 77, -1, 0, bids[..64], asks,
            part: 0, more: true);
        OkxEventAssert.Book(events[1], MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1700000000000, 77, -1, 0, bids[64..128], [],
            part: 1, more: true);
        OkxEventAssert.Book(events[2], MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1700000000000, 77, -1, 0, bids[128..], [],
            part: 2, more: false);
    }

    [Fact]
    public void MembersInAnyOrder_GiveTheSameEvents()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        const string reordered = """
            {"data":[{"seqId":123457,"ts":"1597026383085","bids":[["8476.97","256","0","12"]],"prevSeqId":123456,
                      "checksum":0,"asks":[["8476.98","415","0","13"]]}],
             "action":"update","arg":{"instId":"BTC-USDT","channel":"books"}}
            """;
        Assert.Equal(FrameResult.MarketData, t.Parse(reordered));
        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookDelta, t.Venue, t.Btc, 1597026383085, 123457, 123456, 0,
            bids: [["8476.97", "256"]], asks: [["8476.98", "415"]]);

        const string fundingLast = """
            {"data":[{"ts":"1700724675402","nextFundingTime":"1700755200000","fundingTime":"1700726400000",
                      "fundingRate":"0.0001875391284828"}],"arg":{"instId":"BTC-USD-SWAP","channel":"funding-rate"}}
            """;
        Assert.Equal(FrameResult.MarketData, t.Parse(fundingLast));
        OkxEventAssert.Funding(Assert.Single(t.Events), t.Venue, t.BtcUsd, 1700724675402,
            FundingFields.Rate | FundingFields.NextFundingTime | FundingFields.IntervalHours,
            rate: "0.0001875391284828", nextFundingTimeMs: 1700726400000, intervalHours: 8);
    }

    [Fact]
    public void UnknownExtraFields_AreSkippedEverywhere()
    {
        var t = new OkxTestVenue();
        const string frame = """
            {"id":"7","extra":{"a":[1,2,{"b":null}]},"arg":{"channel":"books","instId":"BTC-USDT-SWAP","uid":"1","x":[]},
             "action":"snapshot","more":[{"k":1}],
             "data":[{"asks":[["100.5","3","0","1",{"future":true},[9]]],"bids":[["100.4","2","0","1"]],"newField":{"n":[1]},
                      "ts":"1700000000000","checksum":0,"prevSeqId":-1,"seqId":5,"flag":true,"nothing":null}],"tail":1.5}
            """;

        Assert.Equal(FrameResult.MarketData, t.Parse(frame));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1700000000000, 5, -1, 0,
            bids: [["100.4", "2"]], asks: [["100.5", "3"]]);
    }

    // ---- control frames -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ws-subscribe-ack.json", FrameClass.Control, FrameIssue.None)]
    [InlineData("ws-notice.json", FrameClass.Control, FrameIssue.None)]
    [InlineData("ws-error.json", FrameClass.VenueError, FrameIssue.VenueError)]
    [InlineData("ws-pong.txt", FrameClass.Pong, FrameIssue.None)]
    public void ControlFrames_AreClassifiedAndWriteNoEvents(string fixture, FrameClass expectedClass, FrameIssue expectedIssue)
    {
        var t = new OkxTestVenue();

        Assert.Equal(new FrameResult(expectedClass, expectedIssue), t.Parse(OkxTestVenue.Fixture(fixture)));
        Assert.All(t.Events, e => Assert.Equal(MarketEventKind.None, e.Kind));
    }

    [Theory]
    [InlineData("""{"event":"unsubscribe","arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"connId":"d0b44253"}""", FrameClass.Control)]
    [InlineData("""{"event":"channel-conn-count","channel":"orders","connCount":"2","connId":"abcd1234"}""", FrameClass.Control)]
    [InlineData("""{"event":"channel-conn-count-error","channel":"orders","connCount":"30","connId":"a4d3ae55"}""", FrameClass.VenueError)]
    [InlineData("""{"event":"subscribe","arg":{"channel":"instruments","instType":"SWAP"},"connId":"a4d3ae55"}""", FrameClass.Control)]
    public void OtherDocumentedEvents_AreControlOrVenueError(string frame, FrameClass expected)
    {
        var t = new OkxTestVenue();

        Assert.Equal(expected, t.Parse(frame).Class);
        Assert.Empty(t.Events);
    }

    // ---- REST ----------------------------------------------------------------------------------------------------

    [Fact]
    public void RestBooks_IsASnapshotOfTheRequestedInstrument()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        Assert.Equal(FrameResult.MarketData,
            t.ParseRest("/api/v5/market/books?instId=BTC-USDT&sz=400", OkxTestVenue.Fixture("rest-books.json")));

        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1629966436396, seqId: 3235851742, prevSeqId: -1,
            checksum: 0, bids: [["41006.3", "0.30178218"]], asks: [["41006.8", "0.60038921"]]);
    }

    [Fact]
    public void RestBooksWithoutSeqId_HasSeqIdZero()
    {
        var t = new OkxTestVenue();
        const string body = """{"code":"0","msg":"","data":[{"asks":[["41006.8","0.6","0","1"]],"bids":[],"ts":"1629966436396"}]}""";

        Assert.Equal(FrameResult.MarketData, t.ParseRest("/api/v5/market/books?instId=BTC-USDT-SWAP", body));

        OkxEventAssert.Book(Assert.Single(t.Events), MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1629966436396, 0, -1, 0,
            bids: [], asks: [["41006.8", "0.6"]]);
    }

    [Fact]
    public void RestFundingRate_IsTheSameFundingEventAsThePush()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData,
            t.ParseRest("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP", OkxTestVenue.Fixture("rest-funding-rate.json")));

        OkxEventAssert.Funding(Assert.Single(t.Events), t.Venue, t.Btc, 1743588686291,
            FundingFields.Rate | FundingFields.NextFundingTime | FundingFields.IntervalHours,
            rate: "0.0000182221218054", nextFundingTimeMs: 1743609600000, intervalHours: 8);
    }

    [Fact]
    public void RestMarkPrice_IsAMarkPriceEvent()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData,
            t.ParseRest("/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP", OkxTestVenue.Fixture("rest-mark-price.json")));

        OkxEventAssert.Funding(Assert.Single(t.Events), t.Venue, t.Btc, 1597026383085, FundingFields.MarkPrice, mark: "200");
    }

    [Fact]
    public void RestIndexTickers_IsAnIndexPriceEventOfThePerpetual()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData,
            t.ParseRest("/api/v5/market/index-tickers?instId=BTC-USDT", OkxTestVenue.Fixture("rest-index-tickers.json")));

        OkxEventAssert.Funding(Assert.Single(t.Events), t.Venue, t.Btc, 1649419644492, FundingFields.IndexPrice, index: "43350");
    }

    [Fact]
    public void RestList_SkipsInstrumentsWeDoNotTrack()
    {
        var t = new OkxTestVenue();
        const string body = """
            {"code":"0","msg":"","data":[
              {"instType":"SWAP","instId":"XRP-USDT-SWAP","markPx":"0.5","ts":"1597026383085"},
              {"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"200","ts":"1597026383086"},
              {"instType":"SWAP","instId":"A-VERY-LONG-INSTRUMENT-ID-THAT-CANNOT-BE-OURS-AT-ALL-NOT-EVEN-CLOSE-SWAP","markPx":"1","ts":"1597026383087"}]}
            """;

        Assert.Equal(FrameResult.MarketData, t.ParseRest("/api/v5/public/mark-price?instType=SWAP", body));

        OkxEventAssert.Funding(Assert.Single(t.Events), t.Venue, t.Btc, 1597026383086, FundingFields.MarkPrice, mark: "200");
    }

    [Fact]
    public void RestList_WithNoInstrumentOfOurs_IsUnknownSymbol()
    {
        var t = new OkxTestVenue();
        const string body = """{"code":"0","msg":"","data":[{"instType":"SWAP","instId":"XRP-USDT-SWAP","markPx":"0.5","ts":"1597026383085"}]}""";

        Assert.Equal(FrameResult.Bad(FrameIssue.UnknownSymbol), t.ParseRest("/api/v5/public/mark-price?instType=SWAP", body));
    }

    [Theory]
    [InlineData("/api/v5/market/books?instId=BTC-USDT-SWAP")]
    [InlineData("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP")]
    [InlineData("/api/v5/public/mark-price?instType=SWAP")]
    public void RestErrorCode_IsVenueError(string pathAndQuery)
    {
        var t = new OkxTestVenue();

        Assert.Equal(FrameResult.VenueError, t.ParseRest(pathAndQuery, OkxTestVenue.Fixture("rest-error.json")));
        Assert.Empty(t.Events);
    }

    [Fact]
    public void RestErrorCodeAfterTheData_StillWins()
    {
        var t = new OkxTestVenue();
        const string body = """{"data":[{"instId":"BTC-USDT-SWAP","markPx":"200","ts":"1597026383085"}],"code":"50011","msg":"x"}""";

        Assert.Equal(FrameResult.VenueError, t.ParseRest("/api/v5/public/mark-price?instType=SWAP", body));
        Assert.All(t.Events, e => Assert.Equal(MarketEventKind.None, e.Kind));
    }

    [Theory]
    [InlineData("/api/v5/market/tickers?instType=SWAP")]
    [InlineData("")]
    public void RestUnknownPath_IsUnknownMessage(string pathAndQuery)
    {
        var t = new OkxTestVenue();

        Assert.Equal(FrameResult.Bad(FrameIssue.UnknownMessage), t.ParseRest(pathAndQuery, OkxTestVenue.Fixture("rest-mark-price.json")));
    }

    [Fact]
    public void RestInstruments_IsControl_ForTheMetadataParser()
    {
        var t = new OkxTestVenue();

        Assert.Equal(FrameResult.Control, t.ParseRest("/api/v5/public/instruments?instType=SWAP", OkxTestVenue.Fixture("rest-instruments-swap.json")));
        Assert.DoesNotContain(t.Events, e => e.Kind != MarketEventKind.None);
    }

    [Theory]
    [InlineData("/api/v5/market/books", """{"code":"0","msg":"","data":[{"asks":[],"bids":[],"ts":"1629966436396"}]}""", FrameIssue.MissingField)]
    [InlineData("/api/v5/market/books?instId=XRP-USDT-SWAP", """{"code":"0","msg":"","data":[{"asks":[],"bids":[],"ts":"1629966436396"}]}""", FrameIssue.UnknownSymbol)]
    [InlineData("/api/v5/public/mark-price?instType=SWAP", """{"msg":"","data":[]}""", FrameIssue.MissingField)]
    [InlineData("/api/v5/public/mark-price?instType=SWAP", """{"code":"0","msg":""}""", FrameIssue.MissingField)]
    [InlineData("/api/v5/public/mark-price?instType=SWAP", """{"code":"0","data":[{"instId":"BTC-USDT-SWAP","markPx":"-1","ts":"1597026383085"}]}""", FrameIssue.NegativeValue)]
    [InlineData("/api/v5/public/mark-price?instType=SWAP", """{"code":"0","data":[{"instId":"BTC-USDT-SWAP","markPx":"200","ts":"1597026383085"}""", FrameIssue.MalformedJson)]
    [InlineData("/api/v5/public/mark-price?instType=SWAP", """[]""", FrameIssue.UnexpectedShape)]
    public void RestBadBodies_AreRefused(string pathAndQuery, string body, FrameIssue expected)
    {
        var t = new OkxTestVenue();
        FrameResult result = default;

        Assert.Null(Record.Exception(() => result = t.ParseRest(pathAndQuery, body)));
        Assert.Equal(FrameResult.Bad(expected), result);
        Assert.All(t.Events, e => Assert.Equal(MarketEventKind.None, e.Kind));
    }

    internal static string BooksFrame(string action, string instId, string[][] bids, string[][] asks, long prevSeqId, long seqId,
        int checksum = 0)
    {
        static string Levels(string[][] levels) =>
            string.Join(",", levels.Select(l => $"[\"{l[0]}\",\"{l[1]}\",\"0\",\"1\"]"));
        var sb = new StringBuilder();
        sb.Append($"{{\"arg\":{{\"channel\":\"books\",\"instId\":\"{instId}\"}},\"action\":\"{action}\",\"data\":[{{");
        sb.Append($"\"asks\":[{Levels(asks)}],\"bids\":[{Levels(bids)}],\"ts\":\"1700000000000\",");
        sb.Append($"\"checksum\":{checksum},\"prevSeqId\":{prevSeqId},\"seqId\":{seqId}}}]}}");
        return sb.ToString();
    }
}
