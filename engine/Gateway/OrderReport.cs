using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>The answer to place, cancel or query: the order as the venue reports it, or <see cref="Error"/> saying why
/// there is none. A failed request always comes back as a report with its reason, never as a lost exception.</summary>
public struct OrderReport
{
    public ExecutionError Error;
    public InstrumentId Instrument;
    public ClientOrderId ClientOrderId;
    public VenueAssignedId VenueOrderId;
    public OrderStatus Status;
    public OrderSide Side;
    public Quantity Quantity;
    public Quantity ExecutedQuantity;
    public Price LimitPrice;
    public Price AveragePrice;
    public bool ReduceOnly;
    /// <summary>Venue time of the order's last change, unix ms.</summary>
    public long UpdateTimeMs;
    /// <summary>The venue's symbol, set only by queries that list orders (<see cref="IExecutionClient.QueryOpenOrdersAsync"/>)
    /// for an order in a symbol the registry does not map (<see cref="Instrument"/> is then None): start-up reconciliation
    /// must see every open order, traded by this configuration or not. Null on the order path.</summary>
    public string? VenueSymbol;

    public readonly bool IsOk => Error.Kind == ExecutionErrorKind.None;

    public static OrderReport Failed(in ExecutionError error) => new() { Error = error };
}
