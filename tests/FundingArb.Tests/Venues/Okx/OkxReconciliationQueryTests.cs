using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>Reconciliation must see every leg: positions and open orders in symbols the registry does not map are
/// returned (with <see cref="InstrumentId.None"/> and the venue's symbol), and open orders past the first page of 100.</summary>
public sealed class OkxReconciliationQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Positions_and_open_orders_in_unmapped_symbols_are_returned_with_no_instrument_and_their_venue_symbol()
    {
        await using var full = await OkxTradingHarness.StartAsync(start: false);
        Assert.True((await full.Client.PlaceAsync(OrderRequest.Market(full.Eth, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("3")), Ct)).IsOk);
        var resting = OrderRequest.Limit(full.Eth, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"), Price.Parse("1990"), TimeInForce.GoodTillCancel);
        Assert.True((await full.Client.PlaceAsync(resting, Ct)).IsOk);

        // The same account, read by a client whose registry does not map ETH-USDT-SWAP (dropped from config, a manual trade …).
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(OkxMarketData.VenueName);
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTC-USDT-SWAP", btc);
        await using var other = new OkxExecutionClient(venue, registry, OkxTradingHarness.Credentials(),
            new OkxExecutionOptions { Endpoints = OkxExecutionEndpoints.OnOneHost(full.Sim.Base) }, RingBuffer<ExecutionUpdate>.CreateSingleProducer(16),
            full.Http, full.Sim.Harness.Wall);
        other.AddInstrument(btc, OkxTradingHarness.BtcSpec);

        var positions = await other.QueryPositionsAsync(Ct);
        Assert.True(positions.IsOk, positions.Error.ToString());
        var position = Assert.Single(positions.Value!);
        Assert.Equal((InstrumentId.None, "ETH-USDT-SWAP", Quantity.Parse("3")), (position.Instrument, position.VenueSymbol, position.Quantity));

        var open = await other.QueryOpenOrdersAsync(InstrumentId.None, Ct);
        Assert.True(open.IsOk, open.Error.ToString());
        var order = Assert.Single(open.Value!);
        Assert.Equal((InstrumentId.None, "ETH-USDT-SWAP", resting.ClientOrderId), (order.Instrument, order.VenueSymbol, order.ClientOrderId));
    }

    [Fact]
    public async Task Open_orders_past_the_first_page_of_100_are_all_returned()
    {
        await using var h = await OkxTradingHarness.StartAsync(limits: () => new OkxRateLimits(perInstrument: 100_000, newOrders: 100_000));
        var placed = new HashSet<ClientOrderId>();
        for (var i = 0; i < 130; i++)
        {
            if (i % 50 == 49) h.Sim.Advance(TimeSpan.FromSeconds(2)); // the simulator's 60 / 2 s per instrument
            var order = OrderRequest.Limit(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("0.01"), Price.Parse("8990"), TimeInForce.GoodTillCancel);
            var report = await h.Client.PlaceAsync(order, Ct);
            Assert.True(report.IsOk, report.Error.ToString());
            placed.Add(order.ClientOrderId);
        }
        var open = await h.Client.QueryOpenOrdersAsync(InstrumentId.None, Ct);
        Assert.True(open.IsOk, open.Error.ToString());
        Assert.Equal(130, open.Value!.Count);
        Assert.True(placed.SetEquals(open.Value.Select(o => o.ClientOrderId)));
    }
}
