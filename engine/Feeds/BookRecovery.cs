namespace FundingArb.Feeds;

/// <summary>How to get a fresh snapshot of one instrument's book after it was lost.</summary>
/// <param name="SnapshotRequest">A REST request (path and query) whose answer is the snapshot (Binance
/// <c>/fapi/v1/depth?symbol=…&amp;limit=1000</c>); deltas are buffered meanwhile. Null when the stream itself sends one.</param>
/// <param name="ResubscribeMessages">Messages to send on the instrument's book stream so the venue sends a new
/// snapshot (Bybit, OKX: unsubscribe then subscribe). Empty for venues that recover over REST.</param>
public sealed record BookRecovery(string? SnapshotRequest, IReadOnlyList<string> ResubscribeMessages);
