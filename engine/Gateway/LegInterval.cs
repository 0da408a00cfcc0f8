namespace FundingArb.Gateway;

/// <summary>The stretches of one leg's life that <see cref="LegLatency"/> keeps a histogram of, per venue.</summary>
public enum LegInterval : byte
{
    /// <summary>From the decision core's verdict to the order leaving the gateway: our own overhead.</summary>
    DecisionToSend = 0,
    /// <summary>From sending the order to the venue accepting it.</summary>
    SendToAck = 1,
    /// <summary>From sending the order to its (final) fill: how long the leg stays exposed.</summary>
    SendToFill = 2,
}
