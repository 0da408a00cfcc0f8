namespace FundingArb.VenueSim.Matching;

/// <summary>The outcome of placing an order: refused with a reason, or accepted — then <see cref="Accepted"/> is the
/// order as it stood when accepted (before any matching) and <see cref="Order"/> its state after matching.</summary>
public sealed record PlacementResult(RejectReason? Rejection, SimulatedOrder? Accepted, SimulatedOrder? Order, string? Detail = null)
{
    public static PlacementResult Reject(RejectReason reason, string? detail = null) => new(reason, null, null, detail);
}
