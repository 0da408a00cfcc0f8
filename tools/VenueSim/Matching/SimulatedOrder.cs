using FundingArb.VenueSim.Faults;

namespace FundingArb.VenueSim.Matching;

/// <summary>An order the exchange accepted, with its running execution state.</summary>
public sealed class SimulatedOrder
{
    public required long OrderId { get; init; }
    public required string ClientOrderId { get; init; }
    public required string AccountKey { get; init; }
    public required string Symbol { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderKind Kind { get; init; }
    public required TimeInForce TimeInForce { get; init; }
    /// <summary>Limit price; 0 for a market order.</summary>
    public required decimal Price { get; init; }
    public required decimal Quantity { get; init; }
    public required bool ReduceOnly { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required decimal ContractSize { get; init; }

    public OrderStatus Status { get; set; } = OrderStatus.New;
    /// <summary>Why the exchange ended the order as soon as it was filed (<see cref="Exchange.SimulatedExchange.FileRefused"/>); null otherwise.</summary>
    public RejectReason? Refusal { get; init; }
    public decimal ExecutedQuantity { get; set; }
    /// <summary>Σ price × quantity × contract size over the fills (quote notional).</summary>
    public decimal CumulativeQuote { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Fill> Fills { get; } = [];

    /// <summary>The injected fault this order carries (never fill, late fill, update faults...), if any.</summary>
    public FaultRule? Fault { get; set; }

    /// <summary>Late fill: the market time the order starts matching.</summary>
    public DateTimeOffset? FillDue { get; set; }

    public decimal RemainingQuantity => Quantity - ExecutedQuantity;
    public decimal AveragePrice => ExecutedQuantity == 0 ? 0 : CumulativeQuote / (ExecutedQuantity * ContractSize);
    public bool IsOpen => Status is OrderStatus.New or OrderStatus.PartiallyFilled;

    /// <summary>A copy frozen at this moment (front ends answer with the state at acceptance when asked to).</summary>
    public SimulatedOrder Snapshot()
    {
        var copy = (SimulatedOrder)MemberwiseClone();
        return copy;
    }
}
