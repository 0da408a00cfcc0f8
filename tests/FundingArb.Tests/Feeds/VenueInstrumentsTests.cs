using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Tests.Tools.VenueSim;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Feeds;

/// <summary>Loading a venue's traded perpetuals from its metadata over REST, against the simulator on loopback.</summary>
public class VenueInstrumentsTests
{
    [Fact]
    public async Task Binance_perpetuals_of_the_wanted_assets_come_with_their_rules_and_intervals()
    {
        await using var sim = await VenueSimulator.StartAsync(new VenueSimulatorOptions
        {
            MarketClock = new VirtualClock(SimHarness.DefaultStart),
            WallClock = new VirtualClock(SimHarness.DefaultStart),
        }, TestContext.Current.CancellationToken);
        using var http = new HttpClient { Timeout = TestGuard.Timeout };

        var specs = await VenueInstruments.LoadAsync(BinanceMarketData.Instance, sim.Endpoints[VenueKind.Binance], http,
            ["BTC", "SOL", "DOGE"], "USDT", TestContext.Current.CancellationToken);

        // The default scenario lists BTC, ETH and SOL; DOGE is not listed, ETH not wanted. SOL settles every 4 h
        // (fundingInfo), BTC is absent from fundingInfo, so its interval is left to the venue's 8 h default.
        Assert.Equal(["BTCUSDT", "SOLUSDT"], specs.Select(s => s.VenueSymbol));
        var btc = specs[0];
        Assert.Equal(("BTC", "USDT", true), (btc.BaseAsset, btc.QuoteAsset, btc.IsTrading));
        var scenario = sim.ExchangeOf(VenueKind.Binance).Markets["BTCUSDT"].Spec;
        Assert.Equal(Price.Parse(scenario.TickSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), btc.TickSize);
        Assert.Equal(Quantity.Parse(scenario.StepSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), btc.LotStep);
        Assert.Null(btc.FundingIntervalHours);
        Assert.Equal(4, specs[1].FundingIntervalHours);
    }

    [Fact]
    public async Task A_venue_that_answers_wrongly_stops_the_start_naming_the_venue_and_the_request()
    {
        await using var server = await LoopbackVenueServer.StartAsync();
        server.Rest = path => path.StartsWith("/fapi/v1/exchangeInfo", StringComparison.Ordinal) ? (503, "{\"code\":-1001,\"msg\":\"down\"}") : (404, "");
        using var http = new HttpClient { Timeout = TestGuard.Timeout };

        var e = await Assert.ThrowsAsync<VenueStartupException>(() => VenueInstruments.LoadAsync(BinanceMarketData.Instance,
            server.HttpBase, http, ["BTC"], "USDT", TestContext.Current.CancellationToken));
        Assert.Equal("binance: GET /fapi/v1/exchangeInfo: HTTP 503: {\"code\":-1001,\"msg\":\"down\"}", e.Message);

        server.Rest = _ => (200, "{\"symbols\":\"not a list\"}");
        var malformed = await Assert.ThrowsAsync<VenueStartupException>(() => VenueInstruments.LoadAsync(BinanceMarketData.Instance,
            server.HttpBase, http, ["BTC"], "USDT", TestContext.Current.CancellationToken));
        Assert.StartsWith("binance: GET /fapi/v1/exchangeInfo: the answer is not what the venue documents:", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_venue_that_never_answers_stops_the_start_naming_the_venue()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start(); // accepts connections (the kernel's backlog) and never answers a byte
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) }; // the server never answers: no race

        var e = await Assert.ThrowsAsync<VenueStartupException>(() => VenueInstruments.LoadAsync(BinanceMarketData.Instance,
            new Uri($"http://127.0.0.1:{port}"), http, ["BTC"], "USDT", TestContext.Current.CancellationToken));
        Assert.Equal($"binance: GET /fapi/v1/exchangeInfo: no answer from http://127.0.0.1:{port}/ within 0.2 s.", e.Message);
    }
}
