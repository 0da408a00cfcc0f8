using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Tests.Tools.VenueSim;

public class ScenarioLoaderTests
{
    [Fact]
    public void The_shipped_default_scenario_covers_three_venues_three_coins_and_8_4_1_hour_intervals()
    {
        var scenario = ScenarioLoader.LoadDefault();
        Assert.Equal(9, scenario.Catalog.All.Count);
        foreach (var venue in new[] { VenueKind.Binance, VenueKind.Bybit, VenueKind.Okx })
            Assert.Equal(3, scenario.Catalog.OfVenue(venue).Count());
        Assert.True(scenario.Catalog.TryGet(VenueKind.Binance, "BTCUSDT", out _));
        Assert.True(scenario.Catalog.TryGet(VenueKind.Bybit, "BTCUSDT", out _));
        Assert.True(scenario.Catalog.TryGet(VenueKind.Okx, "BTC-USDT-SWAP", out var okx));
        Assert.Equal(0.01m, okx.ContractSize);
        Assert.Equal([1, 4, 8], scenario.Catalog.All.Select(i => (int)i.FundingInterval.TotalHours).Distinct().Order());
    }

    [Fact]
    public void The_default_scenario_has_an_opportunity_that_appears_decays_and_flips()
    {
        var scenario = ScenarioLoader.LoadDefault();
        scenario.Catalog.TryGet(VenueKind.Binance, "BTCUSDT", out var binance);
        scenario.Catalog.TryGet(VenueKind.Bybit, "BTCUSDT", out var bybit);
        decimal Diff(double hours) =>
            scenario.PathOf(bybit).Sample(TimeSpan.FromHours(hours)).FundingRate - scenario.PathOf(binance).Sample(TimeSpan.FromHours(hours)).FundingRate;
        Assert.True(Math.Abs(Diff(0)) < 0.00005m);   // nothing at the start
        Assert.True(Diff(6) > 0.0003m);              // Bybit pays far more: short Bybit, long Binance
        Assert.True(Diff(11) < Diff(6) / 3);         // decayed
        Assert.True(Diff(17) < -0.0003m);            // flipped
        foreach (var spec in scenario.Catalog.All)
            for (var h = 0; h < 24; h++)
            {
                var point = scenario.PathOf(spec).Sample(TimeSpan.FromHours(h));
                Assert.InRange(point.FundingRate * 8 / (decimal)spec.FundingInterval.TotalHours, -0.001m, 0.001m); // within ±0.1 %/8 h
                Assert.InRange(Math.Abs(point.Mark / point.Index - 1), 0m, 0.002m);                               // basis under 20 bps
            }
    }

    [Fact]
    public void Paths_interpolate_between_keyframes_hold_after_the_last_and_loop()
    {
        var scenario = ScenarioLoader.Parse(TestScenarios.Lively);
        scenario.Catalog.TryGet(VenueKind.Binance, "BTCUSDT", out var spec);
        var path = scenario.PathOf(spec);
        Assert.Equal(60300m, path.Sample(TimeSpan.FromMinutes(30)).Mark);
        Assert.Equal(0.00015m, path.Sample(TimeSpan.FromMinutes(30)).FundingRate);
        Assert.Equal(60600m, path.Sample(TimeSpan.FromHours(5)).Mark);
        var looping = ScenarioLoader.Parse(TestScenarios.Lively.Replace("\"name\": \"lively\",", "\"name\": \"lively\", \"loop\": \"2h\",", StringComparison.Ordinal));
        looping.Catalog.TryGet(VenueKind.Binance, "BTCUSDT", out spec);
        Assert.Equal(60300m, looping.PathOf(spec).Sample(TimeSpan.FromMinutes(150)).Mark);
    }

    [Theory]
    [InlineData("\"venue\": \"binance\"", "\"venue\": \"kraken\"", "$.instruments[0].venue")]
    [InlineData("\"tickSize\": \"0.1\"", "\"tickSize\": \"-1\"", "$.instruments[0].tickSize")]
    [InlineData("\"at\": \"1h\"", "\"at\": \"soon\"", "$.instruments[0].path[1].at")]
    [InlineData("\"rate\": \"0.0002\"", "\"rate\": \"0.2\"", "$.instruments[0].path[1].rate")]
    [InlineData("\"size\": \"0.5\"", "\"size\": \"0\"", "$.instruments[0].book.size")]
    [InlineData("\"symbol\": \"BTCUSDT\"", "\"symbol\": \"BTCUSDT\", \"fundingIntervalHours\": 3", "$.instruments[0].fundingIntervalHours")]
    [InlineData("\"symbol\": \"BTCUSDT\"", "\"symbol\": \"BTCUSDT\", \"colour\": 3", "colour")]
    public void A_bad_scenario_is_refused_with_the_field_named(string find, string replace, string named)
    {
        var json = TestScenarios.Lively.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(TestScenarios.Lively, json);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s", 0)]
    [InlineData("90m", 5400)]
    [InlineData("2h30m", 9000)]
    [InlineData("1d6h", 108000)]
    public void Durations_read_as_written(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }
}
