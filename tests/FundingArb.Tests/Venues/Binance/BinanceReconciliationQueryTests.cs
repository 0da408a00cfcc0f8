using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Tests.Tools.VenueSim;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>Start-up reconciliation sees every position and open order of the account, including those in symbols the
/// current configuration does not map (a leg left by an earlier run must not be invisible).</summary>
public sealed class BinanceReconciliationQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Positions_and_open_orders_in_symbols_the_registry_does_not_map_are_reported_with_their_venue_symbol()
    {
        await using var h = await BinanceTradingHarness.StartAsync();
        Assert.True((await h.Client.PlaceAsync(OrderRequest.Market(h.Eth, BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.01")), Ct)).IsOk);
        var resting = OrderRequest.Limit(h.Eth, BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.01"), Price.Parse("1900"),
            TimeInForce.GoodTillCancel);
        Assert.True((await h.Client.PlaceAsync(resting, Ct)).IsOk);

        // Same account, restarted with a configuration that no longer trades ETH.
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BinanceMarketData.VenueName);
        registry.MapSymbol(venue, "BTCUSDT", registry.Intern("BTC", "USDT"));
        await using var restarted = new BinanceExecutionClient(venue, registry, new ApiCredentials(SimHarness.Key, SimHarness.Secret),
            new BinanceExecutionOptions { Endpoints = BinanceExecutionEndpoints.OnOneHost(h.Sim.Base) },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), h.Http, h.Sim.Wall);

        var positions = await restarted.QueryPositionsAsync(Ct);
        Assert.True(positions.IsOk, positions.Error.ToString());
        var eth = Assert.Single(positions.Value!);
        Assert.Equal(InstrumentId.None, eth.Instrument);
        Assert.Equal("ETHUSDT", eth.VenueSymbol);
        Assert.Equal(Quantity.Parse("0.01"), eth.Quantity);

        var open = await restarted.QueryOpenOrdersAsync(InstrumentId.None, Ct);
        Assert.True(open.IsOk, open.Error.ToString());
        var order = Assert.Single(open.Value!);
        Assert.Equal(InstrumentId.None, order.Instrument);
        Assert.Equal("ETHUSDT", order.VenueSymbol);
        Assert.Equal(resting.ClientOrderId, order.ClientOrderId);
    }
}
