using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>One Bybit WebSocket connection: its <c>conn_id</c>, the topics it subscribed, and on the private stream the
/// account it authenticated as. Caller holds the owning hub's lock.</summary>
public sealed class BybitStreamSession(StreamConnection connection, string connectionId)
{
    public StreamConnection Connection { get; } = connection;
    public string ConnectionId { get; } = connectionId;
    public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);
    public TradingAccount? Account { get; set; }
}
