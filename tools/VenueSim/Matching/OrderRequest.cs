namespace FundingArb.VenueSim.Matching;

/// <summary>A new order as a venue front end has parsed and shape-checked it; the exchange checks it against the
/// book, the position and the margin.</summary>
public sealed record OrderRequest(
    string Symbol,
    OrderSide Side,
    OrderKind Kind,
    TimeInForce TimeInForce,
    decimal Quantity,
    decimal Price,
    bool ReduceOnly,
    string ClientOrderId);
