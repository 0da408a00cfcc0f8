namespace FundingArb.Venues.Okx;

/// <summary>What a message on the private WebSocket was.</summary>
public enum OkxPrivateFrame : byte
{
    /// <summary>Order, position or balance updates, in the parser's buffer.</summary>
    Updates,
    /// <summary>The answer to an <c>order</c> or <c>cancel-order</c> op: <see cref="OkxPrivateParser.AnswerId"/> and
    /// <see cref="OkxPrivateParser.Answer"/>.</summary>
    OpAnswer,
    /// <summary><c>{"event":"login","code":"0"}</c>.</summary>
    LoggedIn,
    /// <summary>A subscription acknowledged.</summary>
    Subscribed,
    /// <summary><c>{"event":"error"}</c> (a refused login among others): <see cref="OkxPrivateParser.Error"/> says why.</summary>
    Error,
    /// <summary>The answer to our text <c>ping</c>.</summary>
    Pong,
    /// <summary>A well-formed message we do not use (notices, connection counts, unsubscribe acks).</summary>
    Ignored,
    /// <summary>Counted and dropped; <see cref="OkxPrivateParser.LastIssue"/> says why.</summary>
    Malformed,
}
