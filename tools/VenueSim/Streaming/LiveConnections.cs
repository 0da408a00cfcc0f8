using FundingArb.VenueSim.Faults;

namespace FundingArb.VenueSim.Streaming;

/// <summary>One venue's open WebSocket connections by kind, so a fault can drop "the private streams" or everything
/// without knowing which front end accepted them. Front ends track a connection while it runs.</summary>
public sealed class LiveConnections
{
    private readonly Lock _lock = new();
    private readonly List<(StreamConnection Connection, ConnectionKind Kind)> _open = [];

    public void Track(StreamConnection connection, ConnectionKind kind)
    {
        lock (_lock) _open.Add((connection, kind));
    }

    public void Untrack(StreamConnection connection)
    {
        lock (_lock) _open.RemoveAll(c => c.Connection == connection);
    }

    /// <summary>Runs <paramref name="connection"/> (<see cref="StreamConnection.RunAsync"/>) tracked as <paramref name="kind"/>.</summary>
    public async Task RunAsync(StreamConnection connection, ConnectionKind kind, Func<StreamConnection, string, ValueTask> onText, CancellationToken stop)
    {
        Track(connection, kind);
        try { await connection.RunAsync(onText, stop); }
        finally { Untrack(connection); }
    }

    /// <summary>Aborts every open connection of any of <paramref name="kinds"/> without a close handshake, as a venue
    /// dropping them would; returns how many.</summary>
    public int Drop(ConnectionKind kinds)
    {
        List<StreamConnection> dropped;
        lock (_lock) dropped = [.. _open.Where(c => (c.Kind & kinds) != 0).Select(c => c.Connection)];
        foreach (var connection in dropped) connection.Abort();
        return dropped.Count;
    }
}
