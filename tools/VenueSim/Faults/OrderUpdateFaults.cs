using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Faults;

/// <summary>Applies an order's <see cref="FaultKind.DuplicateUpdates"/> or <see cref="FaultKind.OutOfOrderUpdates"/>
/// to its private-stream frames, whatever their wire form: a front end passes each order update through
/// <see cref="Pass"/> and sends what comes out, in that order.</summary>
/// <remarks>Out of order swaps the order's first two updates (typically NEW and the fill): the first is held until the
/// second is sent. A resting order that never changes again keeps its NEW held.</remarks>
public sealed class OrderUpdateFaults<TFrame>
{
    private readonly Dictionary<long, TFrame> _held = [];
    private readonly HashSet<long> _swapped = [];

    /// <summary>The frames to send now for one update of <paramref name="order"/>. Callers serialize calls (the
    /// exchange's observer calls arrive under its Gate).</summary>
    public IReadOnlyList<TFrame> Pass(SimulatedOrder order, TFrame frame)
    {
        switch (order.Fault?.Kind)
        {
            case FaultKind.DuplicateUpdates:
                return [frame, frame];
            case FaultKind.OutOfOrderUpdates when !_swapped.Contains(order.OrderId):
                if (_held.Remove(order.OrderId, out var first))
                {
                    _swapped.Add(order.OrderId);
                    return [frame, first];
                }
                _held[order.OrderId] = frame;
                return [];
            default:
                return [frame];
        }
    }
}
