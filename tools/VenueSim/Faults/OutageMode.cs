namespace FundingArb.VenueSim.Faults;

/// <summary>How a down venue looks from the client.</summary>
public enum OutageMode
{
    /// <summary>REST answers the venue's 503; WebSocket upgrades are reset.</summary>
    Unavailable,
    /// <summary>Every request's connection is reset (the closest a shared listener gets to refusing connections).</summary>
    Reset,
}
