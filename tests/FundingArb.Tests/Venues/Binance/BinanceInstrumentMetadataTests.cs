using System.Text;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>exchangeInfo and fundingInfo, from the docs' examples and variations of them.</summary>
public sealed class BinanceInstrumentMetadataTests
{
    private static byte[] Fixture(string name) => Encoding.UTF8.GetBytes(BinanceTestVenue.Fixture(name));

    [Fact]
    public void Exchange_info_fixture_gives_the_documented_rules()
    {
        var specs = BinanceMarketData.Instance.ParseMetadata("/fapi/v1/exchangeInfo", Fixture("exchange-info.json"));

        var spec = Assert.Single(specs);
        Assert.Equal("BLZUSDT", spec.VenueSymbol);
        Assert.Equal("BLZ", spec.BaseAsset);
        Assert.Equal("USDT", spec.QuoteAsset);
        Assert.Equal(Price.Parse("0.0001"), spec.TickSize);
        Assert.Equal(Quantity.Parse("1"), spec.LotStep);
        Assert.Equal(Quantity.Parse("1"), spec.MinQuantity);
        Assert.Equal(Quantity.Parse("590119"), spec.MaxMarketQuantity);
        Assert.Equal(5.0, spec.MinNotional);
        Assert.Equal(Quantity.Parse("1"), spec.ContractSize);
        Assert.Null(spec.FundingIntervalHours);
        Assert.True(spec.IsTrading);
    }

    [Fact]
    public void Funding_info_fixture_gives_the_interval_only()
    {
        var specs = BinanceMarketData.Instance.ParseMetadata("/fapi/v1/fundingInfo", Fixture("funding-info.json"));

        var spec = Assert.Single(specs);
        Assert.Equal(new InstrumentSpec { VenueSymbol = "BLZUSDT", FundingIntervalHours = 8 }, spec);
    }

    [Fact]
    public void Funding_info_merges_onto_exchange_info_and_unlisted_symbols_take_the_default()
    {
        var rules = BinanceInstrumentMetadata.ParseExchangeInfo(Fixture("exchange-info.json"))[0];
        var interval = BinanceInstrumentMetadata.ParseFundingInfo(
            """[{"symbol":"BLZUSDT","adjustedFundingRateCap":"0.02","adjustedFundingRateFloor":"-0.02","fundingIntervalHours":4,"disclaimer":false}]"""u8)[0];

        var merged = rules.MergedWith(interval);

        Assert.Equal(4, merged.FundingIntervalHours);
        Assert.Equal(Price.Parse("0.0001"), merged.TickSize);
        Assert.Equal(8, BinanceMarketData.Instance.DefaultFundingIntervalHours);
    }

    [Fact]
    public void Only_perpetual_contracts_are_kept_and_status_decides_trading()
    {
        var body = Exchange(
            Symbol("BTCUSDT", "PERPETUAL", "TRADING", "BTC", "USDT", "0.10", "0.001", "0.001", "120", "100"),
            Symbol("BTCUSDT_240329", "CURRENT_QUARTER", "TRADING", "BTC", "USDT", "0.1", "0.001", "0.001", "120", "5"),
            Symbol("ETHUSDC", "PERPETUAL", "SETTLING", "ETH", "USDC", "0.01", "0.001", "0.001", "2000", "20"),
            Symbol("OLDUSDT", "PERPETUAL_DELIVERING", "DELIVERING", "OLD", "USDT", "0.1", "1", "1", "1", "5"),
            Symbol("GONEUSDT", "", "SETTLING", "GONE", "USDT", "0.1", "1", "1", "1", "5"));

        var specs = BinanceInstrumentMetadata.ParseExchangeInfo(body);

        Assert.Equal(new[] { "BTCUSDT", "ETHUSDC" }, specs.Select(s => s.VenueSymbol));
        Assert.True(specs[0].IsTrading);
        Assert.Equal(Price.Parse("0.1"), specs[0].TickSize);
        Assert.Equal(Quantity.Parse("0.001"), specs[0].LotStep);
        Assert.Equal(Quantity.Parse("120"), specs[0].MaxMarketQuantity);
        Assert.Equal(100.0, specs[0].MinNotional);
        Assert.False(specs[1].IsTrading);
        Assert.Equal("USDC", specs[1].QuoteAsset);
        Assert.Equal("ETH", specs[1].BaseAsset);
    }

    [Fact]
    public void A_perpetual_without_filters_has_no_rules_rather_than_invented_ones()
    {
        var specs = BinanceInstrumentMetadata.ParseExchangeInfo(
            """{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT","filters":[]}]}"""u8);

        var spec = Assert.Single(specs);
        Assert.Null(spec.TickSize);
        Assert.Null(spec.LotStep);
        Assert.Null(spec.MinNotional);
        Assert.Equal(Quantity.Parse("1"), spec.ContractSize);
    }

