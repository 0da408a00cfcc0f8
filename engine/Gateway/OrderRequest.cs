using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One order as the gateway hands it to a venue's <see cref="IExecutionClient"/>: quantity in the venue's own
/// unit (contracts on OKX), a limit price on the tick (ignored for market orders).</summary>
public struct OrderRequest
{
    public InstrumentId Instrument;
    public ClientOrderId ClientOrderId;
    public OrderSide Side;
    public OrderKind Kind;
    public TimeInForce TimeInForce;
    public Quantity Quantity;
    public Price LimitPrice;
    /// <summary>May only reduce the position (every close, SPEC); the venue refuses it otherwise.</summary>
    public bool ReduceOnly;

    public static OrderRequest Limit(InstrumentId instrument, ClientOrderId clientOrderId, OrderSide side, Quantity quantity, Price limitPrice,
        TimeInForce timeInForce, bool reduceOnly = false) => new()
    {
        Instrument = instrument,
        ClientOrderId = clientOrderId,
        Side = side,
        Kind = OrderKind.Limit,
        TimeInForce = timeInForce,
        Quantity = quantity,
        LimitPrice = limitPrice,
        ReduceOnly = reduceOnly,
    };

    public static OrderRequest Market(InstrumentId instrument, ClientOrderId clientOrderId, OrderSide side, Quantity quantity,
        bool reduceOnly = false) => new()
    {
        Instrument = instrument,
        ClientOrderId = clientOrderId,
        Side = side,
        Kind = OrderKind.Market,
        Quantity = quantity,
        ReduceOnly = reduceOnly,
    };
}
