using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>REST market-data bodies: <c>/fapi/v1/depth</c> and <c>/fapi/v1/premiumIndex</c>.</summary>
public sealed class BinanceRestParserTests
{
    private const string DepthRequest = "/fapi/v1/depth?symbol=BTCUSDT&limit=1000";

    private readonly BinanceTestVenue _v = new();

    [Fact]
    public void Depth_snapshot_fixture_is_one_snapshot_with_every_field()
    {
        var result = _v.ParseRest(DepthRequest, BinanceTestVenue.Fixture("depth-snapshot.json"));

        Assert.Equal(FrameResult.MarketData, result);
        var events = _v.Events;
        Assert.Equal(1, events.Length);
        ref readonly var e = ref events[0];
        Assert.Equal(MarketEventKind.BookSnapshot, e.Kind);
        Assert.Equal(_v.Venue, e.Venue);
        Assert.Equal(_v.Btc, e.Instrument);
        Assert.Equal(1589436922972, e.ExchangeTimeMs);
        Assert.Equal(BinanceTestVenue.ReceivedTimestamp, e.ReceivedTimestamp);
        Assert.Equal(FundingFields.None, e.Funding.Fields);
        Assert.Equal(0, e.Book.FirstUpdateId);
        Assert.Equal(1027024, e.Book.UpdateId);
        Assert.Equal(0, e.Book.PrevUpdateId);
        Assert.Equal(0, e.Book.CrossSequence);
        Assert.Equal(0, e.Book.Checksum);
        Assert.Equal(0, e.Book.Part);
        Assert.False(e.Book.More);
        BinanceMarketParserTests.AssertLevels(e.Book.BidLevels, ("4.00000000", "431.00000000"));
        BinanceMarketParserTests.AssertLevels(e.Book.AskLevels, ("4.00000200", "12.00000000"));
    }

    [Theory]
    [InlineData("/fapi/v1/depth?symbol=BTCUSDT")]
    [InlineData("/fapi/v1/depth?limit=1000&symbol=BTCUSDT")]
    [InlineData("/fapi/v1/depth?symbol=btcusdt&limit=1000")]
    public void Depth_symbol_comes_from_the_query_in_any_position_and_case(string request)
    {
        Assert.Equal(FrameResult.MarketData, _v.ParseRest(request, BinanceTestVenue.Fixture("depth-snapshot.json")));
        Assert.Equal(_v.Btc, _v.Events[0].Instrument);
    }

    [Theory]
    [InlineData("/fapi/v1/depth?limit=1000", FrameIssue.MissingField)]
    [InlineData("/fapi/v1/depth", FrameIssue.MissingField)]
    [InlineData("/fapi/v1/depth?symbol=&limit=1000", FrameIssue.MissingField)]
    [InlineData("/fapi/v1/depth?symbol=XYZUSDT&limit=1000", FrameIssue.UnknownSymbol)]
    [InlineData("/fapi/v1/depth?symbol=BTCUSDÉ", FrameIssue.UnknownSymbol)]
    public void Depth_without_a_known_symbol_in_the_query_is_refused(string request, FrameIssue issue)
    {
        Assert.Equal(FrameResult.Bad(issue), _v.ParseRest(request, BinanceTestVenue.Fixture("depth-snapshot.json")));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Fact]
    public void Depth_exchange_time_falls_back_to_transaction_time()
    {
        const string body = """{"lastUpdateId":5,"T":1589436922959,"bids":[],"asks":[["4.1","1"]]}""";

        Assert.Equal(FrameResult.MarketData, _v.ParseRest(DepthRequest, body));
        Assert.Equal(1589436922959, _v.Events[0].ExchangeTimeMs);
        Assert.Equal(5, _v.Events[0].Book.UpdateId);
    }

    [Theory]
    [InlineData("""{"E":1589436922972,"T":1589436922959,"bids":[],"asks":[]}""")]
    [InlineData("""{"lastUpdateId":1,"bids":[],"asks":[]}""")]
    [InlineData("""{"lastUpdateId":1,"E":1589436922972,"asks":[]}""")]
    [InlineData("""{"lastUpdateId":1,"E":1589436922972,"bids":[]}""")]
    public void Depth_missing_a_required_field_is_refused(string body)
    {
        Assert.Equal(FrameResult.Bad(FrameIssue.MissingField), _v.ParseRest(DepthRequest, body));
        Assert.Equal(0, _v.PublishedCount);
    }

