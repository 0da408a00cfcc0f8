using System.Text;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

public sealed class OkxInstrumentMetadataTests
{
    private static readonly OkxMarketData Okx = OkxMarketData.Instance;

    [Fact]
    public void SwapInstruments_GiveLinearPerpetualsInContracts_AndSkipInverseOnes()
    {
        var specs = Okx.ParseMetadata("/api/v5/public/instruments?instType=SWAP", OkxTestVenue.Fixture("rest-instruments-swap.json"));

        Assert.Equal(2, specs.Count);
        Assert.Equal(new InstrumentSpec
        {
            VenueSymbol = "BTC-USDT-SWAP",
            BaseAsset = "BTC",
            QuoteAsset = "USDT",
            TickSize = Price.Parse("0.1"),
            LotStep = Quantity.Parse("0.01"),
            MinQuantity = Quantity.Parse("0.01"),
            MaxMarketQuantity = Quantity.Parse("12000"),
            MinNotional = null,
            ContractSize = Quantity.Parse("0.01"),
            FundingIntervalHours = null,
            IsTrading = true,
        }, specs[0]);
        Assert.Equal(new InstrumentSpec
        {
            VenueSymbol = "ETH-USDT-SWAP",
            BaseAsset = "ETH",
            QuoteAsset = "USDT",
            TickSize = Price.Parse("0.01"),
            LotStep = Quantity.Parse("0.01"),
            MinQuantity = Quantity.Parse("0.01"),
            MaxMarketQuantity = null, // ""
            MinNotional = null,
            ContractSize = Quantity.Parse("0.1"),
            FundingIntervalHours = null,
            IsTrading = false, // post_only
        }, specs[1]);
    }

    [Fact]
    public void DocsSpotExample_HoldsNoPerpetual()
    {
        Assert.Empty(Okx.ParseMetadata("/api/v5/public/instruments?instType=SPOT", OkxTestVenue.Fixture("rest-instruments-spot.json")));
    }

    [Fact]
    public void FundingRateAnswer_GivesThePartialSpecWithTheInterval()
    {
        var specs = Okx.ParseMetadata("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP", OkxTestVenue.Fixture("rest-funding-rate.json"));

        Assert.Equal(new InstrumentSpec { VenueSymbol = "BTC-USDT-SWAP", FundingIntervalHours = 8 }, Assert.Single(specs));
    }

    [Fact]
    public void InstrumentsThenFundingRate_MergeIntoTheFullSpec()
    {
        var btc = Okx.ParseMetadata("/api/v5/public/instruments?instType=SWAP", OkxTestVenue.Fixture("rest-instruments-swap.json"))[0];
        var interval = Okx.ParseMetadata("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP", OkxTestVenue.Fixture("rest-funding-rate.json"))[0];

        var merged = btc.MergedWith(interval);

        Assert.Equal(8, merged.FundingIntervalHours);
        Assert.Equal(Quantity.Parse("0.01"), merged.ContractSize);
    }

    [Theory]
    [InlineData("1743609600000", "1743613200000", 1)]
    [InlineData("1743609600000", "1743624000000", 4)]
    [InlineData("1743609600000", "1743611400000", null)]
    [InlineData("1743609600000", "", null)]
    public void FundingInterval_IsAWholeNumberOfHours(string fundingTime, string next, int? hours)
    {
        var body = $$"""{"code":"0","msg":"","data":[{"instId":"BTC-USDT-SWAP","fundingTime":"{{fundingTime}}","nextFundingTime":"{{next}}"}]}""";

        var specs = OkxInstrumentMetadata.ParseFundingIntervals(Encoding.UTF8.GetBytes(body));

        if (hours is null) Assert.Empty(specs);
        else Assert.Equal(hours, Assert.Single(specs).FundingIntervalHours);
    }

    [Fact]
    public void PairFallsBackToContractValueAndSettlementCurrencies()
    {
        var body = SwapItem(uly: "", instFamily: "");

        var spec = Assert.Single(OkxInstrumentMetadata.ParseInstruments(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(("BTC", "USDT"), (spec.BaseAsset, spec.QuoteAsset));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { SwapItem(tickSz: ""), "tickSz" },
        { SwapItem(tickSz: "abc"), "tickSz" },
        { SwapItem(tickSz: "0"), "tickSz" },
        { SwapItem(lotSz: "-1"), "lotSz" },
        { SwapItem(minSz: ""), "minSz" },
        { SwapItem(ctVal: ""), "ctVal" },
        { SwapItem(ctVal: "NaN"), "ctVal" },
        { SwapItem(maxMktSz: "lots"), "maxMktSz" },
        { SwapItem(state: ""), "state" },
        { SwapItem(instId: ""), "instId" },
        { SwapItem(ctType: ""), "ctType" },
        { SwapItem(uly: "", instFamily: "", ctValCcy: ""), "uly" },
        { """{"code":"50011","msg":"Rate limit reached.","data":[]}""", "code" },
        { """{"msg":"","data":[]}""", "code" },
        { """{"code":"0","msg":""}""", "data" },
        { """{"code":"0","msg":"","data":{}}""", "data" },
        { """{"code":"0","msg":"","data":[1]}""", "data" },
        { """{"code":"0","msg":"","data":[{"instType":"SWAP" """, "JSON" },
        { "[]", "code" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void BadInstrumentsAnswer_IsAFormatExceptionNamingTheField(string body, string field)
    {
        var e = Assert.Throws<FormatException>(() => OkxInstrumentMetadata.ParseInstruments(Encoding.UTF8.GetBytes(body)));

        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code":"0","msg":"","data":[{"instId":"BTC-USDT-SWAP","nextFundingTime":"1743638400000"}]}""", "fundingTime")]
    [InlineData("""{"code":"0","msg":"","data":[{"instId":"BTC-USDT-SWAP","fundingTime":"soon","nextFundingTime":"1743638400000"}]}""", "fundingTime")]
    [InlineData("""{"code":"0","msg":"","data":[{"fundingTime":"1743609600000"}]}""", "instId")]
    public void BadFundingRateAnswer_IsAFormatExceptionNamingTheField(string body, string field)
    {
        var e = Assert.Throws<FormatException>(() => OkxInstrumentMetadata.ParseFundingIntervals(Encoding.UTF8.GetBytes(body)));

        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMetadataPath_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Okx.ParseMetadata("/api/v5/public/mark-price?instType=SWAP", "{}"u8));
    }

    private static string SwapItem(string instId = "BTC-USDT-SWAP", string ctType = "linear", string ctVal = "0.01",
        string ctValCcy = "BTC", string tickSz = "0.1", string lotSz = "0.01", string minSz = "0.01", string maxMktSz = "12000",
        string state = "live", string uly = "BTC-USDT", string instFamily = "BTC-USDT") =>
        $$"""
        {"code":"0","msg":"","data":[{"instType":"SWAP","instId":"{{instId}}","ctType":"{{ctType}}","ctVal":"{{ctVal}}","ctMult":"1",
          "ctValCcy":"{{ctValCcy}}","settleCcy":"USDT","uly":"{{uly}}","instFamily":"{{instFamily}}","tickSz":"{{tickSz}}",
          "lotSz":"{{lotSz}}","minSz":"{{minSz}}","maxMktSz":"{{maxMktSz}}","state":"{{state}}","instIdCode":null,"upcChg":[]}]}
        """;
}
