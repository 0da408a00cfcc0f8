using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Okx;

public sealed class OkxMalformedInputTests
{
    private const string FundingArg = """{"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[""";
    private const string MarkArg = """{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[""";
    private const string BooksArg = """{"arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"action":"snapshot","data":[""";

    private static string Funding(string rate = "\"0.0001\"", string fundingTime = "\"1700726400000\"", string ts = "\"1700724675402\"",
        string instId = "\"BTC-USDT-SWAP\"") =>
        FundingArg + $$"""{"instId":{{instId}},"fundingRate":{{rate}},"fundingTime":{{fundingTime}},"nextFundingTime":"1700755200000","ts":{{ts}}}]}""";

    private static string Mark(string markPx, string ts = "\"1597026383085\"") =>
        MarkArg + $$"""{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":{{markPx}},"ts":{{ts}}}]}""";

    private static string Book(string asks = """[["8476.98","415","0","13"]]""", string bids = """[["8476.97","256","0","12"]]""",
        string seqId = "123456", string prevSeqId = "-1", string checksum = "0", string ts = "\"1597026383085\"") =>
        BooksArg + $$"""{"asks":{{asks}},"bids":{{bids}},"ts":{{ts}},"checksum":{{checksum}},"prevSeqId":{{prevSeqId}},"seqId":{{seqId}}}]}""";

