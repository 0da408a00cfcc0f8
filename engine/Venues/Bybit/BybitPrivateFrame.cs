namespace FundingArb.Venues.Bybit;

/// <summary>What a private-stream frame was.</summary>
public enum BybitPrivateFrame : byte
{
    /// <summary>Order, execution, position or wallet updates, in the parser's buffer (possibly none we use).</summary>
    Updates,
    /// <summary><c>{"success":true,"op":"auth",…}</c>: the connection is authenticated; subscribe now.</summary>
    AuthAccepted,
    /// <summary>The venue refused the auth (wrong key or sign, expired): <see cref="BybitPrivateParser.LastMessage"/> says how.</summary>
    AuthRefused,
    /// <summary>The subscribe was accepted: from here on every event of the account reaches us.</summary>
    Subscribed,
    SubscribeRefused,
    Pong,
    /// <summary>A well-formed frame we do not use (another topic, another op).</summary>
    Ignored,
    /// <summary>Counted and dropped; the parser's <see cref="BybitPrivateParser.LastIssue"/> says why.</summary>
    Malformed,
}
