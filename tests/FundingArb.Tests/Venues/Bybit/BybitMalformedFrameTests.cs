using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>Bad input: the exact issue, no exception, nothing published.</summary>
public sealed class BybitMalformedFrameTests
{
    private const string Ticker =
        """{"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","markPrice":"66666.60","indexPrice":"115418.19","fundingRate":"-0.005","nextFundingTime":"1760342400000","fundingIntervalHour":"8"},"cs":9532239429,"ts":1760325052630}""";

    private const string Book =
        """{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT","b":[["30247.20","30.028"],["30240.00","0"]],"a":[["30248.70","0.5"]],"u":177400507,"seq":66544703342},"cts":1687940967464}""";

    private readonly BybitTestFeed _feed = new();

    public static TheoryData<string, string, FrameIssue> WebSocketFrames()
    {
        var data = new TheoryData<string, string, FrameIssue>
        {
            // not JSON / truncated / wrong shape
            { "empty input", "", FrameIssue.MalformedJson },
            { "whitespace", "   ", FrameIssue.MalformedJson },
            { "not json", "hello bybit", FrameIssue.MalformedJson },
            { "truncated object", "{", FrameIssue.MalformedJson },
            { "truncated ticker", Ticker[..(Ticker.Length / 2)], FrameIssue.MalformedJson },
            { "truncated book", Book[..(Book.Length - 30)], FrameIssue.MalformedJson },
            { "truncated after the object", Book[..^1], FrameIssue.MalformedJson },
            { "trailing garbage", Book + "x", FrameIssue.MalformedJson },
            { "two objects", Book + Book, FrameIssue.MalformedJson },
            { "single quotes", "{'topic':'tickers.BTCUSDT'}", FrameIssue.MalformedJson },
            { "empty array", "[]", FrameIssue.UnexpectedShape },
            { "array of the frame", "[" + Book + "]", FrameIssue.UnexpectedShape },
            { "number", "42", FrameIssue.UnexpectedShape },
            { "string", "\"pong\"", FrameIssue.UnexpectedShape },
            { "empty object", "{}", FrameIssue.UnknownMessage },
            { "unknown op", """{"op":"whatever","conn_id":"x"}""", FrameIssue.UnknownMessage },
            { "success not a bool", """{"success":"yes","op":"subscribe"}""", FrameIssue.UnexpectedShape },
            // topics
            { "public trade topic", """{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT","S":"Buy","v":"0.001","p":"16578.50"}]}""", FrameIssue.UnknownMessage },
            { "kline topic", """{"topic":"kline.5.BTCUSDT","data":[],"ts":1672324988882,"type":"snapshot"}""", FrameIssue.UnknownMessage },
            { "orderbook topic without symbol", Book.Replace("orderbook.50.BTCUSDT", "orderbook.50"), FrameIssue.UnknownMessage },
            { "topic not a string", Book.Replace("\"orderbook.50.BTCUSDT\"", "50"), FrameIssue.UnexpectedShape },
            { "unknown ticker symbol", Ticker.Replace("BTCUSDT", "ETHUSDT"), FrameIssue.UnknownSymbol },
            { "unknown book symbol", Book.Replace("BTCUSDT", "ETHUSDT"), FrameIssue.UnknownSymbol },
            { "empty topic symbol", Ticker.Replace("tickers.BTCUSDT", "tickers."), FrameIssue.UnknownSymbol },
            { "data symbol is not the topic's (ticker)", Ticker.Replace("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"AAVEUSDT\""), FrameIssue.UnexpectedShape },
            { "data symbol is not the topic's (book)", Book.Replace("\"s\":\"BTCUSDT\"", "\"s\":\"AAVEUSDT\""), FrameIssue.UnexpectedShape },
            // missing required fields
            { "ticker without data", """{"topic":"tickers.BTCUSDT","type":"snapshot","cs":1,"ts":1760325052630}""", FrameIssue.MissingField },
            { "ticker without ts", Ticker.Replace(",\"ts\":1760325052630", ""), FrameIssue.MissingField },
            { "ticker data null", """{"topic":"tickers.BTCUSDT","type":"snapshot","data":null,"ts":1760325052630}""", FrameIssue.MissingField },
            { "book without type", Book.Replace("\"type\":\"delta\",", ""), FrameIssue.MissingField },
            { "book without ts", Book.Replace("\"ts\":1687940967466,", ""), FrameIssue.MissingField },
            { "book without data", """{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466}""", FrameIssue.MissingField },
            { "book without u", Book.Replace("\"u\":177400507,", ""), FrameIssue.MissingField },
            { "book without b", Book.Replace("\"b\":[[\"30247.20\",\"30.028\"],[\"30240.00\",\"0\"]],", ""), FrameIssue.MissingField },
            { "book without a", Book.Replace("\"a\":[[\"30248.70\",\"0.5\"]],", ""), FrameIssue.MissingField },
            { "book b null", Book.Replace("\"b\":[[\"30247.20\",\"30.028\"],[\"30240.00\",\"0\"]]", "\"b\":null"), FrameIssue.MissingField },
            { "u null", Book.Replace("\"u\":177400507", "\"u\":null"), FrameIssue.MissingField },
            // wrong types and shapes
            { "unknown book type", Book.Replace("\"delta\"", "\"partial\""), FrameIssue.UnexpectedShape },
            { "book type not a string", Book.Replace("\"delta\"", "2"), FrameIssue.UnexpectedShape },
            { "book type is an object", Book.Replace("\"delta\"", "{\"kind\":\"delta\"}"), FrameIssue.UnexpectedShape },
            { "op is an object", """{"op":{"name":"whatever"},"conn_id":"x"}""", FrameIssue.UnknownMessage },
            { "ticker data is an array", """{"topic":"tickers.BTCUSDT","type":"snapshot","data":[{"symbol":"BTCUSDT"}],"ts":1760325052630}""", FrameIssue.UnexpectedShape },
            { "book data is a string", """{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":"x"}""", FrameIssue.UnexpectedShape },
            { "data twice", Ticker.Replace(",\"cs\":9532239429", ",\"data\":{}"), FrameIssue.UnexpectedShape },
            { "b is an object", Book.Replace("\"b\":[[\"30247.20\",\"30.028\"],[\"30240.00\",\"0\"]]", "\"b\":{\"30247.20\":\"30.028\"}"), FrameIssue.UnexpectedShape },
            { "level is a string", Book.Replace("[\"30247.20\",\"30.028\"]", "\"30247.20\""), FrameIssue.UnexpectedShape },
            { "level has one element", Book.Replace("[\"30247.20\",\"30.028\"]", "[\"30247.20\"]"), FrameIssue.UnexpectedShape },
            { "level is empty", Book.Replace("[\"30247.20\",\"30.028\"]", "[]"), FrameIssue.UnexpectedShape },
            { "level has three elements", Book.Replace("[\"30247.20\",\"30.028\"]", "[\"30247.20\",\"30.028\",\"1\"]"), FrameIssue.UnexpectedShape },
            { "symbol not a string", Book.Replace("\"s\":\"BTCUSDT\"", "\"s\":7"), FrameIssue.UnexpectedShape },
            { "mark price is a bool", Ticker.Replace("\"66666.60\"", "true"), FrameIssue.InvalidNumber },
            { "mark price is an object", Ticker.Replace("\"66666.60\"", "{}"), FrameIssue.InvalidNumber },
            { "u is text", Book.Replace("177400507", "\"abc\""), FrameIssue.InvalidNumber },
            { "u is fractional", Book.Replace("177400507", "1.5"), FrameIssue.InvalidNumber },
            { "u overflows", Book.Replace("177400507", "99999999999999999999"), FrameIssue.InvalidNumber },
            { "ts is text", Book.Replace("1687940967466,", "\"soon\","), FrameIssue.InvalidNumber },
            { "next funding time is text", Ticker.Replace("\"1760342400000\"", "\"soon\""), FrameIssue.InvalidNumber },
            { "interval is text", Ticker.Replace("\"fundingIntervalHour\":\"8\"", "\"fundingIntervalHour\":\"eight\""), FrameIssue.InvalidNumber },
            // NaN, infinities, signs, zero, absurd
            { "mark price NaN", Ticker.Replace("\"66666.60\"", "\"NaN\""), FrameIssue.InvalidNumber },
            { "mark price nan", Ticker.Replace("\"66666.60\"", "\"nan\""), FrameIssue.InvalidNumber },
            { "index price Infinity", Ticker.Replace("\"115418.19\"", "\"Infinity\""), FrameIssue.InvalidNumber },
            { "rate -Infinity", Ticker.Replace("\"-0.005\"", "\"-Infinity\""), FrameIssue.InvalidNumber },
            { "level price NaN", Book.Replace("\"30247.20\"", "\"NaN\""), FrameIssue.InvalidNumber },
            { "level size nan", Book.Replace("\"30.028\"", "\"nan\""), FrameIssue.InvalidNumber },
            { "level price with spaces", Book.Replace("\"30247.20\"", "\" 30247.20\""), FrameIssue.InvalidNumber },
            { "mark price negative", Ticker.Replace("\"66666.60\"", "\"-66666.60\""), FrameIssue.NegativeValue },
            { "level price negative", Book.Replace("\"30247.20\"", "\"-30247.20\""), FrameIssue.NegativeValue },
            { "level size negative", Book.Replace("\"30.028\"", "\"-0.5\""), FrameIssue.NegativeValue },
            { "u negative", Book.Replace("177400507", "-5"), FrameIssue.NegativeValue },
            { "seq negative", Book.Replace("66544703342", "-1"), FrameIssue.NegativeValue },
            { "interval negative", Ticker.Replace("\"fundingIntervalHour\":\"8\"", "\"fundingIntervalHour\":\"-8\""), FrameIssue.NegativeValue },
            { "ts negative", Book.Replace("1687940967466,", "-1687940967466,"), FrameIssue.NegativeValue },
            { "mark price zero", Ticker.Replace("\"66666.60\"", "\"0\""), FrameIssue.AbsurdValue },
            { "level price zero", Book.Replace("\"30247.20\"", "\"0\""), FrameIssue.AbsurdValue },
            { "u zero", Book.Replace("177400507", "0"), FrameIssue.AbsurdValue },
            { "mark price absurd", Ticker.Replace("\"66666.60\"", "\"1e12\""), FrameIssue.AbsurdValue },
            { "level size absurd", Book.Replace("\"30.028\"", "\"99999999999\""), FrameIssue.AbsurdValue },
            { "price overflows", Book.Replace("\"30247.20\"", "\"1e300\""), FrameIssue.AbsurdValue },
            { "rate absurd", Ticker.Replace("\"-0.005\"", "\"0.9\""), FrameIssue.AbsurdValue },
            { "next funding time zero", Ticker.Replace("\"1760342400000\"", "\"0\""), FrameIssue.AbsurdValue },
            { "next funding time in seconds", Ticker.Replace("\"1760342400000\"", "\"1760342400\""), FrameIssue.AbsurdValue },
            { "ts absurd", Book.Replace("1687940967466,", "5687940967466,"), FrameIssue.AbsurdValue },
            { "interval zero", Ticker.Replace("\"fundingIntervalHour\":\"8\"", "\"fundingIntervalHour\":\"0\""), FrameIssue.AbsurdValue },
            { "interval absurd", Ticker.Replace("\"fundingIntervalHour\":\"8\"", "\"fundingIntervalHour\":\"480\""), FrameIssue.AbsurdValue },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(WebSocketFrames))]
    public void BadFrame_GivesTheExactIssue_AndPublishesNothing(string because, string frame, FrameIssue expected)
    {
        var result = _feed.Parse(frame);

        Assert.True(expected == result.Issue, $"{because}: expected {expected}, got {result.Issue}");
        Assert.Equal(FrameClass.MarketData, result.Class);
        Assert.Empty(_feed.Events());
        Assert.Equal(0, _feed.Sink.Count);
    }

