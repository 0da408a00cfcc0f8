using FundingArb.Decision;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

public sealed class OrderCheckTests
{
    private static readonly TradingRules Btc = new(new InstrumentSpec
    {
        VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.002"),
        MinNotional = 100, IsTrading = true,
    });

    /// <summary>OKX BTC-USDT-SWAP: contracts of 0.01 BTC, lot 0.01 contract, tick 0.1.</summary>
    private static readonly TradingRules Okx = new(new InstrumentSpec
    {
        VenueSymbol = "BTC-USDT-SWAP", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.01"), MinQuantity = Quantity.Parse("0.01"),
        ContractSize = Quantity.Parse("0.01"), IsTrading = true,
    });

    private static OrderRequest Limit(string quantity, string price, bool reduceOnly = false) =>
        OrderRequest.Limit(new InstrumentId(1), ClientOrderId.ForLeg(1, 0, 0), OrderSide.Buy, Quantity.Parse(quantity), Price.Parse(price),
            TimeInForce.ImmediateOrCancel, reduceOnly);

    [Theory]
    [InlineData("0.002", "60000", ExecutionErrorKind.None)]
    [InlineData("0.0025", "60000", ExecutionErrorKind.InvalidQuantity)] // off the lot step
    [InlineData("0.001", "60000", ExecutionErrorKind.InvalidQuantity)] // below the minimum
    [InlineData("0", "60000", ExecutionErrorKind.InvalidQuantity)]
    [InlineData("0.002", "60000.05", ExecutionErrorKind.InvalidPrice)] // off the tick
    [InlineData("0.002", "0", ExecutionErrorKind.InvalidPrice)]
    [InlineData("0.002", "40000", ExecutionErrorKind.NotionalTooSmall)] // 80 < 100
    public void Limit_orders_meet_tick_lot_minimum_and_notional(string quantity, string price, ExecutionErrorKind expected)
    {
        var error = OrderCheck.Validate(Limit(quantity, price), Btc);
        Assert.Equal(expected, error.Kind);
        Assert.Equal(0, error.VenueCode);
        Assert.Equal(expected != ExecutionErrorKind.None, !error.MessageUtf8.IsEmpty);
    }

    [Fact]
    public void Reduce_only_orders_are_exempt_from_the_minimum_notional() =>
        Assert.False(OrderCheck.Validate(Limit("0.002", "40000", reduceOnly: true), Btc).IsError);

    [Fact]
    public void Contracts_are_checked_in_base_units()
    {
        Assert.False(OrderCheck.Validate(Limit("0.01", "60000"), Okx).IsError);
        Assert.Equal(ExecutionErrorKind.InvalidQuantity, OrderCheck.Validate(Limit("0.015", "60000"), Okx).Kind);
    }

    [Fact]
    public void Without_complete_rules_or_an_id_nothing_is_sent()
    {
        Assert.Equal(ExecutionErrorKind.InvalidRequest, OrderCheck.Validate(Limit("0.002", "60000"), new TradingRules(new InstrumentSpec { VenueSymbol = "X" })).Kind);
        var noId = Limit("0.002", "60000");
        noId.ClientOrderId = default;
        Assert.Equal(ExecutionErrorKind.InvalidRequest, OrderCheck.Validate(noId, Btc).Kind);
    }

    [Fact]
    public void Validation_allocates_nothing()
    {
        var order = Limit("0.002", "40000");
        var bytes = SteadyStateAllocation.BytesPerRound(() => OrderCheck.Validate(order, Btc), 10_000);
        Assert.Equal(0, bytes);
    }
}
