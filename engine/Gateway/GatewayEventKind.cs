namespace FundingArb.Gateway;

/// <summary>What arrived in the gateway's inbox from outside its thread.</summary>
public enum GatewayEventKind : byte
{
    PlaceAnswer = 0,
    CancelAnswer,
    QueryAnswer,
    PositionAnswer,
    Timer,
}
