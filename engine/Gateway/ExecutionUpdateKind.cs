namespace FundingArb.Gateway;

/// <summary>What an <see cref="ExecutionUpdate"/> reports.</summary>
public enum ExecutionUpdateKind : byte
{
    None = 0,
    /// <summary>The order is live on the venue (or was amended).</summary>
    Accepted,
    Rejected,
    /// <summary>One trade: <see cref="ExecutionUpdate.LastFillQuantity"/> at <see cref="ExecutionUpdate.LastFillPrice"/>.</summary>
    Fill,
    Canceled,
    Expired,
    /// <summary>The position of one instrument, absolute (signed quantity, entry price).</summary>
    Position,
    /// <summary>A funding settlement: <see cref="ExecutionUpdate.Amount"/> received (+) or paid (−).</summary>
    FundingPayment,
    /// <summary>The wallet balance of one asset, absolute.</summary>
    Balance,
    /// <summary>The venue's private stream is connected and subscribed again after a drop (a reconnect, a listen-key
    /// renewal, a connection-age cut): events sent while it was down are not replayed by the venue (Binance does not),
    /// so fills, cancels and funding may have been missed. Carries only <see cref="ExecutionUpdate.Venue"/> and
    /// <see cref="ExecutionUpdate.ReceivedTimestamp"/>; the gateway reconciles (query in-flight orders, open orders,
    /// positions) on it.</summary>
    StreamResynced,
}