    public static TheoryData<string, string, FrameIssue> Cases => new()
    {
        // not JSON, truncated, trailing garbage
        { "empty frame", "", FrameIssue.MalformedJson },
        { "not JSON", "hello", FrameIssue.MalformedJson },
        { "our own ping echoed", "ping", FrameIssue.MalformedJson },
        { "truncated funding", Funding()[..^10], FrameIssue.MalformedJson },
        { "truncated book", Book()[..^3], FrameIssue.MalformedJson },
        { "truncated after data", FundingArg + "]", FrameIssue.MalformedJson },
        { "trailing garbage", """{"event":"subscribe","arg":{"channel":"books"}}x""", FrameIssue.MalformedJson },
        { "two values", """{"event":"subscribe"}{"event":"subscribe"}""", FrameIssue.MalformedJson },
        { "single quotes", "{'event':'subscribe'}", FrameIssue.MalformedJson },

        // wrong shapes
        { "empty object", "{}", FrameIssue.UnknownMessage },
        { "empty array", "[]", FrameIssue.UnexpectedShape },
        { "array of frames", "[" + Mark("\"1\"") + "]", FrameIssue.UnexpectedShape },
        { "a string", "\"pong\"", FrameIssue.UnexpectedShape },
        { "a number", "42", FrameIssue.UnexpectedShape },
        { "arg is a string", """{"arg":"funding-rate","data":[]}""", FrameIssue.UnexpectedShape },
        { "data is an object", FundingArg[..^1] + "{}}", FrameIssue.UnexpectedShape },
        { "data item is a number", FundingArg + "1]}", FrameIssue.UnexpectedShape },
        { "instId is a number", Funding(instId: "5"), FrameIssue.UnexpectedShape },
        { "levels not an array", Book(asks: "\"8476.98\""), FrameIssue.UnexpectedShape },
        { "level not an array", Book(asks: """["8476.98","415"]"""), FrameIssue.UnexpectedShape },
        { "level with one element", Book(asks: """[["8476.98"]]"""), FrameIssue.UnexpectedShape },
        { "empty level", Book(bids: "[[]]"), FrameIssue.UnexpectedShape },
        { "unknown action", Book().Replace("\"snapshot\"", "\"partial\""), FrameIssue.UnexpectedShape },
        { "action is an object", Book().Replace("\"snapshot\"", "{\"data\":[],\"arg\":{}}"), FrameIssue.UnexpectedShape },
        { "channel is an array", """{"arg":{"channel":["books"],"instId":"BTC-USDT-SWAP"},"data":[]}""", FrameIssue.UnknownMessage },
        { "event is an object", """{"event":{"event":"subscribe"},"connId":"a4d3ae55"}""", FrameIssue.UnknownMessage },

        // wrong types
        { "rate is an object", Funding(rate: "{}"), FrameIssue.InvalidNumber },
        { "rate is true", Funding(rate: "true"), FrameIssue.InvalidNumber },
        { "price is an array", Mark("[1]"), FrameIssue.InvalidNumber },
        { "price is not a number", Mark("\"12a\""), FrameIssue.InvalidNumber },
        { "ts is a fraction", Mark("\"1\"", ts: "\"1597026383085.5\""), FrameIssue.InvalidNumber },
        { "seqId is a string of letters", Book(seqId: "\"abc\""), FrameIssue.InvalidNumber },
        { "seqId is a fraction", Book(seqId: "1.5"), FrameIssue.InvalidNumber },
        { "size is a bool", Book(asks: """[["8476.98",true,"0","1"]]"""), FrameIssue.InvalidNumber },
        { "price is null", Mark("null"), FrameIssue.MissingField },

        // missing required fields
        { "no arg", """{"data":[{"markPx":"1","ts":"1597026383085"}]}""", FrameIssue.MissingField },
        { "arg without channel", """{"arg":{"instId":"BTC-USDT-SWAP"},"data":[]}""", FrameIssue.MissingField },
        { "no data", """{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"}}""", FrameIssue.MissingField },
        { "no instId anywhere", """{"arg":{"channel":"mark-price"},"data":[{"markPx":"1","ts":"1597026383085"}]}""", FrameIssue.MissingField },
        { "no fundingRate", Funding().Replace("\"fundingRate\":\"0.0001\",", ""), FrameIssue.MissingField },
        { "empty fundingRate", Funding(rate: "\"\""), FrameIssue.MissingField },
        { "no fundingTime", Funding().Replace("\"fundingTime\":\"1700726400000\",", ""), FrameIssue.MissingField },
        { "no funding ts", Funding().Replace(",\"ts\":\"1700724675402\"", ""), FrameIssue.MissingField },
        { "no markPx", MarkArg + """{"instId":"BTC-USDT-SWAP","ts":"1597026383085"}]}""", FrameIssue.MissingField },
        { "no mark ts", MarkArg + """{"instId":"BTC-USDT-SWAP","markPx":"1"}]}""", FrameIssue.MissingField },
        { "no idxPx", """{"arg":{"channel":"index-tickers","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","ts":"1597026383085"}]}""", FrameIssue.MissingField },
        { "no asks", Book().Replace("\"asks\":[[\"8476.98\",\"415\",\"0\",\"13\"]],", ""), FrameIssue.MissingField },
        { "no bids", Book().Replace("\"bids\":[[\"8476.97\",\"256\",\"0\",\"12\"]],", ""), FrameIssue.MissingField },
        { "no book ts", Book().Replace("\"ts\":\"1597026383085\",", ""), FrameIssue.MissingField },
        { "no seqId", Book().Replace(",\"seqId\":123456", ""), FrameIssue.MissingField },
        { "no prevSeqId", Book().Replace(",\"prevSeqId\":-1", ""), FrameIssue.MissingField },
        { "no action", Book().Replace("\"action\":\"snapshot\",", ""), FrameIssue.MissingField },

        // NaN, infinities
        { "rate NaN", Funding(rate: "\"NaN\""), FrameIssue.InvalidNumber },
        { "rate nan", Funding(rate: "\"nan\""), FrameIssue.InvalidNumber },
        { "rate Infinity", Funding(rate: "\"Infinity\""), FrameIssue.InvalidNumber },
        { "price -Infinity", Mark("\"-Infinity\""), FrameIssue.InvalidNumber },
        { "price NaN", Mark("\"NaN\""), FrameIssue.InvalidNumber },
        { "level price nan", Book(bids: """[["nan","1","0","1"]]"""), FrameIssue.InvalidNumber },
        { "level size Infinity", Book(bids: """[["1","Infinity","0","1"]]"""), FrameIssue.InvalidNumber },

        // negative, zero, absurd
        { "negative mark price", Mark("\"-1\""), FrameIssue.NegativeValue },
        { "negative level price", Book(asks: """[["-8476.98","415","0","13"]]"""), FrameIssue.NegativeValue },
        { "negative level size", Book(bids: """[["8476.97","-256","0","12"]]"""), FrameIssue.NegativeValue },
        { "negative seqId", Book(seqId: "-5"), FrameIssue.NegativeValue },
        { "prevSeqId below -1", Book(prevSeqId: "-2"), FrameIssue.NegativeValue },
        { "negative ts", Mark("\"1\"", ts: "\"-1597026383085\""), FrameIssue.NegativeValue },
        { "zero mark price", Mark("\"0\""), FrameIssue.AbsurdValue },
        { "zero level price", Book(asks: """[["0","415","0","13"]]"""), FrameIssue.AbsurdValue },
        { "absurd mark price", Mark("\"1000000001\""), FrameIssue.AbsurdValue },
        { "absurd rate", Funding(rate: "\"0.6\""), FrameIssue.AbsurdValue },
        { "overflowing rate", Funding(rate: "\"1e400\""), FrameIssue.AbsurdValue },
        { "absurd size", Book(bids: """[["8476.97","10000000001","0","12"]]"""), FrameIssue.AbsurdValue },
        { "ts beyond 2100", Mark("\"1\"", ts: "\"5597026383000\""), FrameIssue.AbsurdValue },
        { "fundingTime in year 2200", Funding(fundingTime: "\"7258118400000\""), FrameIssue.AbsurdValue },
        { "checksum beyond int32", Book(checksum: "99999999999"), FrameIssue.AbsurdValue },

        // unknown symbols and messages
        { "unknown funding symbol", Funding(instId: "\"XRP-USDT-SWAP\""), FrameIssue.UnknownSymbol },
        { "unknown book symbol", Book().Replace("BTC-USDT-SWAP", "XRP-USDT-SWAP"), FrameIssue.UnknownSymbol },
        { "empty symbol", Funding(instId: "\"\""), FrameIssue.UnknownSymbol },
        { "overlong symbol", Funding(instId: "\"" + new string('A', 80) + "-SWAP\""), FrameIssue.UnknownSymbol },
        { "unknown channel", """{"arg":{"channel":"tickers","instId":"BTC-USDT-SWAP"},"data":[{"last":"1"}]}""", FrameIssue.UnknownMessage },
        { "unknown event", """{"event":"something-new","connId":"a4d3ae55"}""", FrameIssue.UnknownMessage },
        { "event not a string", """{"event":1}""", FrameIssue.UnknownMessage },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadFrame_IsRefusedWithItsReason_WithoutThrowing_AndPublishesNothing(string name, string frame, FrameIssue expected)
    {
        var t = new OkxTestVenue();
        FrameResult result = default;

        var thrown = Record.Exception(() => result = t.Parse(Encoding.UTF8.GetBytes(frame)));

        Assert.True(thrown is null, $"{name}: threw {thrown}");
        Assert.Equal(FrameResult.Bad(expected), result);
        Assert.All(t.Events, e => Assert.Equal(MarketEventKind.None, e.Kind));
    }

    [Fact]
    public void HugeLevelCount_OverflowsTheSink_IsTooManyLevels_AndTheNextFrameParses()
    {
        var t = new OkxTestVenue();
        var bids = string.Join(",", Enumerable.Range(1, 64 * 64 + 10).Select(i => $"[\"{100000 - i * 0.5:0.0}\",\"1\",\"0\",\"1\"]"));
        var frame = Book(bids: "[" + bids + "]");

        FrameResult result = default;
        Assert.Null(Record.Exception(() => result = t.Parse(frame)));

        Assert.Equal(FrameResult.Bad(FrameIssue.TooManyLevels), result);
        Assert.All(t.Events, e => Assert.Equal(MarketEventKind.None, e.Kind));

        Assert.Equal(FrameResult.MarketData, t.Parse(Book()));
        var e = Assert.Single(t.Events);
        OkxEventAssert.Book(e, MarketEventKind.BookSnapshot, t.Venue, t.Btc, 1597026383085, 123456, -1, 0,
            bids: [["8476.97", "256"]], asks: [["8476.98", "415"]]);
    }

    [Fact]
    public void AfterABadFrame_TheParserKeepsNoState()
    {
        var t = new OkxTestVenue();
        Assert.Equal(FrameResult.Bad(FrameIssue.UnknownSymbol), t.Parse(Funding(instId: "\"XRP-USDT-SWAP\"")));
        Assert.Equal(FrameResult.Bad(FrameIssue.MalformedJson), t.Parse(Book()[..^3]));

        Assert.Equal(FrameResult.MarketData, t.Parse(Funding()));
        OkxEventAssert.Funding(Assert.Single(t.Events), t.Venue, t.Btc, 1700724675402,
            FundingFields.Rate | FundingFields.NextFundingTime | FundingFields.IntervalHours,
            rate: "0.0001", nextFundingTimeMs: 1700726400000, intervalHours: 8);
    }
}