    [Theory]
    [InlineData("""{"symbols":[{"contractType":"PERPETUAL","status":"TRADING"}]}""", "symbols[0].symbol")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","status":"TRADING"}]}""", "symbols[0] (BTCUSDT).contractType")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL"}]}""", "symbols[0] (BTCUSDT).status")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"PRICE_FILTER","tickSize":"abc"}]}]}""", "filters[PRICE_FILTER].tickSize")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"PRICE_FILTER","tickSize":"0"}]}]}""", "filters[PRICE_FILTER].tickSize")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"PRICE_FILTER"}]}]}""", "filters[PRICE_FILTER].tickSize")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"LOT_SIZE","stepSize":"-1","minQty":"1"}]}]}""", "filters[LOT_SIZE].stepSize")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"LOT_SIZE","stepSize":"0.001","minQty":"NaN"}]}]}""", "filters[LOT_SIZE].minQty")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"MARKET_LOT_SIZE","maxQty":"0.000000001"}]}]}""", "filters[MARKET_LOT_SIZE].maxQty")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"MIN_NOTIONAL","notional":"-5"}]}]}""", "filters[MIN_NOTIONAL].notional")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"tickSize":"0.1"}]}]}""", "filters[0].filterType")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","filters":[{"filterType":"PRICE_FILTER","tickSize":0.1}]}]}""", "$.symbols[0].filters[0].tickSize")]
    [InlineData("""{"symbols":"BTCUSDT"}""", "$.symbols")]
    [InlineData("""{"timezone":"UTC"}""", "symbols")]
    [InlineData("""{"symbols":[{"symbol":"BTCUSDT",""", "$.symbols")]
    [InlineData("""{"code":-1003,"msg":"Too many requests; current limit is 2400 requests per minute."}""", "error -1003: Too many requests")]
    [InlineData("null", "the body")]
    public void Malformed_exchange_info_throws_a_format_exception_naming_the_field(string body, string field)
    {
        var e = Assert.Throws<FormatException>(() => BinanceInstrumentMetadata.ParseExchangeInfo(Encoding.UTF8.GetBytes(body)));

        Assert.Contains("Binance exchangeInfo", e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"fundingIntervalHours":8}]""", "[0].symbol")]
    [InlineData("""[{"symbol":"BLZUSDT"}]""", "[0] (BLZUSDT).fundingIntervalHours is missing")]
    [InlineData("""[{"symbol":"BLZUSDT","fundingIntervalHours":0}]""", "[0] (BLZUSDT).fundingIntervalHours is 0")]
    [InlineData("""[{"symbol":"BLZUSDT","fundingIntervalHours":48}]""", "[0] (BLZUSDT).fundingIntervalHours is 48")]
    [InlineData("""[{"symbol":"BLZUSDT","fundingIntervalHours":"8"}]""", "$[0].fundingIntervalHours")]
    [InlineData("""{"symbol":"BLZUSDT"}""", "$")]
    [InlineData("""{"code":-1003,"msg":"Too many requests."}""", "error -1003: Too many requests.")]
    public void Malformed_funding_info_throws_a_format_exception_naming_the_field(string body, string field)
    {
        var e = Assert.Throws<FormatException>(() => BinanceInstrumentMetadata.ParseFundingInfo(Encoding.UTF8.GetBytes(body)));

        Assert.Contains("Binance fundingInfo", e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_funding_info_means_every_symbol_uses_the_default()
    {
        Assert.Empty(BinanceInstrumentMetadata.ParseFundingInfo("[]"u8));
    }

    [Fact]
    public void Metadata_paths_are_matched_without_their_query_and_others_are_refused()
    {
        Assert.Single(BinanceMarketData.Instance.ParseMetadata("/fapi/v1/fundingInfo?x=1", Fixture("funding-info.json")));
        Assert.Throws<ArgumentException>(() => BinanceMarketData.Instance.ParseMetadata("/fapi/v1/depth?symbol=BTCUSDT", Fixture("funding-info.json")));
    }

    private static byte[] Exchange(params string[] symbols) =>
        Encoding.UTF8.GetBytes("{\"timezone\":\"UTC\",\"symbols\":[" + string.Join(',', symbols) + "]}");

    private static string Symbol(string symbol, string contractType, string status, string baseAsset, string quoteAsset,
        string tick, string step, string minQty, string maxMarketQty, string notional) =>
        $$"""
        {"symbol":"{{symbol}}","pair":"{{symbol}}","contractType":"{{contractType}}","status":"{{status}}","baseAsset":"{{baseAsset}}",
         "quoteAsset":"{{quoteAsset}}","marginAsset":"{{quoteAsset}}","pricePrecision":2,"quantityPrecision":3,
         "filters":[{"filterType":"PRICE_FILTER","maxPrice":"4529764","minPrice":"556.80","tickSize":"{{tick}}"},
                    {"filterType":"LOT_SIZE","maxQty":"1000","minQty":"{{minQty}}","stepSize":"{{step}}"},
                    {"filterType":"MARKET_LOT_SIZE","maxQty":"{{maxMarketQty}}","minQty":"{{minQty}}","stepSize":"{{step}}"},
                    {"filterType":"MAX_NUM_ORDERS","limit":200},
                    {"filterType":"MIN_NOTIONAL","notional":"{{notional}}"},
                    {"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}]}
        """;
}