    /// <summary>limit=1000: 1000 bids then 1000 asks; bids and asks fill parts independently, so 16 parts of up to 64
    /// levels a side carry both, every level in order.</summary>
    [Fact]
    public void A_thousand_level_snapshot_is_split_into_parts_with_every_level_in_order()
    {
        Assert.Equal(FrameResult.MarketData, _v.ParseRest(DepthRequest, BinanceFrames.Snapshot(levels: 1000)));

        var events = _v.Events;
        Assert.Equal(16, events.Length);
        int bids = 0, asks = 0;
        for (var p = 0; p < events.Length; p++)
        {
            ref readonly var e = ref events[p];
            Assert.Equal(MarketEventKind.BookSnapshot, e.Kind);
            Assert.Equal(_v.Btc, e.Instrument);
            Assert.Equal(1027024, e.Book.UpdateId);
            Assert.Equal(BinanceFrames.EventTimeMs, e.ExchangeTimeMs);
            Assert.Equal(p, e.Book.Part);
            Assert.Equal(p < events.Length - 1, e.Book.More);
            foreach (var level in e.Book.BidLevels)
            {
                Assert.Equal(Price.Parse(BinanceFrames.BidPrice(bids)), level.Price);
                Assert.Equal(Quantity.Parse(BinanceFrames.LevelQuantity(bids++)), level.Quantity);
            }
            foreach (var level in e.Book.AskLevels)
            {
                Assert.Equal(Price.Parse(BinanceFrames.AskPrice(asks)), level.Price);
                Assert.Equal(Quantity.Parse(BinanceFrames.LevelQuantity(asks++)), level.Quantity);
            }
        }
        Assert.Equal((1000, 1000), (bids, asks));
    }

    [Fact]
    public void Premium_index_fixture_is_one_funding_event_with_every_field()
    {
        var result = _v.ParseRest("/fapi/v1/premiumIndex?symbol=BTCUSDT", BinanceTestVenue.Fixture("premium-index.json"));

        Assert.Equal(FrameResult.MarketData, result);
        Assert.Equal(1, _v.Events.Length);
        AssertDocPremiumIndex(_v, _v.Events[0]);
    }

    [Fact]
    public void Premium_index_array_fixture_is_one_event_per_tracked_symbol()
    {
        var result = _v.ParseRest("/fapi/v1/premiumIndex", BinanceTestVenue.Fixture("premium-index-all.json"));

        Assert.Equal(FrameResult.MarketData, result);
        Assert.Equal(1, _v.Events.Length);
        AssertDocPremiumIndex(_v, _v.Events[0]);
    }

    [Fact]
    public void Premium_index_array_skips_untracked_and_delivery_symbols()
    {
        const string body = """
            [{"symbol":"BTCUSDT_240329","markPrice":"37500.2","indexPrice":"36990.5","estimatedSettlePrice":"1","lastFundingRate":"","interestRate":"","nextFundingTime":0,"time":1700000000000},
             {"symbol":"ETHUSDT","markPrice":"2000.25","indexPrice":"1999.75","estimatedSettlePrice":"2000","lastFundingRate":"-0.0001","interestRate":"0.0001","nextFundingTime":1700006400000,"time":1700000000002}]
            """;

        Assert.Equal(FrameResult.MarketData, _v.ParseRest("/fapi/v1/premiumIndex", body));
        var events = _v.Events;
        Assert.Equal(1, events.Length);
        ref readonly var e = ref events[0];
        Assert.Equal(_v.Eth, e.Instrument);
        Assert.Equal(1700000000002, e.ExchangeTimeMs);
        Assert.Equal(FundingRate.Parse("-0.0001"), e.Funding.Rate);
    }

    [Theory]
    [InlineData("/fapi/v1/depth?symbol=XYZ&limit=1000")]
    [InlineData("/fapi/v1/premiumIndex?symbol=XYZ")]
    public void Error_bodies_are_venue_errors(string request)
    {
        Assert.Equal(FrameResult.VenueError, _v.ParseRest(request, """{"code":-1121,"msg":"Invalid symbol."}"""));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Theory]
    [InlineData("/fapi/v1/exchangeInfo")]
    [InlineData("/fapi/v1/fundingInfo")]
    public void Metadata_bodies_are_control_not_market_data(string request)
    {
        Assert.Equal(FrameResult.Control, _v.ParseRest(request, BinanceTestVenue.Fixture("funding-info.json")));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Theory]
    [InlineData("/fapi/v1/ticker/24hr?symbol=BTCUSDT")]
    [InlineData("/fapi/v2/depth?symbol=BTCUSDT")]
    [InlineData("")]
    public void Unknown_paths_are_unknown_messages(string request)
    {
        Assert.Equal(FrameResult.Bad(FrameIssue.UnknownMessage), _v.ParseRest(request, "{}"));
    }

