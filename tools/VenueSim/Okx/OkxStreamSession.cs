using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Okx;

/// <summary>One WebSocket connection: the URL it came in on, its connId, the account it logged in as, whether it asked
/// for the legacy books checksum, and its subscriptions in the order they were made. Guarded by the hub's lock.</summary>
public sealed class OkxStreamSession(StreamConnection connection, OkxStreamRoute route, string connId, bool legacyChecksum)
{
    private readonly List<OkxSubscription> _subscriptions = [];

    public StreamConnection Connection { get; } = connection;
    public OkxStreamRoute Route { get; } = route;
    public string ConnId { get; } = connId;
    public bool LegacyChecksum { get; } = legacyChecksum;
    public TradingAccount? Account { get; set; }
    public IReadOnlyList<OkxSubscription> Subscriptions => _subscriptions;

    /// <summary>Adds the subscription unless an identical one exists; returns the one in force.</summary>
    public OkxSubscription Add(OkxSubscription subscription)
    {
        var existing = _subscriptions.Find(s => s.Same(subscription));
        if (existing is not null) return existing;
        _subscriptions.Add(subscription);
        return subscription;
    }

    public void Remove(OkxSubscription subscription) => _subscriptions.RemoveAll(s => s.Same(subscription));

    public void Send(byte[] frame) => Connection.Send(frame);
}
