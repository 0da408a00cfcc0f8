namespace FundingArb.Venues.Binance;

/// <summary>What a user-data-stream frame was.</summary>
public enum BinanceUserFrame : byte
{
    /// <summary>Order or account updates, in the parser's buffer.</summary>
    Updates,
    /// <summary>The answer to our LIST_SUBSCRIPTIONS: the subscription is in place.</summary>
    SubscriptionList,
    /// <summary><c>listenKeyExpired</c>: a new key and a new connection are needed.</summary>
    ListenKeyExpired,
    /// <summary>A well-formed event we do not use (TRADE_LITE, ACCOUNT_CONFIG_UPDATE, MARGIN_CALL, …).</summary>
    Ignored,
    /// <summary>Counted and dropped; the parser's <see cref="BinanceUserStreamParser.LastIssue"/> says why.</summary>
    Malformed,
}
