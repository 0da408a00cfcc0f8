using System.Text;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

public sealed class BybitInstrumentMetadataTests
{
    private const string Request = "/v5/market/instruments-info?category=linear&limit=1000";

    [Fact]
    public void DocsLinearPerpetual_GivesEveryRule()
    {
        var specs = BybitMarketData.Instance.ParseMetadata(Request, BybitTestFeed.Fixture("rest-instruments-info-linear.json"));

        var spec = Assert.Single(specs);
        Assert.Equal(new InstrumentSpec
        {
            VenueSymbol = "BTCUSDT",
            BaseAsset = "BTC",
            QuoteAsset = "USDT",
            TickSize = Price.Parse("0.10"),
            LotStep = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"),
            MaxMarketQuantity = Quantity.Parse("500.000"),
            MinNotional = 5.0,
            ContractSize = Quantity.Parse("1"),
            FundingIntervalHours = 8,
            IsTrading = true,
        }, spec);
        BybitInstrumentMetadata.Parse(BybitTestFeed.Fixture("rest-instruments-info-linear.json"), out var cursor);
        Assert.Null(cursor);
    }

    [Fact]
    public void DocsPreListingPerpetual_IsNotTrading_AndHasANextPage()
    {
        var specs = BybitInstrumentMetadata.Parse(BybitTestFeed.Fixture("rest-instruments-info-prelisting.json"), out var cursor);

        var spec = Assert.Single(specs);
        Assert.Equal(new InstrumentSpec
        {
            VenueSymbol = "BIOUSDT",
            BaseAsset = "BIO",
            QuoteAsset = "USDT",
            TickSize = Price.Parse("0.0001"),
            LotStep = Quantity.Parse("1"),
            MinQuantity = Quantity.Parse("1"),
            MaxMarketQuantity = Quantity.Parse("14000"),
            MinNotional = 5.0,
            ContractSize = Quantity.Parse("1"),
            FundingIntervalHours = 8,
            IsTrading = false,
        }, spec);
        Assert.Equal("first%3DBIOUSDT%26last%3DBIOUSDT", cursor);
        Assert.Equal("/v5/market/instruments-info?category=linear&limit=1000&cursor=first%3DBIOUSDT%26last%3DBIOUSDT",
            BybitInstrumentMetadata.NextPageRequest(cursor!));
    }

    [Fact]
    public void NextPageRequest_EscapesACursorThatIsNotAlreadyUrlSafe()
    {
        Assert.Equal("/v5/market/instruments-info?category=linear&limit=1000&cursor=first%3DBIOUSDT%26last%3DBIOUSDT",
            BybitInstrumentMetadata.NextPageRequest("first=BIOUSDT&last=BIOUSDT"));
    }

    [Fact]
    public void OnlyLinearPerpetualsAreKept()
    {
        var body = Body(
            Item("BTCUSDT", contractType: "LinearPerpetual"),
            Item("BTC-26DEC25", contractType: "LinearFutures"),
            Item("ETHPERP", contractType: "LinearPerpetual", quote: "USDC"));

        var specs = BybitInstrumentMetadata.Parse(body);

        Assert.Equal(["BTCUSDT", "ETHPERP"], specs.Select(s => s.VenueSymbol));
        Assert.Equal("USDC", specs[1].QuoteAsset);
    }

    [Theory]
    [InlineData(60, 1)]
    [InlineData(120, 2)]
    [InlineData(240, 4)]
    [InlineData(480, 8)]
    [InlineData(30, null)]
    [InlineData(90, null)]
    public void FundingIntervalInMinutes_BecomesWholeHours_OrNothing(int minutes, int? hours)
    {
        var spec = Assert.Single(BybitInstrumentMetadata.Parse(Body(Item("BTCUSDT", fundingInterval: minutes.ToString()))));

        Assert.Equal(hours, spec.FundingIntervalHours);
    }

    [Fact]
    public void FundingIntervalAsAString_IsAccepted()
    {
        var spec = Assert.Single(BybitInstrumentMetadata.Parse(Body(Item("BTCUSDT", fundingInterval: "\"240\""))));

        Assert.Equal(4, spec.FundingIntervalHours);
    }

    [Fact]
    public void EmptyOptionalLimits_AreUnknown()
    {
        var spec = Assert.Single(BybitInstrumentMetadata.Parse(Body(Item("BTCUSDT", maxMktOrderQty: "", minNotionalValue: ""))));

        Assert.Null(spec.MaxMarketQuantity);
        Assert.Null(spec.MinNotional);
    }