    [Theory]
    [InlineData("""{"lastUpdateId":1,"E":1589436922972,"bids":[["4","1"]],"asks":[["4.1","1"]]""", FrameIssue.MalformedJson)]
    [InlineData("""[{"lastUpdateId":1}]""", FrameIssue.UnexpectedShape)]
    [InlineData("""{"lastUpdateId":-1,"E":1589436922972,"bids":[],"asks":[]}""", FrameIssue.NegativeValue)]
    [InlineData("""{"lastUpdateId":1,"E":1589436922972,"bids":[["NaN","1"]],"asks":[]}""", FrameIssue.InvalidNumber)]
    [InlineData("""{"lastUpdateId":1,"E":1589436922972,"bids":[["4","-1"]],"asks":[]}""", FrameIssue.NegativeValue)]
    [InlineData("""{"lastUpdateId":1,"E":1589436922972,"bids":[],"asks":[["0","1"]]}""", FrameIssue.AbsurdValue)]
    [InlineData("", FrameIssue.MalformedJson)]
    public void Malformed_depth_bodies_are_refused(string body, FrameIssue issue)
    {
        Assert.Equal(FrameResult.Bad(issue), _v.ParseRest(DepthRequest, body));
        Assert.Equal(0, _v.PublishedCount);
    }

    [Theory]
    [InlineData("""{"symbol":"BTCUSDT","markPrice":"nan","indexPrice":"1","lastFundingRate":"0","nextFundingTime":1597392000000,"time":1597370495002}""", FrameIssue.InvalidNumber)]
    [InlineData("""{"symbol":"BTCUSDT","indexPrice":"1","lastFundingRate":"0","nextFundingTime":1597392000000,"time":1597370495002}""", FrameIssue.MissingField)]
    [InlineData("""{"symbol":"BTCUSDT","markPrice":"1","indexPrice":"1","lastFundingRate":"0","nextFundingTime":1597392000000}""", FrameIssue.MissingField)]
    [InlineData("""{"symbol":"XYZUSDT","markPrice":"1","indexPrice":"1","lastFundingRate":"0","nextFundingTime":1597392000000,"time":1597370495002}""", FrameIssue.UnknownSymbol)]
    [InlineData("""{"symbol":"BTCUSDT","markPrice":"1","indexPrice":"1","lastFundingRate":"0.75","nextFundingTime":1597392000000,"time":1597370495002}""", FrameIssue.AbsurdValue)]
    [InlineData("[]", FrameIssue.UnexpectedShape)]
    public void Malformed_premium_index_bodies_are_refused(string body, FrameIssue issue)
    {
        Assert.Equal(FrameResult.Bad(issue), _v.ParseRest("/fapi/v1/premiumIndex", body));
        Assert.Equal(0, _v.PublishedCount);
    }

    private static void AssertDocPremiumIndex(BinanceTestVenue v, in MarketEvent e)
    {
        Assert.Equal(MarketEventKind.Funding, e.Kind);
        Assert.Equal(v.Venue, e.Venue);
        Assert.Equal(v.Btc, e.Instrument);
        Assert.Equal(1597370495002, e.ExchangeTimeMs);
        Assert.Equal(BinanceTestVenue.ReceivedTimestamp, e.ReceivedTimestamp);
        Assert.Equal(FundingFields.MarkPrice | FundingFields.IndexPrice | FundingFields.Rate | FundingFields.NextFundingTime, e.Funding.Fields);
        Assert.Equal(Price.Parse("11793.63104562"), e.Funding.MarkPrice);
        Assert.Equal(Price.Parse("11781.8049597"), e.Funding.IndexPrice);
        Assert.Equal(FundingRate.Parse("0.00038246"), e.Funding.Rate);
        Assert.Equal(1597392000000, e.Funding.NextFundingTimeMs);
        Assert.Equal(0, e.Funding.IntervalHours);
        Assert.Equal(0, e.Book.BidCount);
        Assert.Equal(0, e.Book.AskCount);
    }
}
