namespace FundingArb.VenueSim.Matching;

/// <summary>A new order as a venue front end has parsed and shape-checked it; the exchange checks it against the
/// book, the position and the margin. <see cref="CancelInsteadOfReject"/>: the venue accepts a post-only order that
/// would take, or a fill-or-kill order that cannot fill, and cancels it at once (OKX, Bybit) rather than refusing it.</summary>
public sealed record OrderRequest(
    string Symbol,
    OrderSide Side,
    OrderKind Kind,
    TimeInForce TimeInForce,
    decimal Quantity,
    decimal Price,
    bool ReduceOnly,
    string ClientOrderId,
    bool CancelInsteadOfReject = false);