    [Fact]
    public void EmptyList_GivesNoSpecs()
    {
        Assert.Empty(BybitInstrumentMetadata.Parse(Body()));
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "not json", "<html>", "invalid JSON" },
        { "truncated", """{"retCode":0,"result":{"list":[""", "invalid JSON" },
        { "no retCode", """{"result":{"category":"linear","list":[]}}""", "retCode" },
        { "error retCode", """{"retCode":10001,"retMsg":"params error","result":{},"retExtInfo":{},"time":1}""", "retCode is 10001 (params error)" },
        { "no result", """{"retCode":0,"retMsg":"OK"}""", "result is missing" },
        { "no list", """{"retCode":0,"result":{"category":"linear"}}""", "result.list is missing" },
        { "spot category", """{"retCode":0,"result":{"category":"spot","list":[]}}""", "result.category" },
        { "null item", """{"retCode":0,"result":{"category":"linear","list":[null]}}""", "result.list[0] is missing" },
        { "no symbol", Page(Item("BTCUSDT").Replace("\"symbol\":\"BTCUSDT\",", "")), "result.list[0].symbol" },
        { "no contractType", Page(Item("BTCUSDT").Replace("\"contractType\":\"LinearPerpetual\",", "")), "contractType" },
        { "no status", Page(Item("BTCUSDT").Replace("\"status\":\"Trading\",", "")), "(BTCUSDT).status" },
        { "no baseCoin", Page(Item("BTCUSDT").Replace("\"baseCoin\":\"BTC\",", "")), "baseCoin" },
        { "no priceFilter", Page(Item("BTCUSDT").Replace("\"priceFilter\":{\"minPrice\":\"0.10\",\"maxPrice\":\"1999999.80\",\"tickSize\":\"0.10\"},", "")), "priceFilter" },
        { "no tickSize", Page(Item("BTCUSDT").Replace(",\"tickSize\":\"0.10\"", "")), "priceFilter.tickSize" },
        { "tickSize NaN", Page(Item("BTCUSDT").Replace("\"tickSize\":\"0.10\"", "\"tickSize\":\"NaN\"")), "priceFilter.tickSize 'NaN'" },
        { "tickSize zero", Page(Item("BTCUSDT").Replace("\"tickSize\":\"0.10\"", "\"tickSize\":\"0\"")), "tickSize '0' is not positive" },
        { "tickSize number", Page(Item("BTCUSDT").Replace("\"tickSize\":\"0.10\"", "\"tickSize\":0.1")), "tickSize" },
        { "qtyStep negative", Page(Item("BTCUSDT", qtyStep: "-0.001")), "lotSizeFilter.qtyStep '-0.001'" },
        { "minOrderQty too fine", Page(Item("BTCUSDT", minOrderQty: "0.000000001")), "lotSizeFilter.minOrderQty" },
        { "maxMktOrderQty text", Page(Item("BTCUSDT", maxMktOrderQty: "lots")), "lotSizeFilter.maxMktOrderQty 'lots'" },
        { "minNotionalValue negative", Page(Item("BTCUSDT", minNotionalValue: "-5")), "minNotionalValue '-5'" },
        { "no fundingInterval", Page(Item("BTCUSDT", fundingInterval: null)), "fundingInterval is missing" },
        { "fundingInterval zero", Page(Item("BTCUSDT", fundingInterval: "0")), "fundingInterval is 0" },
        { "fundingInterval text", Page(Item("BTCUSDT", fundingInterval: "\"eight\"")), "fundingInterval" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void BadBody_ThrowsFormatExceptionNamingTheField(string because, string body, string mentions)
    {
        var error = Assert.Throws<FormatException>(() => BybitInstrumentMetadata.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.True(error.Message.Contains(mentions, StringComparison.Ordinal), $"{because}: '{error.Message}' does not mention '{mentions}'");
    }

    [Fact]
    public void ParseMetadata_RefusesAnotherEndpoint()
    {
        Assert.Throws<ArgumentException>(() =>
            BybitMarketData.Instance.ParseMetadata("/v5/market/tickers?category=linear", BybitTestFeed.Fixture("rest-instruments-info-linear.json")));
    }

    private static byte[] Body(params string[] items) =>
        Encoding.UTF8.GetBytes(Page(string.Join(",", items)));

    private static string Page(string items) =>
        $$"""{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{{items}}],"nextPageCursor":""},"retExtInfo":{},"time":1735809771618}""";

    private static string Item(string symbol, string contractType = "LinearPerpetual", string quote = "USDT",
        string qtyStep = "0.001", string minOrderQty = "0.001", string maxMktOrderQty = "500.000",
        string minNotionalValue = "5", string? fundingInterval = "480")
    {
        var interval = fundingInterval is null ? "" : $",\"fundingInterval\":{fundingInterval}";
        return $$"""{"symbol":"{{symbol}}","contractType":"{{contractType}}","status":"Trading","baseCoin":"BTC","quoteCoin":"{{quote}}","priceFilter":{"minPrice":"0.10","maxPrice":"1999999.80","tickSize":"0.10"},"lotSizeFilter":{"maxOrderQty":"1190.000","minOrderQty":"{{minOrderQty}}","qtyStep":"{{qtyStep}}","maxMktOrderQty":"{{maxMktOrderQty}}","minNotionalValue":"{{minNotionalValue}}"}{{interval}},"settleCoin":"{{quote}}"}""";
    }
}