    public static TheoryData<string, string, string, FrameIssue> RestBodies() => new()
    {
        { "unknown path", "/v5/market/kline?category=linear&symbol=BTCUSDT", """{"retCode":0,"result":{}}""", FrameIssue.UnknownMessage },
        { "not json", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", "<html>403</html>", FrameIssue.MalformedJson },
        { "truncated", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"retMsg":"OK","result":{"s":"BTCUSDT","a":[["65557.7",""", FrameIssue.MalformedJson },
        { "array", "/v5/market/tickers?category=linear", "[]", FrameIssue.UnexpectedShape },
        { "no retCode", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retMsg":"OK","result":{"s":"BTCUSDT","a":[],"b":[],"ts":1716863719031,"u":1}}""", FrameIssue.MissingField },
        { "no result", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"retMsg":"OK","time":1716863719382}""", FrameIssue.MissingField },
        { "result null", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"retMsg":"OK","result":null}""", FrameIssue.MissingField },
        { "result is a list", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"retMsg":"OK","result":[]}""", FrameIssue.UnexpectedShape },
        { "orderbook without s", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"result":{"a":[],"b":[],"ts":1716863719031,"u":230704}}""", FrameIssue.MissingField },
        { "orderbook without ts", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"result":{"s":"BTCUSDT","a":[],"b":[],"u":230704}}""", FrameIssue.MissingField },
        { "orderbook without u", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"result":{"s":"BTCUSDT","a":[],"b":[],"ts":1716863719031}}""", FrameIssue.MissingField },
        { "orderbook unknown symbol", "/v5/market/orderbook?category=linear&symbol=ETHUSDT", """{"retCode":0,"result":{"s":"ETHUSDT","a":[],"b":[],"ts":1716863719031,"u":230704}}""", FrameIssue.UnknownSymbol },
        { "orderbook NaN size", "/v5/market/orderbook?category=linear&symbol=BTCUSDT", """{"retCode":0,"result":{"s":"BTCUSDT","a":[["65557.7","NaN"]],"b":[],"ts":1716863719031,"u":230704}}""", FrameIssue.InvalidNumber },
        { "tickers without list", "/v5/market/tickers?category=linear", """{"retCode":0,"result":{"category":"linear"},"time":1760352369814}""", FrameIssue.MissingField },
        { "tickers without time", "/v5/market/tickers?category=linear", """{"retCode":0,"result":{"category":"linear","list":[{"symbol":"BTCUSDT","markPrice":"1"}]}}""", FrameIssue.MissingField },
        { "tickers item without symbol", "/v5/market/tickers?category=linear", """{"retCode":0,"result":{"list":[{"markPrice":"1"}]},"time":1760352369814}""", FrameIssue.MissingField },
        { "tickers all unknown", "/v5/market/tickers?category=linear&symbol=ETHUSDT", """{"retCode":0,"result":{"list":[{"symbol":"ETHUSDT","markPrice":"1"}]},"time":1760352369814}""", FrameIssue.UnknownSymbol },
        { "tickers negative mark", "/v5/market/tickers?category=linear&symbol=BTCUSDT", """{"retCode":0,"result":{"list":[{"symbol":"BTCUSDT","markPrice":"-1"}]},"time":1760352369814}""", FrameIssue.NegativeValue },
    };

    [Theory]
    [MemberData(nameof(RestBodies))]
    public void BadRestBody_GivesTheExactIssue_AndPublishesNothing(string because, string pathAndQuery, string body, FrameIssue expected)
    {
        var result = _feed.ParseRest(pathAndQuery, body);

        Assert.True(expected == result.Issue, $"{because}: expected {expected}, got {result.Issue}");
        Assert.Empty(_feed.Events());
    }

    [Theory]
    [InlineData("""{"retCode":10001,"retMsg":"params error: symbol invalid","result":{},"retExtInfo":{},"time":1716863719382}""")]
    [InlineData("""{"result":{},"retExtInfo":{},"time":1716863719382,"retMsg":"Too many visits","retCode":10006}""")]
    public void RestError_IsAVenueError(string body)
    {
        var result = _feed.ParseRest("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=200", body);

        Assert.Equal(FrameResult.VenueError, result);
        Assert.Empty(_feed.Events());
    }

    [Fact]
    public void MoreLevelsThanTheSinkHolds_Overflows_AndTheParserCarriesOn()
    {
        // 64 slots × 64 levels a side is the most one frame can carry; one more level overflows the sink.
        var frame = BybitMarketParserTests.BookFrame("snapshot", 18521288, bids: 64 * 64 + 1, asks: 3);

        var result = _feed.Parse(frame);

        Assert.Equal(FrameIssue.TooManyLevels, result.Issue);
        Assert.True(_feed.Sink.Overflowed);
        Assert.Empty(_feed.Events());

        // The next frame parses normally.
        Assert.Equal(FrameResult.MarketData, _feed.Parse(BybitTestFeed.Fixture("ws-orderbook-delta.json")));
        var evt = Assert.Single(_feed.Events());
        Assert.Equal(MarketEventKind.BookDelta, evt.Kind);
        Assert.Equal(177400507, evt.Book.UpdateId);
    }

    [Fact]
    public void EscapedStrings_AreUnescaped()
    {
        // Bybit never escapes these, but JSON allows it: "BTCUSDT" with \u0042 for B, "tickers" with \u0074.
        const string frame = """{"topic":"\u0074ickers.\u0042TCUSDT","type":"delta","data":{"symbol":"\u0042TCUSDT","\u006DarkPrice":"66666.60"},"ts":1760325052630}""";

        Assert.Equal(FrameResult.MarketData, _feed.Parse(Encoding.UTF8.GetBytes(frame)));
        var evt = Assert.Single(_feed.Events());
        Assert.Equal(_feed.Btc, evt.Instrument);
        Assert.Equal(FundingFields.MarkPrice, evt.Funding.Fields);
        Assert.Equal(Price.Parse("66666.60"), evt.Funding.MarkPrice);
    }
}
