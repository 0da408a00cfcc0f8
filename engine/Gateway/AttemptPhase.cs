namespace FundingArb.Gateway;

/// <summary>Where an arbitrage attempt is: entering both legs, trimming the larger, rolling back, or finished.</summary>
public enum AttemptPhase : byte
{
    Entering = 0,
    Trimming,
    RollingBack,
    /// <summary>Both legs filled within the hedge gap: the position is open and handed to Positions.</summary>
    Opened,
    /// <summary>Nothing is left open: never filled, or rolled back and confirmed flat by the venues.</summary>
    Flat,
}
