using FundingArb.VenueSim.Faults;

namespace FundingArb.VenueSim.Matching;

/// <summary>The outcome of placing an order: refused with a reason, or accepted — then <see cref="Accepted"/> is the
/// order as it stood when accepted (before any matching) and <see cref="Order"/> its state after matching.
/// <see cref="Fault"/> is the injected reject, when a fault refused the order: front ends render its explicit
/// code and message when it has them, else its <see cref="Rejection"/> as usual.</summary>
public sealed record PlacementResult(RejectReason? Rejection, SimulatedOrder? Accepted, SimulatedOrder? Order, string? Detail = null, FaultRule? Fault = null)
{
    public static PlacementResult Reject(RejectReason reason, string? detail = null) => new(reason, null, null, detail);

    public static PlacementResult Injected(FaultRule fault) => new(fault.Reason, null, null, null, fault);
}
