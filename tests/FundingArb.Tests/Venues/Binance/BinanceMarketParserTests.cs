using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>WebSocket frames: every documented payload, every field of every event.</summary>
public sealed class BinanceMarketParserTests
{
    private const FundingFields AllStreamFields =
        FundingFields.MarkPrice | FundingFields.IndexPrice | FundingFields.Rate | FundingFields.NextFundingTime;

    private readonly BinanceTestVenue _v = new();

    /// <summary>The partial-depth example (docs) with its levels, in the order printed.</summary>
    private static readonly (string Price, string Qty)[] PartialBids =
        [("7403.89", "0.002"), ("7403.90", "3.906"), ("7404.00", "1.428"), ("7404.85", "5.239"), ("7405.43", "2.562")];

    private static readonly (string Price, string Qty)[] PartialAsks =
        [("7405.96", "3.340"), ("7406.63", "4.525"), ("7407.08", "2.475"), ("7407.15", "4.800"), ("7407.20", "0.175")];

    [Fact]
    public void Mark_price_stream_fixture_is_one_funding_event_with_every_field()
    {
        var result = _v.Parse(BinanceTestVenue.Fixture("mark-price-stream.json"));

        Assert.Equal(FrameResult.MarketData, result);
        AssertDocMarkPrice(_v);
    }

    [Fact]
    public void Combined_stream_mark_price_fixture_unwraps_to_the_same_event()
    {
        var result = _v.Parse(BinanceTestVenue.Fixture("combined-mark-price.json"));

        Assert.Equal(FrameResult.MarketData, result);
        AssertDocMarkPrice(_v);
    }

    [Fact]
    public void Combined_stream_with_data_before_stream_unwraps_to_the_same_event()
    {
        const string frame = """
            {"data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000},"stream":"btcusdt@markPrice@1s"}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        AssertDocMarkPrice(_v);
    }

    [Fact]
    public void Mark_price_fields_in_any_order_with_unknown_extra_fields_parse_the_same()
    {
        const string frame = """
            {"T":1562306400000,"future":{"nested":[1,{"x":"y"}]},"r":"0.00038167","P":"11784.25641265","i":"11784.62659091",
             "p":"11794.15000000","s":"BTCUSDT","E":1562305380000,"extra":null,"e":"markPriceUpdate"}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        AssertDocMarkPrice(_v);
    }

