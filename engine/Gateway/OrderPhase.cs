namespace FundingArb.Gateway;

/// <summary>Where the gateway is with one order. Only <see cref="Done"/> is final, and only once the venue's answer,
/// stream or query says so (or the venue has denied knowing the order several times).</summary>
public enum OrderPhase : byte
{
    /// <summary>Sent; no answer yet.</summary>
    Sending = 0,
    /// <summary>Accepted and live: waiting for its terminal state, until the deadline.</summary>
    Working,
    /// <summary>Past its deadline: cancel sent; its final state is queried after the answer (a late fill counts).</summary>
    Canceling,
    /// <summary>Outcome to be found out by query (after a cancel, an unknown-outcome failure or a stream gap).</summary>
    Resolving,
    /// <summary>Terminal on the venue: its filled quantity is final.</summary>
    Done,
}
