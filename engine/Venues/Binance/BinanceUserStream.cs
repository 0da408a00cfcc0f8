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
/// <remarks>
/// <para>On connect it asks <c>LIST_SUBSCRIPTIONS</c> and is <see cref="IsReady"/> once the venue answers: frames on a
/// connection arrive in order, so from then on every event of the key reaches us. Events sent while no connection was
/// ready are lost (Binance does not replay them), so every time the stream becomes ready after the first time it
/// publishes <see cref="ExecutionUpdateKind.StreamResynced"/> for the gateway to reconcile and calls
/// <see cref="Resynced"/>, for the client to read the funding paid meanwhile from the income history.</para>
/// <para>Funding payments reach the ring from both sources through <see cref="BinanceFundingLedger"/>, so each is
/// published once. Publishing is serialised by a lock (the ring has one producer at a time): the receive loop and the
/// funding backfill both publish.</para>
/// </remarks>
internal sealed class BinanceUserStream : IPrivateSocketHandler
{
    /// <summary>Asked on connect (its answer makes the stream ready) and as the silence probe.</summary>
    internal static readonly byte[] ListSubscriptions = Encoding.ASCII.GetBytes("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");

    private readonly Uri _streamBase;
    private readonly BinanceRestClient _rest;
    private readonly BinanceUserStreamParser _parser;
    private readonly ExecutionPublisher _publisher;
    private readonly Lock _publishLock = new();
    // The stream's own repeats of a funding payment are recognised before the ledger counts it as a delivery.
    private readonly ExecutionDeduplicator _streamFunding = new(1024);
    private readonly BinanceFundingLedger _funding = new();
    private readonly ExecutionUpdate[] _kept = new ExecutionUpdate[BinanceUserStreamParser.MaxUpdatesPerFrame];
    private long _fundingDuplicates;
    private long _lastHeardTimestamp; // receive loop only: the last event heard while ready, or the step to ready
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
    /// <summary>Updates dropped as repeats, a funding payment the income history had already reported included.</summary>
    public long Duplicates => _publisher.Duplicates + Volatile.Read(ref _fundingDuplicates);
    public long Stale => _publisher.Stale;
    public string? LastError { get; private set; }
    /// <summary>Called on the receive thread each time the stream is ready again after a gap, after the
    /// <see cref="ExecutionUpdateKind.StreamResynced"/> is published, with the receive timestamp (the socket clock's
    /// ticks) of the last event heard while the stream was last ready (or of its becoming ready, if none came): events
    /// the venue pushed after it may be lost.</summary>
    public Action<long>? Resynced { get; set; }

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
        var frame = _parser.Parse(message, receivedTimestamp);
        // Events arrive in order: whatever the venue pushed before one has reached us. Probe answers do not count: they
        // show the connection is alive, not that the listen key still delivers (a lapsed key's connection may answer).
        if (_ready && frame != BinanceUserFrame.SubscriptionList) _lastHeardTimestamp = receivedTimestamp;
        switch (frame)
        {
            case BinanceUserFrame.Updates:
                lock (_publishLock) PublishFromStream(_parser.Updates);
                break;
            case BinanceUserFrame.SubscriptionList:
                // Also the answer to the silence probe: only the step from not ready to ready is news.
                if (_ready) break;
                _ready = true;
                var lastHeard = _lastHeardTimestamp;
                _lastHeardTimestamp = receivedTimestamp;
                if (_everReady)
                {
                    // Events sent while no connection was ready are lost for good: tell the gateway to reconcile, and the
                    // client to read the funding paid since the stream was last heard.
                    lock (_publishLock) _publisher.PublishResynced(_parser.Venue, receivedTimestamp);
                    Resynced?.Invoke(lastHeard);
                }
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

    /// <summary>A frame's updates; its funding payments only if the stream has not delivered them before and no income
    /// read has published them. Nothing is allocated.</summary>
    private void PublishFromStream(ReadOnlySpan<ExecutionUpdate> updates)
    {
        var funding = false;
        foreach (ref readonly var update in updates) funding |= update.Kind == ExecutionUpdateKind.FundingPayment;
        if (!funding)
        {
            _publisher.Publish(updates);
            return;
        }
        var kept = 0;
        foreach (ref readonly var update in updates)
        {
            if (update.Kind == ExecutionUpdateKind.FundingPayment &&
                (!_streamFunding.Accept(update) || !_funding.AdmitFromStream(BinanceFundingLedger.Key(update))))
            {
                Counters.Count(FrameIssue.Duplicate);
                Interlocked.Increment(ref _fundingDuplicates);
                continue;
            }
            _kept[kept++] = update;
        }
        _publisher.Publish(_kept.AsSpan(0, kept));
    }

    /// <summary>Publishes the funding payments an income read found (oldest first, distinct tranIds, the read's window
    /// starting on a <see cref="BinanceFundingLedger.WindowStart"/>), those the stream delivered or an earlier read
    /// published excepted. Returns how many were published. Off the hot path (it allocates).</summary>
    public int PublishIncome(IReadOnlyList<ExecutionUpdate> payments)
    {
        var keys = new ulong[payments.Count];
        var counts = new Dictionary<ulong, int>();
        for (var i = 0; i < payments.Count; i++)
        {
            keys[i] = BinanceFundingLedger.Key(payments[i]);
            counts[keys[i]] = counts.GetValueOrDefault(keys[i]) + 1;
        }
        var published = new List<ExecutionUpdate>();
        lock (_publishLock)
        {
            var quota = new Dictionary<ulong, int>(counts.Count);
            foreach (var (key, records) in counts) quota[key] = _funding.AdmitFromIncome(key, records);
            for (var i = 0; i < payments.Count; i++)
            {
                if (quota[keys[i]] == 0) continue;
                quota[keys[i]]--;
                published.Add(payments[i]);
            }
            var before = _publisher.Published;
            _publisher.Publish(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(published));
            return (int)(_publisher.Published - before);
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