    [Fact]
    public void All_market_mark_price_fixture_is_one_event_per_tracked_symbol()
    {
        var result = _v.Parse(BinanceTestVenue.Fixture("mark-price-all-market.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var events = _v.Events;
        Assert.Equal(1, events.Length);
        ref readonly var e = ref events[0];
        Assert.Equal(MarketEventKind.Funding, e.Kind);
        Assert.Equal(_v.Venue, e.Venue);
        Assert.Equal(_v.Btc, e.Instrument);
        Assert.Equal(1562305380000, e.ExchangeTimeMs);
        Assert.Equal(BinanceTestVenue.ReceivedTimestamp, e.ReceivedTimestamp);
        Assert.Equal(AllStreamFields, e.Funding.Fields);
        Assert.Equal(Price.Parse("11185.87786614"), e.Funding.MarkPrice);
        Assert.Equal(Price.Parse("11784.62659091"), e.Funding.IndexPrice);
        Assert.Equal(FundingRate.Parse("0.0003"), e.Funding.Rate);
        Assert.Equal(1562306400000, e.Funding.NextFundingTimeMs);
        Assert.Equal(0, e.Funding.IntervalHours);
    }

    /// <summary>Built from the documented fields: several symbols in one frame, untracked ones (including a delivery
    /// contract with the COIN-M-documented <c>"r":""</c>, <c>"T":0</c>, and one with data we would refuse) skipped.</summary>
    [Fact]
    public void All_market_array_skips_untracked_symbols_whatever_they_carry()
    {
        const string frame = """
            [{"e":"markPriceUpdate","E":1700000000000,"s":"BTCUSDT","p":"37000.1","i":"36990.5","P":"36995","r":"0.0001","T":1700006400000},
             {"e":"markPriceUpdate","E":1700000000000,"s":"BTCUSDT_240329","p":"37500.2","i":"36990.5","P":"36995","r":"","T":0},
             {"e":"markPriceUpdate","E":1700000000000,"s":"XYZUSDT","p":"NaN","i":"-1","P":"1","r":"9","T":1},
             {"e":"markPriceUpdate","E":1700000000001,"s":"ETHUSDT","p":"2000.25","i":"1999.75","P":"2000","r":"-0.00012345","T":1700006400000}]
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        var events = _v.Events;
        Assert.Equal(2, events.Length);
        Assert.Equal(_v.Btc, events[0].Instrument);
        Assert.Equal(Price.Parse("37000.1"), events[0].Funding.MarkPrice);
        Assert.Equal(FundingRate.Parse("0.0001"), events[0].Funding.Rate);
        Assert.Equal(_v.Eth, events[1].Instrument);
        Assert.Equal(1700000000001, events[1].ExchangeTimeMs);
        Assert.Equal(AllStreamFields, events[1].Funding.Fields);
        Assert.Equal(Price.Parse("2000.25"), events[1].Funding.MarkPrice);
        Assert.Equal(Price.Parse("1999.75"), events[1].Funding.IndexPrice);
        Assert.Equal(FundingRate.Parse("-0.00012345"), events[1].Funding.Rate);
        Assert.Equal(1700006400000, events[1].Funding.NextFundingTimeMs);
    }

    [Fact]
    public void All_market_array_of_only_untracked_symbols_is_market_data_without_events()
    {
        const string frame = """
            [{"e":"markPriceUpdate","E":1700000000000,"s":"XYZUSDT","p":"1","i":"1","P":"1","r":"0","T":1700006400000}]
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        Assert.Equal(0, _v.Events.Length);
    }

    [Fact]
    public void All_market_array_in_a_combined_envelope_is_parsed()
    {
        var frame = "{\"stream\":\"!markPrice@arr@1s\",\"data\":" + BinanceTestVenue.Fixture("mark-price-all-market.json") + "}";

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        Assert.Equal(1, _v.Events.Length);
        Assert.Equal(Price.Parse("11185.87786614"), _v.Events[0].Funding.MarkPrice);
    }

    /// <summary>A tracked delivery contract: the rate ("") and next funding time (0) are absent, not zero.</summary>
    [Fact]
    public void Delivery_contract_empty_rate_and_zero_next_funding_time_are_absent_fields()
    {
        var quarterly = _v.Registry.Intern("BTC", "USDC");
        _v.Registry.MapSymbol(_v.Venue, "BTCUSDT_240329", quarterly);
        const string frame = """
            {"e":"markPriceUpdate","E":1700000000000,"s":"BTCUSDT_240329","p":"37500.2","i":"36990.5","P":"36995","r":"","T":0}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        ref readonly var e = ref _v.Events[0];
        Assert.Equal(quarterly, e.Instrument);
        Assert.Equal(FundingFields.MarkPrice | FundingFields.IndexPrice, e.Funding.Fields);
        Assert.Equal(Price.Parse("37500.2"), e.Funding.MarkPrice);
        Assert.Equal(default, e.Funding.Rate);
        Assert.Equal(0, e.Funding.NextFundingTimeMs);
    }

    [Fact]
    public void Numbers_may_come_as_json_numbers_as_well_as_strings()
    {
        const string frame = """
            {"e":"markPriceUpdate","E":"1562305380000","s":"BTCUSDT","p":11794.15,"i":11784.62659091,"P":1,"r":0.00038167,"T":"1562306400000"}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        AssertDocMarkPrice(_v);
    }

    [Fact]
    public void Escaped_names_and_symbol_are_unescaped()
    {
        const string frame = """
            {"\u0065":"markPriceUpdate","E":1562305380000,"s":"BTC\u0055SDT","\u0070":"11794.15000000","i":"11784.62659091","r":"0.00038167","T":1562306400000}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        AssertDocMarkPrice(_v);
    }

    [Fact]
    public void Diff_depth_fixture_verbatim_is_one_delta_with_its_placeholder_event_time()
    {
        // The docs print "E": 123456789 (1970-01-02): an odd event time, not a corrupt one; decode must print the
        // documented example. Settlement times keep a strict bound (see the malformed-input table).
        Assert.Equal(FrameResult.MarketData, _v.Parse(BinanceTestVenue.Fixture("diff-depth.json")));
        ref readonly var e = ref _v.Events[0];
        Assert.Equal(123456789, e.ExchangeTimeMs);
        Assert.Equal((157L, 160L, 149L), (e.Book.FirstUpdateId, e.Book.UpdateId, e.Book.PrevUpdateId));
    }

    [Fact]
    public void Diff_depth_fixture_with_real_times_is_one_delta_with_every_field()
    {
        var frame = BinanceTestVenue.Fixture("diff-depth.json")
            .Replace("123456789", "1571889248277", StringComparison.Ordinal)
            .Replace("123456788", "1571889248276", StringComparison.Ordinal);

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        var events = _v.Events;
        Assert.Equal(1, events.Length);
        ref readonly var e = ref events[0];
        Assert.Equal(MarketEventKind.BookDelta, e.Kind);
        Assert.Equal(_v.Venue, e.Venue);
        Assert.Equal(_v.Btc, e.Instrument);
        Assert.Equal(1571889248277, e.ExchangeTimeMs);
        Assert.Equal(BinanceTestVenue.ReceivedTimestamp, e.ReceivedTimestamp);
        Assert.Equal(FundingFields.None, e.Funding.Fields);
        Assert.Equal(157, e.Book.FirstUpdateId);
        Assert.Equal(160, e.Book.UpdateId);
        Assert.Equal(149, e.Book.PrevUpdateId);
        Assert.Equal(0, e.Book.CrossSequence);
        Assert.Equal(0, e.Book.Checksum);
        Assert.Equal(0, e.Book.Part);
        Assert.False(e.Book.More);
        AssertLevels(e.Book.BidLevels, ("0.0024", "10"));
        AssertLevels(e.Book.AskLevels, ("0.0026", "100"));
    }

    [Fact]
    public void Diff_depth_in_a_combined_envelope_is_a_delta()
    {
        const string frame = """
            {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1571889248277,"T":1571889248276,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        ref readonly var e = ref _v.Events[0];
        Assert.Equal(MarketEventKind.BookDelta, e.Kind);
        Assert.Equal(160, e.Book.UpdateId);
    }

    /// <summary>Without the envelope a partial-depth payload cannot be told from a diff payload: read as a delta.</summary>
    [Fact]
    public void Partial_depth_fixture_without_envelope_is_read_as_a_delta()
    {
        Assert.Equal(FrameResult.MarketData, _v.Parse(BinanceTestVenue.Fixture("partial-depth.json")));

        AssertPartialDepth(_v, MarketEventKind.BookDelta);
    }

    [Fact]
    public void Partial_depth_in_a_combined_envelope_is_a_top_of_book_snapshot()
    {
        Assert.Equal(FrameResult.MarketData, _v.Parse(BinanceTestVenue.Fixture("combined-partial-depth.json")));

        AssertPartialDepth(_v, MarketEventKind.BookSnapshot);
    }

    [Fact]
    public void Partial_depth_envelope_with_data_before_stream_is_still_a_snapshot()
    {
        var frame = BinanceTestVenue.Fixture("combined-partial-depth.json").Trim();
        var data = frame[frame.IndexOf("\"data\":", StringComparison.Ordinal)..^1];
        var reordered = "{" + data + ",\"stream\":\"btcusdt@depth5@100ms\"}";

        Assert.Equal(FrameResult.MarketData, _v.Parse(reordered));
        AssertPartialDepth(_v, MarketEventKind.BookSnapshot);
    }

    [Fact]
    public void Depth_fields_in_any_order_parse_the_same()
    {
        const string frame = """
            {"b":[["0.0024","10"]],"pu":149,"a":[["0.0026","100"]],"u":160,"x":{"y":[1,2]},"U":157,"T":1571889248276,
             "E":1571889248277,"s":"BTCUSDT","e":"depthUpdate"}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        ref readonly var e = ref _v.Events[0];
        Assert.Equal(MarketEventKind.BookDelta, e.Kind);
        Assert.Equal(_v.Btc, e.Instrument);
        Assert.Equal(1571889248277, e.ExchangeTimeMs);
        Assert.Equal((157L, 160L, 149L), (e.Book.FirstUpdateId, e.Book.UpdateId, e.Book.PrevUpdateId));
        AssertLevels(e.Book.BidLevels, ("0.0024", "10"));
        AssertLevels(e.Book.AskLevels, ("0.0026", "100"));
    }

    [Fact]
    public void Depth_with_empty_sides_and_zero_quantities_is_a_valid_delta()
    {
        const string frame = """
            {"e":"depthUpdate","E":1571889248277,"T":1571889248276,"s":"ETHUSDT","U":1,"u":2,"pu":0,"b":[],"a":[["2000.5","0"]]}
            """;

        Assert.Equal(FrameResult.MarketData, _v.Parse(frame));
        ref readonly var e = ref _v.Events[0];
        Assert.Equal(_v.Eth, e.Instrument);
        Assert.Equal(0, e.Book.BidCount);
        AssertLevels(e.Book.AskLevels, ("2000.5", "0"));
    }

    [Fact]
    public void Twenty_levels_per_side_fit_one_part()
    {
        Assert.Equal(FrameResult.MarketData, _v.Parse(BinanceFrames.Depth(levels: 20)));

        var events = _v.Events;
        Assert.Equal(1, events.Length);
        ref readonly var e = ref events[0];
        Assert.Equal(20, e.Book.BidCount);
        Assert.Equal(20, e.Book.AskCount);
        Assert.False(e.Book.More);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(Price.Parse(BinanceFrames.BidPrice(i)), e.Book.Bids[i].Price);
            Assert.Equal(Quantity.Parse(BinanceFrames.LevelQuantity(i)), e.Book.Bids[i].Quantity);
            Assert.Equal(Price.Parse(BinanceFrames.AskPrice(i)), e.Book.Asks[i].Price);
            Assert.Equal(Quantity.Parse(BinanceFrames.LevelQuantity(i)), e.Book.Asks[i].Quantity);
        }
    }

    /// <summary>100 bids and 70 asks: the writer fills part 0 with 64 bids, part 1 with 36 bids and 64 asks, part 2
    /// with the last 6 asks; every part carries the header; all but the last say More.</summary>
    [Fact]
    public void A_frame_beyond_64_levels_per_side_is_split_into_parts_sharing_the_header()
    {
        Assert.Equal(FrameResult.MarketData, _v.Parse(BinanceFrames.Depth(levels: 100, askLevels: 70)));

        var events = _v.Events;
        Assert.Equal(2, events.Length); // bids and asks fill parts independently: 100 bids + 70 asks take two
        for (var p = 0; p < 2; p++)
        {
            ref readonly var e = ref events[p];
            Assert.Equal(MarketEventKind.BookDelta, e.Kind);
            Assert.Equal(_v.Btc, e.Instrument);
            Assert.Equal(BinanceFrames.EventTimeMs, e.ExchangeTimeMs);
            Assert.Equal((BinanceFrames.FirstUpdateId, BinanceFrames.LastUpdateId, BinanceFrames.PrevUpdateId),
                (e.Book.FirstUpdateId, e.Book.UpdateId, e.Book.PrevUpdateId));
            Assert.Equal(p, e.Book.Part);
            Assert.Equal(p < 1, e.Book.More);
        }
        Assert.Equal((64, 64), ((int)events[0].Book.BidCount, (int)events[0].Book.AskCount));
        Assert.Equal((36, 6), ((int)events[1].Book.BidCount, (int)events[1].Book.AskCount));
        Assert.Equal(Price.Parse(BinanceFrames.BidPrice(64)), events[1].Book.Bids[0].Price);
        Assert.Equal(Price.Parse(BinanceFrames.AskPrice(69)), events[1].Book.Asks[5].Price);
    }

    [Fact]
    public void Subscription_ack_fixture_is_control_without_events()
    {
        Assert.Equal(FrameResult.Control, _v.Parse(BinanceTestVenue.Fixture("subscribe-ack.json")));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Theory]
    [InlineData("""{"id":1,"result":null}""")]
    [InlineData("""{"result":["btcusdt@depth@100ms"],"id":3}""")]
    [InlineData("""{"result":true,"id":2}""")]
    public void Acks_in_any_form_are_control(string frame)
    {
        Assert.Equal(FrameResult.Control, _v.Parse(frame));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Theory]
    [InlineData("""{"code":2,"msg":"Invalid request: unknown variant `SUBSCRIB`"}""")]
    [InlineData("""{"error":{"code":2,"msg":"Invalid request"},"id":1}""")]
    [InlineData("""{"id":7,"error":{"code":1,"msg":"Invalid value type: expected Boolean"}}""")]
    public void Error_objects_are_venue_errors(string frame)
    {
        Assert.Equal(FrameResult.VenueError, _v.Parse(frame));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Theory]
    [InlineData("btcusdt@depth5", true)]
    [InlineData("btcusdt@depth10@500ms", true)]
    [InlineData("btcusdt@depth20@100ms", true)]
    [InlineData("btcusdt@depth", false)]
    [InlineData("btcusdt@depth@100ms", false)]
    [InlineData("btcusdt@depth@500ms", false)]
    [InlineData("btcusdt@markPrice@1s", false)]
    [InlineData("!markPrice@arr@1s", false)]
    [InlineData("", false)]
    public void Partial_depth_streams_are_recognised_by_name(string stream, bool partial)
    {
        Assert.Equal(partial, FundingArb.Venues.Binance.BinanceMarketParser.IsPartialDepthStream(Encoding.ASCII.GetBytes(stream)));
    }

    [Fact]
    public void Pretty_printed_and_compact_frames_parse_alike()
    {
        var pretty = BinanceTestVenue.Fixture("combined-partial-depth.json").Replace(",", ",\n  ", StringComparison.Ordinal)
            .Replace("{", "{ ", StringComparison.Ordinal).Replace(":", " : ", StringComparison.Ordinal);

        Assert.Equal(FrameResult.MarketData, _v.Parse(pretty));
        AssertPartialDepth(_v, MarketEventKind.BookSnapshot);
    }

    internal static void AssertDocMarkPrice(BinanceTestVenue v)
    {
        var events = v.Events;
        Assert.Equal(1, events.Length);
        ref readonly var e = ref events[0];
        Assert.Equal(MarketEventKind.Funding, e.Kind);
        Assert.Equal(v.Venue, e.Venue);
        Assert.Equal(v.Btc, e.Instrument);
        Assert.Equal(1562305380000, e.ExchangeTimeMs);
        Assert.Equal(BinanceTestVenue.ReceivedTimestamp, e.ReceivedTimestamp);
        Assert.Equal(AllStreamFields, e.Funding.Fields);
        Assert.Equal(Price.Parse("11794.15"), e.Funding.MarkPrice);
        Assert.Equal(Price.Parse("11784.62659091"), e.Funding.IndexPrice);
        Assert.Equal(FundingRate.Parse("0.00038167"), e.Funding.Rate);
        Assert.Equal(1562306400000, e.Funding.NextFundingTimeMs);
        Assert.Equal(0, e.Funding.IntervalHours);
        Assert.Equal(0, e.Book.BidCount);
        Assert.Equal(0, e.Book.AskCount);
        Assert.Equal(0, e.Book.UpdateId);
    }

    private static void AssertPartialDepth(BinanceTestVenue v, MarketEventKind kind)
    {
        var events = v.Events;
        Assert.Equal(1, events.Length);
        ref readonly var e = ref events[0];
        Assert.Equal(kind, e.Kind);
        Assert.Equal(v.Venue, e.Venue);
        Assert.Equal(v.Btc, e.Instrument);
        Assert.Equal(1571889248277, e.ExchangeTimeMs);
        Assert.Equal(BinanceTestVenue.ReceivedTimestamp, e.ReceivedTimestamp);
        Assert.Equal(390497796, e.Book.FirstUpdateId);
        Assert.Equal(390497878, e.Book.UpdateId);
        Assert.Equal(390497794, e.Book.PrevUpdateId);
        Assert.Equal(0, e.Book.CrossSequence);
        Assert.Equal(0, e.Book.Checksum);
        Assert.Equal(0, e.Book.Part);
        Assert.False(e.Book.More);
        AssertLevels(e.Book.BidLevels, PartialBids);
        AssertLevels(e.Book.AskLevels, PartialAsks);
    }

    internal static void AssertLevels(ReadOnlySpan<BookLevel> levels, params (string Price, string Qty)[] expected)
    {
        Assert.Equal(expected.Length, levels.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Price.Parse(expected[i].Price), levels[i].Price);
            Assert.Equal(Quantity.Parse(expected[i].Qty), levels[i].Quantity);
        }
    }
}
