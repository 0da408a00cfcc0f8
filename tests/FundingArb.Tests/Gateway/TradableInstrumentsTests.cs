using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

/// <summary>A cancel's or query's reference to an order is refused before anything is sent when its instrument is not set
/// up on the venue or it names no client order id.</summary>
public sealed class TradableInstrumentsTests
{
    [Fact]
    public void An_order_reference_needs_an_instrument_set_up_here_and_a_client_order_id()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue("test");
        var btc = registry.Intern("BTC", "USDT");
        var eth = registry.Intern("ETH", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", btc);
        var instruments = new TradableInstruments(venue, registry);
        instruments.Add(btc, new InstrumentSpec
        {
            VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.001"),
            ContractSize = Quantity.Parse("1"), IsTrading = true,
        });
        var id = ClientOrderId.ForLeg(1, 1, 1);

        Assert.False(instruments.CheckReference(btc, id, out var symbol).IsError);
        Assert.Equal("BTCUSDT"u8.ToArray(), symbol.ToArray());

        var notSetUp = instruments.CheckReference(eth, id, out _);
        Assert.Equal(ExecutionErrorKind.InvalidRequest, notSetUp.Kind);
        Assert.Equal("instrument is not set up on this venue", System.Text.Encoding.UTF8.GetString(notSetUp.MessageUtf8));

        var noId = instruments.CheckReference(btc, default, out _);
        Assert.Equal(ExecutionErrorKind.InvalidRequest, noId.Kind);
        Assert.Equal("no client order id", System.Text.Encoding.UTF8.GetString(noId.MessageUtf8));
    }
}
