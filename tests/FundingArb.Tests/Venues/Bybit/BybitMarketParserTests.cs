using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>Every documented fixture through the parser, every field of every event asserted.</summary>
public sealed class BybitMarketParserTests
{
    private const FundingFields AllFundingFields = FundingFields.MarkPrice | FundingFields.IndexPrice | FundingFields.Rate
                                                   | FundingFields.NextFundingTime | FundingFields.IntervalHours;

    private readonly BybitTestFeed _feed = new();

    [Fact]
    public void TickerSnapshot_IsOneFundingEventWithEveryFundingField()
    {
        var result = _feed.Parse(BybitTestFeed.Fixture("ws-ticker-snapshot.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.Funding, _feed.Btc, 1760325052630);
        Assert.Equal(AllFundingFields, evt.Funding.Fields);
        Assert.Equal(Price.Parse("66666.60"), evt.Funding.MarkPrice);
        Assert.Equal(Price.Parse("115418.19"), evt.Funding.IndexPrice);
        Assert.Equal(FundingRate.Parse("-0.005"), evt.Funding.Rate);
        Assert.Equal(1760342400000, evt.Funding.NextFundingTimeMs);
        Assert.Equal(8, evt.Funding.IntervalHours);
        AssertNoBook(evt);
    }

    [Fact]
    public void TickerDeltaWithNoneOfOurFields_IsOneFundingEventWithNoFields()
    {
        var result = _feed.Parse(BybitTestFeed.Fixture("ws-ticker-delta-ccxt.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.Funding, _feed.Aave, 1709210212704);
        Assert.Equal(FundingFields.None, evt.Funding.Fields);
        Assert.Equal(default, evt.Funding);
        AssertNoBook(evt);
    }

    [Fact]
    public void TickerDelta_CarriesOnlyTheFieldsItHas()
    {
        var result = _feed.Parse(BybitTestFeed.Fixture("ws-ticker-delta-funding.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.Funding, _feed.Btc, 1760325052730);
        Assert.Equal(FundingFields.MarkPrice | FundingFields.Rate, evt.Funding.Fields);
        Assert.Equal(Price.Parse("66668.25"), evt.Funding.MarkPrice);
        Assert.Equal(FundingRate.Parse("-0.00498"), evt.Funding.Rate);
        Assert.Equal(default, evt.Funding.IndexPrice);
        Assert.Equal(0, evt.Funding.NextFundingTimeMs);
        Assert.Equal(0, evt.Funding.IntervalHours);
        AssertNoBook(evt);
    }

    [Fact]
    public void TickerDelta_MergedDownstream_KeepsTheSnapshotsOtherFields()
    {
        var state = new FundingState();
        _feed.Parse(BybitTestFeed.Fixture("ws-ticker-snapshot.json"));
        state.Apply(_feed.Events()[0]);
        _feed.Parse(BybitTestFeed.Fixture("ws-ticker-delta-funding.json"));
        state.Apply(_feed.Events()[0]);

        Assert.Equal(AllFundingFields, state.Latest.Fields);
        Assert.Equal(Price.Parse("66668.25"), state.Latest.MarkPrice);
        Assert.Equal(Price.Parse("115418.19"), state.Latest.IndexPrice);
        Assert.Equal(FundingRate.Parse("-0.00498"), state.Latest.Rate);
        Assert.Equal(1760342400000, state.Latest.NextFundingTimeMs);
        Assert.Equal(8, state.Latest.IntervalHours);
        Assert.Equal(1760325052730, state.ExchangeTimeMs);
    }

    [Fact]
    public void TickerWithEmptyStrings_LeavesThoseFieldsUnset()
    {
        // Bybit sends "" for values an instrument does not have (yet), e.g. before listing: not available, not malformed.
        const string frame = """
            {"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","markPrice":"66666.60",
             "indexPrice":"","fundingRate":"","nextFundingTime":"","fundingIntervalHour":"","lastPrice":""},
             "cs":1,"ts":1760325052630}
            """;

        Assert.Equal(FrameResult.MarketData, _feed.Parse(frame));
        var evt = Assert.Single(_feed.Events());
        Assert.Equal(FundingFields.MarkPrice, evt.Funding.Fields);
        Assert.Equal(Price.Parse("66666.60"), evt.Funding.MarkPrice);
        Assert.Equal(default, evt.Funding.Rate);
    }

    [Fact]
    public void TickerNumbersAsJsonNumbers_AreReadToo()
    {
        const string frame = """
            {"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","markPrice":66666.6,"fundingRate":0.0001,
             "nextFundingTime":1760342400000,"fundingIntervalHour":4},"cs":1,"ts":1760325052630}
            """;

        Assert.Equal(FrameResult.MarketData, _feed.Parse(frame));
        var evt = Assert.Single(_feed.Events());
        Assert.Equal(FundingFields.MarkPrice | FundingFields.Rate | FundingFields.NextFundingTime | FundingFields.IntervalHours,
            evt.Funding.Fields);
        Assert.Equal(Price.Parse("66666.6"), evt.Funding.MarkPrice);
        Assert.Equal(FundingRate.Parse("0.0001"), evt.Funding.Rate);
        Assert.Equal(1760342400000, evt.Funding.NextFundingTimeMs);
        Assert.Equal(4, evt.Funding.IntervalHours);
    }

    [Fact]
    public void OrderbookSnapshot_IsOneSnapshotWithEveryLevel()
    {
        var frame = BybitTestFeed.Fixture("ws-orderbook-snapshot.json");

        var result = _feed.Parse(frame);

        Assert.Equal(FrameResult.MarketData, result);
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.BookSnapshot, _feed.Btc, 1672304484978);
        AssertSequence(evt, updateId: 18521288, crossSequence: 7961638724, part: 0, more: false);
        Assert.Equal(50, evt.Book.BidCount);
        Assert.Equal(50, evt.Book.AskCount);
        var (bids, asks) = LevelsOf(frame);
        AssertLevels(bids, evt.Book.BidLevels);
        AssertLevels(asks, evt.Book.AskLevels);
        // The levels the docs print, at the ends of the docs' "...":
        Assert.Equal((Price.Parse("16493.50"), Quantity.Parse("0.006")), Tuple(evt.Book.BidLevels[48]));
        Assert.Equal((Price.Parse("16493.00"), Quantity.Parse("0.100")), Tuple(evt.Book.BidLevels[49]));
        Assert.Equal((Price.Parse("16611.00"), Quantity.Parse("0.029")), Tuple(evt.Book.AskLevels[0]));
        Assert.Equal((Price.Parse("16612.00"), Quantity.Parse("0.213")), Tuple(evt.Book.AskLevels[1]));
        Assert.Equal(default, evt.Funding);
    }

    [Fact]
    public void OrderbookDelta_IsOneDeltaWithZeroSizesKept()
    {
        var result = _feed.Parse(BybitTestFeed.Fixture("ws-orderbook-delta.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.BookDelta, _feed.Btc, 1687940967466);
        AssertSequence(evt, updateId: 177400507, crossSequence: 66544703342, part: 0, more: false);
        AssertLevels(
            [("30247.20", "30.028"), ("30245.40", "0.224"), ("30242.10", "1.593"), ("30240.30", "1.305"), ("30240.00", "0")],
            evt.Book.BidLevels);
        AssertLevels(
            [("30248.70", "0"), ("30249.30", "0.892"), ("30249.50", "1.778"), ("30249.60", "0"), ("30251.90", "2.947"),
             ("30252.20", "0.659"), ("30252.50", "4.591")],
            evt.Book.AskLevels);
        Assert.Equal(default, evt.Funding);
    }

    [Theory]
    [InlineData("ws-subscribe-ack.json", FrameClass.Control)]
    [InlineData("ws-pong.json", FrameClass.Pong)]
    [InlineData("ws-pong-private.json", FrameClass.Pong)]
    public void ControlFixtures_AreClassifiedAndPublishNothing(string fixture, FrameClass expected)
    {
        var result = _feed.Parse(BybitTestFeed.Fixture(fixture));

        Assert.Equal(new FrameResult(expected, FrameIssue.None), result);
        Assert.Equal(0, _feed.Sink.Committed.Length);
    }

    [Theory]
    [InlineData("""{"args":["1672916271846"],"op":"pong"}""", FrameClass.Pong)] // option/spread public pong
    [InlineData("""{"success":true,"ret_msg":"pong","conn_id":"0970e817-426e-429a-a679-ff7f55e0b16a","op":"ping"}""", FrameClass.Pong)]
    [InlineData("""{"success":true,"ret_msg":"subscribe","conn_id":"2324d924","req_id":"10001","op":"subscribe"}""", FrameClass.Control)]
    [InlineData("""{"success":true,"ret_msg":"","op":"unsubscribe","conn_id":"x"}""", FrameClass.Control)]
    [InlineData("""{"success":true,"ret_msg":"","op":"auth","conn_id":"cejreaspqfh3sjdnldmg-p"}""", FrameClass.Control)]
    [InlineData("""{"success":false,"ret_msg":"error:handler not found,topic:orderbook.50.NOPEUSDT","conn_id":"c","req_id":"","op":"subscribe"}""", FrameClass.VenueError)]
    [InlineData("""{"op":"subscribe","success":false,"ret_msg":"error:too many args"}""", FrameClass.VenueError)]
    [InlineData("""{"op":["subscribe"],"success":true,"args":{"a":[1]}}""", FrameClass.Control)]
    public void ControlFrames_AreClassified(string frame, FrameClass expected)
    {
        var result = _feed.Parse(frame);

        Assert.Equal(expected, result.Class);
        Assert.Equal(expected == FrameClass.VenueError ? FrameIssue.VenueError : FrameIssue.None, result.Issue);
        Assert.Empty(_feed.Events());
    }

    [Fact]
    public void RestOrderbook_IsOneSnapshotTimedByResultTs()
    {
        var result = _feed.ParseRest("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=200",
            BybitTestFeed.Fixture("rest-orderbook.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.BookSnapshot, _feed.Btc, 1716863719031);
        AssertSequence(evt, updateId: 230704, crossSequence: 1432604333, part: 0, more: false);
        AssertLevels([("65485.47", "47.081829")], evt.Book.BidLevels);
        AssertLevels([("65557.7", "16.606555")], evt.Book.AskLevels);
        Assert.Equal(default, evt.Funding);
    }

    [Fact]
    public void RestTickers_IsOneFundingEventPerListedInstrumentTimedByTheEnvelope()
    {
        var result = _feed.ParseRest("/v5/market/tickers?category=inverse&symbol=BTCUSD",
            BybitTestFeed.Fixture("rest-tickers-inverse.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.Funding, _feed.BtcUsd, 1760352369814);
        Assert.Equal(AllFundingFields, evt.Funding.Fields);
        Assert.Equal(Price.Parse("114898.43"), evt.Funding.MarkPrice);
        Assert.Equal(Price.Parse("114890.92"), evt.Funding.IndexPrice);
        Assert.Equal(FundingRate.Parse("0.0001"), evt.Funding.Rate);
        Assert.Equal(1760371200000, evt.Funding.NextFundingTimeMs);
        Assert.Equal(8, evt.Funding.IntervalHours);
        AssertNoBook(evt);
    }

    [Fact]
    public void RestTickers_SkipsInstrumentsWeDoNotTrack()
    {
        const string body = """
            {"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[
             {"symbol":"ETHUSDT","markPrice":"2500.1","fundingRate":"0.0001"},
             {"symbol":"BTCUSDT","markPrice":"66666.6","fundingRate":"0.0002","nextFundingTime":"1760342400000"},
             {"symbol":"SOLUSDT","markPrice":"150"}]},"retExtInfo":{},"time":1760352369814}
            """;

        Assert.Equal(FrameResult.MarketData, _feed.ParseRest("/v5/market/tickers?category=linear", body));
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.Funding, _feed.Btc, 1760352369814);
        Assert.Equal(FundingFields.MarkPrice | FundingFields.Rate | FundingFields.NextFundingTime, evt.Funding.Fields);
        Assert.Equal(FundingRate.Parse("0.0002"), evt.Funding.Rate);
    }

    [Fact]
    public void Rest_instruments_info_is_control_for_the_metadata_parser_and_other_paths_unknown()
    {
        Assert.Equal(FrameResult.Control,
            _feed.ParseRest("/v5/market/instruments-info?category=linear&limit=1000", BybitTestFeed.Fixture("rest-instruments-info-linear.json")));
        Assert.Empty(_feed.Events());
        Assert.Equal(FrameResult.Bad(FrameIssue.UnknownMessage), _feed.ParseRest("/v5/market/kline?category=linear", "{}"));
    }

    // ---- key order -------------------------------------------------------------------------------------------------

    public static TheoryData<string> ReorderedDeltas => new()
    {
        // data before type and topic, ts last
        """{"data":{"s":"BTCUSDT","b":[["30247.20","30.028"]],"a":[["30248.70","0"]],"u":177400507,"seq":66544703342},"type":"delta","topic":"orderbook.50.BTCUSDT","cts":1,"ts":1687940967466}""",
        // ts before type (level-1 / spot order), symbol and sequence before the levels
        """{"topic":"orderbook.50.BTCUSDT","ts":1687940967466,"type":"delta","data":{"seq":66544703342,"u":177400507,"s":"BTCUSDT","a":[["30248.70","0"]],"b":[["30247.20","30.028"]]},"cts":1}""",
        // topic first, data before type
        """{"topic":"orderbook.50.BTCUSDT","data":{"b":[["30247.20","30.028"]],"a":[["30248.70","0"]],"u":177400507,"seq":66544703342,"s":"BTCUSDT"},"ts":1687940967466,"type":"delta"}""",
        // type first, data before topic
        """{"type":"delta","data":{"b":[["30247.20","30.028"]],"a":[["30248.70","0"]],"u":177400507,"seq":66544703342},"ts":1687940967466,"topic":"orderbook.50.BTCUSDT"}""",
    };

    [Theory]
    [MemberData(nameof(ReorderedDeltas))]
    public void BookFrame_AnyKeyOrder_GivesTheSameEvent(string frame)
    {
        Assert.Equal(FrameResult.MarketData, _feed.Parse(frame));

        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.BookDelta, _feed.Btc, 1687940967466);
        AssertSequence(evt, updateId: 177400507, crossSequence: 66544703342, part: 0, more: false);
        AssertLevels([("30247.20", "30.028")], evt.Book.BidLevels);
        AssertLevels([("30248.70", "0")], evt.Book.AskLevels);
    }

    [Theory]
    [InlineData("""{"data":{"markPrice":"66666.60","symbol":"BTCUSDT"},"ts":1760325052630,"cs":1,"type":"delta","topic":"tickers.BTCUSDT"}""")]
    [InlineData("""{"ts":1760325052630,"topic":"tickers.BTCUSDT","data":{"markPrice":"66666.60"},"type":"delta"}""")]
    public void TickerFrame_AnyKeyOrder_GivesTheSameEvent(string frame)
    {
        Assert.Equal(FrameResult.MarketData, _feed.Parse(frame));

        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.Funding, _feed.Btc, 1760325052630);
        Assert.Equal(FundingFields.MarkPrice, evt.Funding.Fields);
        Assert.Equal(Price.Parse("66666.60"), evt.Funding.MarkPrice);
    }

    [Fact]
    public void ExtraUnknownFieldsEverywhere_StillParse()
    {
        const string frame = """
            {"future":{"nested":[1,{"x":[]}]},"topic":"orderbook.50.BTCUSDT","type":"delta","newFlag":true,
             "ts":1687940967466,"data":{"s":"BTCUSDT","extra":[["1","2"]],"b":[["30247.20","30.028"]],
             "obj":{"u":5},"a":[["30248.70","0"]],"u":177400507,"seq":66544703342,"more":null},"cts":1687940967464,"z":"z"}
            """;

        Assert.Equal(FrameResult.MarketData, _feed.Parse(frame));
        var evt = Assert.Single(_feed.Events());
        AssertSequence(evt, updateId: 177400507, crossSequence: 66544703342, part: 0, more: false);
        AssertLevels([("30247.20", "30.028")], evt.Book.BidLevels);
        AssertLevels([("30248.70", "0")], evt.Book.AskLevels);
    }

    // ---- restart snapshots and multi-part frames -------------------------------------------------------------------

    [Fact]
    public void DeltaWithUpdateIdOne_IsPublishedAsASnapshot()
    {
        // "Occasionally, you'll receive "u"=1, which is a snapshot data due to the restart of the service."
        const string frame = """
            {"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,
             "data":{"s":"BTCUSDT","b":[["30247.20","30.028"]],"a":[["30248.70","1"]],"u":1,"seq":66544703342}}
            """;

        Assert.Equal(FrameResult.MarketData, _feed.Parse(frame));
        var evt = Assert.Single(_feed.Events());
        AssertEnvelope(evt, MarketEventKind.BookSnapshot, _feed.Btc, 1687940967466);
        AssertSequence(evt, updateId: 1, crossSequence: 66544703342, part: 0, more: false);
    }

    [Theory]
    [InlineData("delta", 177400507, MarketEventKind.BookDelta)]
    [InlineData("delta", 1, MarketEventKind.BookSnapshot)]
    [InlineData("snapshot", 177400507, MarketEventKind.BookSnapshot)]
    public void BookFrameBeyond64LevelsASide_IsSplitIntoLinkedParts(string type, long updateId, MarketEventKind kind)
    {
        var frame = BookFrame(type, updateId, bids: 200, asks: 130);

        Assert.Equal(FrameResult.MarketData, _feed.Parse(frame));
        var events = _feed.Events();
        // Bids and asks fill parts independently, opening a part only when a side is full in every part so far:
        // 200 bids take four parts (64 + 64 + 64 + 8), and the 130 asks fill the first three of them (64 + 64 + 2).
        Assert.Equal(4, events.Length);
        int[] bidCounts = [64, 64, 64, 8];
        int[] askCounts = [64, 64, 2, 0];
        var bidPrice = 30000_00L;
        var askPrice = 30001_00L;
        for (var i = 0; i < events.Length; i++)
        {
            var evt = events[i];
            AssertEnvelope(evt, kind, _feed.Btc, 1687940967466);
            AssertSequence(evt, updateId, crossSequence: 66544703342, part: (ushort)i, more: i < events.Length - 1);
            Assert.Equal(bidCounts[i], evt.Book.BidCount);
            Assert.Equal(askCounts[i], evt.Book.AskCount);
            foreach (var level in evt.Book.BidLevels)
            {
                Assert.Equal(new Price(bidPrice-- * (Price.One / 100)), level.Price);
                Assert.Equal(Quantity.Parse("0.5"), level.Quantity);
            }
            foreach (var level in evt.Book.AskLevels)
            {
                Assert.Equal(new Price(askPrice++ * (Price.One / 100)), level.Price);
                Assert.Equal(Quantity.Parse("0.25"), level.Quantity);
            }
        }
    }

    [Fact]
    public void RestOrderbookOf500Levels_IsSplitIntoParts()
    {
        var levels = string.Join(",", Enumerable.Range(0, 500).Select(i => $"[\"{60000 - i}.5\",\"1.000\"]"));
        var body = $$"""{"retCode":0,"retMsg":"OK","result":{"s":"BTCUSDT","b":[{{levels}}],"a":[["65557.7","16.606555"]],"ts":1716863719031,"u":230704,"seq":1432604333,"cts":1716863718905},"retExtInfo":{},"time":1716863719382}""";

        Assert.Equal(FrameResult.MarketData, _feed.ParseRest("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=500", body));
        var events = _feed.Events();
        Assert.Equal(8, events.Length); // ceil(500 / 64)
        Assert.Equal(500, events.Sum(e => e.Book.BidCount));
        Assert.Equal(1, events.Sum(e => e.Book.AskCount));
        for (var i = 0; i < events.Length; i++)
        {
            AssertEnvelope(events[i], MarketEventKind.BookSnapshot, _feed.Btc, 1716863719031);
            AssertSequence(events[i], updateId: 230704, crossSequence: 1432604333, part: (ushort)i, more: i < 7);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    internal static string BookFrame(string type, long updateId, int bids, int asks)
    {
        var text = new StringBuilder();
        text.Append("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"").Append(type).Append("\",\"ts\":1687940967466,\"data\":{\"s\":\"BTCUSDT\",\"b\":[");
        for (var i = 0; i < bids; i++)
            text.Append(i == 0 ? "" : ",").Append("[\"").Append(FormatCents(30000_00L - i)).Append("\",\"0.500\"]");
        text.Append("],\"a\":[");
        for (var i = 0; i < asks; i++)
            text.Append(i == 0 ? "" : ",").Append("[\"").Append(FormatCents(30001_00L + i)).Append("\",\"0.250\"]");
        text.Append("],\"u\":").Append(updateId).Append(",\"seq\":66544703342},\"cts\":1687940967464}");
        return text.ToString();
    }

    private static string FormatCents(long cents) => $"{cents / 100}.{cents % 100:D2}";

    private static void AssertEnvelope(in MarketEvent evt, MarketEventKind kind, InstrumentId instrument, long exchangeTimeMs)
    {
        Assert.Equal(kind, evt.Kind);
        Assert.Equal(new VenueId(1), evt.Venue);
        Assert.Equal(instrument, evt.Instrument);
        Assert.Equal(exchangeTimeMs, evt.ExchangeTimeMs);
        Assert.Equal(BybitTestFeed.ReceivedTimestamp, evt.ReceivedTimestamp);
    }

    private static void AssertSequence(in MarketEvent evt, long updateId, long crossSequence, ushort part, bool more)
    {
        Assert.Equal(0, evt.Book.FirstUpdateId);
        Assert.Equal(updateId, evt.Book.UpdateId);
        Assert.Equal(0, evt.Book.PrevUpdateId);
        Assert.Equal(crossSequence, evt.Book.CrossSequence);
        Assert.Equal(0, evt.Book.Checksum);
        Assert.Equal(part, evt.Book.Part);
        Assert.Equal(more, evt.Book.More);
    }

    private static void AssertNoBook(in MarketEvent evt)
    {
        Assert.Equal(0, evt.Book.BidCount);
        Assert.Equal(0, evt.Book.AskCount);
        AssertSequence(evt, updateId: 0, crossSequence: 0, part: 0, more: false);
    }

    private static void AssertLevels((string Price, string Quantity)[] expected, ReadOnlySpan<BookLevel> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Price.Parse(expected[i].Price), actual[i].Price);
            Assert.Equal(Quantity.Parse(expected[i].Quantity), actual[i].Quantity);
        }
    }

    private static (Price, Quantity) Tuple(BookLevel level) => (level.Price, level.Quantity);

    /// <summary>The fixture's levels read independently (DOM), as the oracle for the parser's.</summary>
    private static ((string, string)[] Bids, (string, string)[] Asks) LevelsOf(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        var data = document.RootElement.GetProperty("data");
        return (Read(data.GetProperty("b")), Read(data.GetProperty("a")));

        static (string, string)[] Read(JsonElement side) =>
            [.. side.EnumerateArray().Select(level => (level[0].GetString()!, level[1].GetString()!))];
    }
}
