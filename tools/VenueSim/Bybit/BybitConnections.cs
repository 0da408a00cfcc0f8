using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Bybit;

/// <summary>The open connections of one Bybit stream endpoint, each a <see cref="BybitStreamSession"/> with its own
/// <c>conn_id</c>, kept under the owning hub's lock (<paramref name="gate"/>), which readers of
/// <see cref="Sessions"/> hold. Each text frame is decoded as a <see cref="BybitStreamRequest"/> and handed to
/// <paramref name="onRequest"/>; text that does not decode is answered with <paramref name="undecodable"/>'s frame.
/// Each connection is known to <paramref name="live"/> as <paramref name="kind"/> while it runs, so drop and outage
/// faults can abort it.</summary>
public sealed class BybitConnections(BybitIds ids, Lock gate, LiveConnections live, ConnectionKind kind,
    Action<BybitStreamSession, BybitStreamRequest> onRequest, Func<BybitStreamSession, string, byte[]> undecodable)
{
    private readonly List<BybitStreamSession> _sessions = [];

    public IReadOnlyList<BybitStreamSession> Sessions => _sessions;

    /// <summary>Serves one WebSocket until it closes.</summary>
    public async Task AcceptAsync(HttpContext http, CancellationToken stop)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var session = new BybitStreamSession(new StreamConnection(socket, http.Request.Path + http.Request.QueryString), ids.ConnectionId());
        lock (gate) _sessions.Add(session);
        try
        {
            await live.RunAsync(session.Connection, kind, (connection, text) =>
            {
                if (BybitStreamRequest.Parse(text, out var error) is { } request) onRequest(session, request);
                else connection.Send(undecodable(session, error!));
                return ValueTask.CompletedTask;
            }, stop);
        }
        finally
        {
            lock (gate) _sessions.Remove(session);
        }
    }

    /// <summary>Drops every connection (the simulator is stopping).</summary>
    public void AbortAll()
    {
        lock (gate)
            foreach (var session in _sessions) session.Connection.Abort();
    }
}
