using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Binance;

/// <summary>One market-stream or user-data WebSocket: the route it came in on, whether it gets the combined
/// envelope {"stream": …, "data": …}, and its subscriptions in the order they were made.</summary>
public sealed class BinanceStreamSession(StreamConnection connection, BinanceRoute route, bool combined)
{
    private readonly List<BinanceStreamName> _streams = [];

    public StreamConnection Connection { get; } = connection;
    public BinanceRoute Route { get; } = route;
    public bool Combined { get; set; } = combined;

    /// <summary>Caller holds the hub's lock.</summary>
    public IReadOnlyList<BinanceStreamName> Streams => _streams;

    public void Subscribe(BinanceStreamName stream)
    {
        if (!_streams.Exists(s => s.Name == stream.Name)) _streams.Add(stream);
    }

    public void Unsubscribe(string name) => _streams.RemoveAll(s => s.Name == name);

    /// <summary>Sends <paramref name="payload"/> (a JSON object) as this session's <paramref name="stream"/>.</summary>
    public void Deliver(string stream, string payload)
    {
        Connection.Send(Combined ? "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}" : payload);
    }
}
