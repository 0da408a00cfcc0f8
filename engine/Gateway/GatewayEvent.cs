using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>An answer or a timer for one attempt, queued from whichever thread produced it and handled on the gateway
/// thread, so the attempt's state machine only ever runs there.</summary>
public struct GatewayEvent
{
    public GatewayEventKind Kind;
    public ArbitrageAttempt Attempt;
    public int Leg;
    public int Order;
    public OrderReport Report;
    public LegTimer Timer;
    public int Generation;
    /// <summary>PositionAnswer: the query succeeded, and the venue's signed position.</summary>
    public bool Ok;
    public Quantity Position;
}
