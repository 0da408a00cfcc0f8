using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>Bad frames: each gives its exact issue, publishes nothing and throws nothing.</summary>
public sealed class BinanceMalformedInputTests
{
    private const string Mark =
        """{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}""";

    private const string Depth =
        """{"e":"depthUpdate","E":1571889248277,"T":1571889248276,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}""";

    private readonly BinanceTestVenue _v = new();

    public static TheoryData<string, string, FrameIssue> BadFrames()
    {
        var data = new TheoryData<string, string, FrameIssue>
        {
            // Not JSON, or broken JSON
            { "empty frame", "", FrameIssue.MalformedJson },
            { "whitespace only", "   ", FrameIssue.MalformedJson },
            { "not JSON", "hello", FrameIssue.MalformedJson },
            { "truncated mark price", Mark[..60], FrameIssue.MalformedJson },
            { "truncated depth", Depth[..^3], FrameIssue.MalformedJson },
            { "truncated envelope", "{\"stream\":\"btcusdt@depth@100ms\",\"data\":" + Depth, FrameIssue.MalformedJson },
            { "trailing garbage", Mark + " x", FrameIssue.MalformedJson },
            { "two values", Mark + Mark, FrameIssue.MalformedJson },
            { "trailing comma", Mark[..^1] + ",}", FrameIssue.MalformedJson },
            { "single quotes", "{'e':'markPriceUpdate'}", FrameIssue.MalformedJson },
            { "comment", "// x\n" + Mark, FrameIssue.MalformedJson },
            { "raw control character in a string", "{\"e\":\"markPriceUpdate\",\"s\":\"BTC\u0001\"}", FrameIssue.MalformedJson },

            // Valid JSON of the wrong shape
            { "top-level number", "42", FrameIssue.UnexpectedShape },
            { "top-level null", "null", FrameIssue.UnexpectedShape },
            { "top-level string", "\"markPriceUpdate\"", FrameIssue.UnexpectedShape },
            { "empty object", "{}", FrameIssue.UnknownMessage },
            { "empty array", "[]", FrameIssue.UnexpectedShape },
            { "array of numbers", "[1,2]", FrameIssue.UnexpectedShape },
            { "array of depth events", "[" + Depth + "]", FrameIssue.UnknownMessage },
            { "envelope with empty data array", "{\"stream\":\"!markPrice@arr@1s\",\"data\":[]}", FrameIssue.UnexpectedShape },
            { "envelope with scalar data", "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":5}", FrameIssue.UnexpectedShape },
            { "envelope without data", "{\"stream\":\"btcusdt@markPrice@1s\"}", FrameIssue.MissingField },
            { "envelope without stream", "{\"data\":" + Mark + "}", FrameIssue.MissingField },
            { "envelope stream not a string", "{\"stream\":1,\"data\":" + Mark + "}", FrameIssue.UnexpectedShape },
            { "event type not a string", Mark.Replace("\"markPriceUpdate\"", "5", StringComparison.Ordinal), FrameIssue.UnexpectedShape },

            // Unknown messages
            { "unknown event", """{"e":"aggTrade","E":1562305380000,"s":"BTCUSDT","p":"1","q":"1"}""", FrameIssue.UnknownMessage },
            { "unknown channel", """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1562305380000,"s":"BTCUSDT"}}""", FrameIssue.UnknownMessage },
            { "object without e", """{"s":"BTCUSDT","p":"1"}""", FrameIssue.UnknownMessage },
            { "unknown symbol, mark price", Mark.Replace("BTCUSDT", "XYZUSDT", StringComparison.Ordinal), FrameIssue.UnknownSymbol },
            { "unknown symbol, depth", Depth.Replace("BTCUSDT", "XYZUSDT", StringComparison.Ordinal), FrameIssue.UnknownSymbol },
            { "empty symbol", Mark.Replace("BTCUSDT", "", StringComparison.Ordinal), FrameIssue.UnknownSymbol },

            // Wrong types
            { "price is a boolean", Mark.Replace("\"11794.15000000\"", "true", StringComparison.Ordinal), FrameIssue.InvalidNumber },
            { "price is an object", Mark.Replace("\"11794.15000000\"", "{}", StringComparison.Ordinal), FrameIssue.InvalidNumber },
            { "price is null", Mark.Replace("\"11794.15000000\"", "null", StringComparison.Ordinal), FrameIssue.MissingField },
            { "event time is text", Mark.Replace("1562305380000", "\"soon\"", StringComparison.Ordinal), FrameIssue.InvalidNumber },
            { "event time is fractional", Mark.Replace("1562305380000", "1562305380000.5", StringComparison.Ordinal), FrameIssue.InvalidNumber },
            { "symbol is a number", Mark.Replace("\"BTCUSDT\"", "5", StringComparison.Ordinal), FrameIssue.UnexpectedShape },
            { "update id is text", Depth.Replace("\"U\":157", "\"U\":\"x\"", StringComparison.Ordinal), FrameIssue.InvalidNumber },
            { "bids is an object", Depth.Replace("\"b\":[[\"0.0024\",\"10\"]]", "\"b\":{}", StringComparison.Ordinal), FrameIssue.UnexpectedShape },
            { "bids is null", Depth.Replace("\"b\":[[\"0.0024\",\"10\"]]", "\"b\":null", StringComparison.Ordinal), FrameIssue.MissingField },
            { "level is a string", Depth.Replace("[[\"0.0024\",\"10\"]]", "[\"0.0024\"]", StringComparison.Ordinal), FrameIssue.UnexpectedShape },
            { "level has one value", Depth.Replace("[[\"0.0024\",\"10\"]]", "[[\"0.0024\"]]", StringComparison.Ordinal), FrameIssue.UnexpectedShape },
            { "level is empty", Depth.Replace("[[\"0.0024\",\"10\"]]", "[[]]", StringComparison.Ordinal), FrameIssue.UnexpectedShape },
            { "level has three values", Depth.Replace("[[\"0.0024\",\"10\"]]", "[[\"0.0024\",\"10\",\"1\"]]", StringComparison.Ordinal), FrameIssue.UnexpectedShape },
            { "level is an object", Depth.Replace("[[\"0.0024\",\"10\"]]", "[{\"p\":\"0.0024\",\"q\":\"10\"}]", StringComparison.Ordinal), FrameIssue.UnexpectedShape },

            // Missing fields
            { "missing e", Mark.Replace("\"e\":\"markPriceUpdate\",", "", StringComparison.Ordinal), FrameIssue.UnknownMessage },
        };

        foreach (var field in new[] { "\"E\":1562305380000,", "\"s\":\"BTCUSDT\",", "\"p\":\"11794.15000000\",", "\"i\":\"11784.62659091\",", "\"r\":\"0.00038167\"," })
            data.Add($"mark price missing {field}", Mark.Replace(field, "", StringComparison.Ordinal), FrameIssue.MissingField);
        data.Add("mark price missing T", Mark.Replace(",\"T\":1562306400000", "", StringComparison.Ordinal), FrameIssue.MissingField);
        foreach (var field in new[] { "\"E\":1571889248277,", "\"s\":\"BTCUSDT\",", "\"U\":157,", "\"u\":160,", "\"pu\":149,", "\"b\":[[\"0.0024\",\"10\"]]," })
            data.Add($"depth missing {field}", Depth.Replace(field, "", StringComparison.Ordinal), FrameIssue.MissingField);
        data.Add("depth missing a", Depth.Replace(",\"a\":[[\"0.0026\",\"100\"]]", "", StringComparison.Ordinal), FrameIssue.MissingField);

        // NaN, infinity and other non-numbers, in every numeric slot
        foreach (var bad in new[] { "NaN", "nan", "Infinity", "-Infinity", "inf", "1e", "0x10", "1,5", " 1", "" })
        {
            data.Add($"mark price \"{bad}\"", Mark.Replace("\"11794.15000000\"", $"\"{bad}\"", StringComparison.Ordinal), FrameIssue.InvalidNumber);
            data.Add($"index price \"{bad}\"", Mark.Replace("\"11784.62659091\"", $"\"{bad}\"", StringComparison.Ordinal), FrameIssue.InvalidNumber);
            data.Add($"level price \"{bad}\"", Depth.Replace("\"0.0024\"", $"\"{bad}\"", StringComparison.Ordinal), FrameIssue.InvalidNumber);
            data.Add($"level quantity \"{bad}\"", Depth.Replace("\"10\"", $"\"{bad}\"", StringComparison.Ordinal), FrameIssue.InvalidNumber);
            if (bad.Length > 0) // "" is the documented "no rate" of delivery contracts
                data.Add($"rate \"{bad}\"", Mark.Replace("\"0.00038167\"", $"\"{bad}\"", StringComparison.Ordinal), FrameIssue.InvalidNumber);
        }

        // Negative, zero and absurd values
        data.Add("negative mark price", Mark.Replace("\"11794.15000000\"", "\"-11794.15\"", StringComparison.Ordinal), FrameIssue.NegativeValue);
        data.Add("zero mark price", Mark.Replace("\"11794.15000000\"", "\"0\"", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("absurd mark price", Mark.Replace("\"11794.15000000\"", "\"100000000.0000000001\"", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("overflowing mark price", Mark.Replace("\"11794.15000000\"", "\"1e300\"", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("price finer than the scale", Mark.Replace("\"11794.15000000\"", "\"1.00000000001\"", StringComparison.Ordinal), FrameIssue.InvalidNumber);
        data.Add("absurd rate", Mark.Replace("\"0.00038167\"", "\"0.51\"", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("absurd negative rate", Mark.Replace("\"0.00038167\"", "\"-0.6\"", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("event time zero", Mark.Replace("1562305380000", "0", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("event time negative", Mark.Replace("1562305380000", "-5", StringComparison.Ordinal), FrameIssue.NegativeValue);
        data.Add("event time beyond 2100", Mark.Replace("1562305380000", "5562305380000", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("next funding time in seconds", Mark.Replace("1562306400000", "1562306400", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("next funding time year 2200", Mark.Replace("1562306400000", "7258118400000", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("negative level price", Depth.Replace("\"0.0024\"", "\"-0.0024\"", StringComparison.Ordinal), FrameIssue.NegativeValue);
        data.Add("zero level price", Depth.Replace("\"0.0024\"", "\"0\"", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("negative level quantity", Depth.Replace("\"10\"", "\"-10\"", StringComparison.Ordinal), FrameIssue.NegativeValue);
        data.Add("absurd level quantity", Depth.Replace("\"10\"", "\"20000000000\"", StringComparison.Ordinal), FrameIssue.AbsurdValue);
        data.Add("negative update id", Depth.Replace("\"u\":160", "\"u\":-160", StringComparison.Ordinal), FrameIssue.NegativeValue);
        data.Add("update id beyond int64", Depth.Replace("\"u\":160", "\"u\":9223372036854775808", StringComparison.Ordinal), FrameIssue.InvalidNumber);

        // The same problems inside a combined envelope and inside an all-market array
        data.Add("bad price in envelope", "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":" + Mark.Replace("\"11794.15000000\"", "\"NaN\"", StringComparison.Ordinal) + "}", FrameIssue.InvalidNumber);
        data.Add("bad price for a tracked symbol in the array", "[" + Mark.Replace("\"11794.15000000\"", "\"NaN\"", StringComparison.Ordinal) + "]", FrameIssue.InvalidNumber);
        data.Add("array element without symbol", "[" + Mark.Replace("\"s\":\"BTCUSDT\",", "", StringComparison.Ordinal) + "]", FrameIssue.MissingField);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void Bad_frames_give_their_issue_and_publish_nothing(string _, string frame, FrameIssue issue)
    {
        var result = _v.Parse(frame);

        Assert.Equal(FrameResult.Bad(issue), result);
        Assert.Equal(0, _v.PublishedCount);
    }

    /// <summary>Utf8JsonReader does not validate UTF-8 inside strings it is not asked to decode; a symbol with an invalid
    /// byte matches no symbol, so the frame is dropped as an unknown symbol, nothing published.</summary>
    [Fact]
    public void Invalid_utf8_in_the_symbol_matches_no_symbol()
    {
        var frame = Encoding.UTF8.GetBytes(Mark);
        frame[Mark.IndexOf("BTCUSDT", StringComparison.Ordinal)] = 0xFF;

        Assert.Equal(FrameResult.Bad(FrameIssue.UnknownSymbol), _v.Parse(frame));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Fact]
    public void Invalid_utf8_outside_strings_is_malformed()
    {
        var frame = Encoding.UTF8.GetBytes(Mark + " ");
        frame[^1] = 0xFF;

        Assert.Equal(FrameResult.Bad(FrameIssue.MalformedJson), _v.Parse(frame));
    }

    [Fact]
    public void Extra_unknown_fields_of_every_kind_still_parse()
    {
        var frame = Mark.Replace("\"e\":\"markPriceUpdate\",",
            "\"e\":\"markPriceUpdate\",\"zz\":[[1,2],{\"a\":null}],\"ee\":\"x\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"o\":{},", StringComparison.Ordinal);

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        BinanceMarketParserTests.AssertDocMarkPrice(_v);
    }

    [Fact]
    public void Extra_fields_in_the_envelope_are_skipped()
    {
        var frame = "{\"x\":[1,{\"y\":2}],\"stream\":\"btcusdt@markPrice@1s\",\"z\":null,\"data\":" + Mark + ",\"w\":\"v\"}";

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        BinanceMarketParserTests.AssertDocMarkPrice(_v);
    }

    /// <summary>65 × 64 bids need 65 parts, one more than a frame may carry: the sink overflows (the caller refuses the
    /// frame), the parser keeps writing into the sink's scratch slot and reports <see cref="FrameIssue.TooManyLevels"/>.</summary>
    [Fact]
    public void More_levels_than_a_frame_can_carry_overflow_the_sink_and_are_refused()
    {
        var frame = BinanceFrames.Depth(levels: 65 * 64, askLevels: 0);

        var result = _v.Parse(frame);

        Assert.Equal(FrameResult.Bad(FrameIssue.TooManyLevels), result);
        Assert.True(_v.Sink.Overflowed);
        Assert.Equal(0, _v.PublishedCount);

        // The parser is intact afterwards.
        Assert.Equal(FrameResult.MarketData, _v.Parse(Mark));
        BinanceMarketParserTests.AssertDocMarkPrice(_v);
    }

    [Fact]
    public void Exactly_64_parts_fit()
    {
        Assert.Equal(FrameResult.MarketData, _v.Parse(BinanceFrames.Depth(levels: 64 * 64, askLevels: 0)));
        Assert.Equal(MarketEventSink.MaxEventsPerFrame, _v.Events.Length);
        Assert.False(_v.Sink.Overflowed);
    }

    [Fact]
    public void Deeply_nested_unknown_field_beyond_the_reader_depth_is_malformed()
    {
        var nested = new string('[', 100) + new string(']', 100);
        var frame = Mark.Replace("\"e\":\"markPriceUpdate\",", "\"e\":\"markPriceUpdate\",\"deep\":" + nested + ",", StringComparison.Ordinal);

        Assert.Equal(FrameResult.Bad(FrameIssue.MalformedJson), _v.Parse(frame));
    }
}
