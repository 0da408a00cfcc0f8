using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Ring;

namespace FundingArb.Venues.Binance;

/// <summary>The USDⓈ-M user data stream (user-data-streams pages): a listen key from <c>POST /fapi/v1/listenKey</c>, kept
/// alive by <c>PUT</c> every 30 minutes (valid 60), the connection at <c>/private/ws/&lt;listenKey&gt;</c>; on
/// <c>listenKeyExpired</c> or a keep-alive refused (-1125) a new key and a new connection. Frames are parsed into
/// execution updates, deduplicated, and published on the execution ring; malformed ones are counted and dropped.</summary>
/// <remarks>On connect it asks <c>LIST_SUBSCRIPTIONS</c> and is <see cref="IsReady"/> once the venue answers: frames on a
/// connection arrive in order, so from then on every event of the key reaches us. Events sent while no connection was
/// ready are lost (Binance does not replay them), so every time the stream becomes ready after the first time it
/// publishes <see cref="ExecutionUpdateKind.StreamResynced"/> for the gateway to reconcile.</remarks>
internal sealed class BinanceUserStream : IPrivateSocketHandler
{
    /// <summary>Asked on connect (its answer makes the stream ready) and as the silence probe.</summary>
    internal static readonly byte[] ListSubscriptions = Encoding.ASCII.GetBytes("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");

    private readonly Uri _streamBase;
    private readonly BinanceRestClient _rest;
    private readonly BinanceUserStreamParser _parser;
    private readonly ExecutionPublisher _publisher;
    private readonly Lock _keyLock = new();
    private string? _listenKey;
    private string? _connectingKey; // the key the connection being made uses
    private PrivateSocket? _socket;
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _ready;
    private long _expiries;
    private bool _everReady; // receive loop only

    public BinanceUserStream(Uri streamBase, BinanceRestClient rest, BinanceUserStreamParser parser, RingBuffer<ExecutionUpdate> ring)
    {
        _streamBase = streamBase;
        _rest = rest;
        _parser = parser;
        _publisher = new ExecutionPublisher(ring, Counters);
    }

    public FeedCounters Counters { get; } = new();
    public bool IsReady => _ready;
    /// <summary>Completes the first time the stream is subscribed.</summary>
    public Task FirstReady => _firstReady.Task;
    public long Expiries => Volatile.Read(ref _expiries);
    public long Published => _publisher.Published;
    /// <summary>Times the stream became ready again after a gap (each published as StreamResynced).</summary>
    public long Resyncs => _publisher.Resyncs;
    public long Duplicates => _publisher.Duplicates;
    public long Stale => _publisher.Stale;
    public string? LastError { get; private set; }

    /// <summary>A new key (or the account's existing one, extended: POST returns it) for the next connection.</summary>
    public async ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken)
    {
        string? key;
        lock (_keyLock) key = _listenKey;
        if (key is null)
        {
            var reply = await _rest.RequestAsync(HttpMethod.Post, "/fapi/v1/listenKey", null, withKey: true, weight: 1, cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk || !TryReadListenKey(reply.Body!, out key))
            {
                LastError = "listenKey: " + reply.Error;
                return null;
            }
            lock (_keyLock) _listenKey = key;
        }
        lock (_keyLock) _connectingKey = key;
        return new Uri(_streamBase, "/private/ws/" + key);
    }

    public async ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken)
    {
        _socket = socket;
        // A renewal between resolving and connecting aborted the previous socket, not this one: a connection on a key
        // that has since lapsed would stay open and deliver nothing, so drop it and connect on the new key.
        bool current;
        lock (_keyLock) current = _listenKey is not null && _listenKey == _connectingKey;
        if (!current)
        {
            socket.Abort();
            return;
        }
        // Without the answer the stream never becomes ready: a failed send drops the connection to try again.
        if (!await socket.SendAsync(ListSubscriptions, cancellationToken).ConfigureAwait(false)) socket.Abort();
    }

    public void OnDisconnected() => _ready = false;

    /// <summary>PUT every 30 minutes; a key the venue no longer knows is replaced (new POST, new connection).</summary>
    public async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        string? key;
        lock (_keyLock) key = _listenKey;
        if (key is null) return;
        var reply = await _rest.RequestAsync(HttpMethod.Put, "/fapi/v1/listenKey", null, withKey: true, weight: 1, cancellationToken).ConfigureAwait(false);
        if (reply.IsOk) return;
        LastError = "listenKey keep-alive: " + reply.Error;
        if (reply.Error.VenueCode == -1125) Renew(key);
    }

    public void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp)
    {
        Counters.CountReceived();
        switch (_parser.Parse(message, receivedTimestamp))
        {
            case BinanceUserFrame.Updates:
                _publisher.Publish(_parser.Updates);
                break;
            case BinanceUserFrame.SubscriptionList:
                // Also the answer to the silence probe: only the step from not ready to ready is news.
                if (_ready) break;
                _ready = true;
                // Events sent while no connection was ready are lost for good: tell the gateway to reconcile.
                if (_everReady) _publisher.PublishResynced(_parser.Venue, receivedTimestamp);
                _everReady = true;
                _firstReady.TrySetResult();
                break;
            case BinanceUserFrame.ListenKeyExpired:
                Interlocked.Increment(ref _expiries);
                // The event names the key that lapsed; renew only if it is still ours (a late event for a key already
                // replaced must not drop the fresh connection).
                string? key;
                lock (_keyLock) key = _listenKey;
                if (key is not null && (_parser.ExpiredListenKey.IsEmpty || _parser.ExpiredListenKey.SequenceEqual(Encoding.ASCII.GetBytes(key))))
                    Renew(key);
                break;
            case BinanceUserFrame.Ignored:
                Counters.Count(FrameIssue.UnknownMessage);
                break;
            default:
                Counters.Count(_parser.LastIssue);
                break;
        }
    }

    /// <summary>Forgets <paramref name="expiredKey"/> and drops the connection: the reconnect POSTs for a new key.</summary>
    private void Renew(string expiredKey)
    {
        lock (_keyLock)
            if (_listenKey == expiredKey) _listenKey = null;
        _ready = false;
        _socket?.Abort();
    }

    private static bool TryReadListenKey(byte[] body, out string? key)
    {
        key = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("listenKey", out var value) && value.ValueKind == JsonValueKind.String)
                key = value.GetString();
        }
        catch (JsonException)
        {
        }
        return !string.IsNullOrEmpty(key);
    }
}
