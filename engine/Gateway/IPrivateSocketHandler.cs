namespace FundingArb.Gateway;

/// <summary>What a <see cref="PrivateSocket"/> asks of its owner: where to connect (asked again before every connect,
/// so a listen key can change), what to do once connected, each whole message, and the drop.</summary>
public interface IPrivateSocketHandler
{
    /// <summary>The URI to connect to now; null to back off and ask again (e.g. the listen key could not be obtained).</summary>
    ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken);

    ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken);

    /// <summary>One whole message, on the receive thread; the span is valid only during the call.</summary>
    void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp);

    void OnDisconnected();
}
