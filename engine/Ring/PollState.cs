namespace FundingArb.Ring;

/// <summary>What one <see cref="EventPoller{T}.Poll"/> call found.</summary>
public enum PollState
{
    /// <summary>Events were handled.</summary>
    Processing,

    /// <summary>
    /// Producers have moved on but the next event is not readable yet: an upstream stage has not
    /// finished it, or (multi producer) it is claimed but not yet published.
    /// </summary>
    Gating,

    /// <summary>Nothing new was published.</summary>
    Idle,
}
