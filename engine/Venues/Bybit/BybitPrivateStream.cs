using System.Text;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Ring;

namespace FundingArb.Venues.Bybit;

/// <summary>The private stream, <c>/v5/private</c> (docs/v5/ws/connect, websocket/private/*): on every connection
/// <c>auth</c>, then, once accepted, subscribe <c>order</c>, <c>execution</c>, <c>position</c> and <c>wallet</c>; frames are
/// parsed into execution updates, deduplicated, and published on the execution ring; malformed ones are counted and
/// dropped. A connection whose <c>auth</c> or subscribe is refused, or not both answered within the ready timeout, is
/// dropped and made again (<see cref="BybitSessionGuard"/>).</summary>
/// <remarks>"There is no snapshot event given at the time when the subscription is successful": what happened while the
/// stream was down is not replayed. So each time the stream is subscribed again after a drop it publishes
/// <see cref="ExecutionUpdateKind.StreamResynced"/>, on which the gateway reconciles (queries its orders and positions),
/// and calls <see cref="Resynced"/>, for the client to read what the venue booked since <see cref="GapStartMs"/>.
/// <see cref="IsReady"/> from the subscribe answer on: frames on a connection arrive in order. Publishing is serialised
/// by a lock, because that backfill publishes from outside the receive loop.</remarks>
internal sealed class BybitPrivateStream : IPrivateSocketHandler, IDisposable
{
    // The ".linear" topics: the all-in-one topics also carry the unified account's spot and option trades, whose
    // symbols (spot BTCUSDT) would read as perpetual fills.
    private static readonly byte[] Subscribe =
        """{"req_id":"subscribe","op":"subscribe","args":["order.linear","execution.linear","position.linear","wallet"]}"""u8.ToArray();

    private readonly Uri _uri;
    private readonly BybitSigner _signer;
    private readonly ClockOffset _clock;
    private readonly TimeSpan _authExpiry;
    private readonly BybitPrivateParser _parser;
    private readonly ExecutionPublisher _publisher;
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _publishLock = new();
    private readonly Lock _gapLock = new();
    private readonly BybitSessionGuard _guard;
    private PrivateSocket? _socket;
    private volatile bool _ready;
    private long _subscriptions;
    private long _gapStartMs;
    private long _drops;

    public BybitPrivateStream(Uri uri, BybitSigner signer, ClockOffset clock, TimeSpan authExpiry, BybitPrivateParser parser, RingBuffer<ExecutionUpdate> ring,
        TimeSpan? readyTimeout = null)
    {
        _uri = uri;
        _signer = signer;
        _clock = clock;
        _authExpiry = authExpiry;
        _parser = parser;
        _publisher = new ExecutionPublisher(ring, Counters);
        _guard = new BybitSessionGuard(clock.Clock, readyTimeout ?? TimeSpan.FromSeconds(10));
    }

    public FeedCounters Counters { get; } = new();
    public BybitHeartbeat Heartbeat { get; } = new(Encoding.ASCII.GetBytes(BybitMarketData.PingMessage));
    public bool IsReady => _ready;
    /// <summary>Completes the first time the stream is subscribed; faults when the venue refuses the auth or subscribe.</summary>
    public Task FirstReady => _firstReady.Task;
    /// <summary>Times the stream was subscribed (one per connection that got that far).</summary>
    public long Subscriptions => Volatile.Read(ref _subscriptions);
    public long Published => _publisher.Published;
    public long Duplicates => _publisher.Duplicates;
    public long Stale => _publisher.Stale;
    public string? LastError { get; private set; }
    /// <summary>Connections dropped because the <c>auth</c> or subscribe was refused or not answered in time.</summary>
    public long SessionAborts => _guard.SessionAborts;
    /// <summary>Why the last connection was dropped for its session (a refusal, the ready deadline), for status.</summary>
    public string? SessionError => _guard.LastError;
    /// <summary>Resynchronises the clock; awaited before a connection whose <c>auth</c> was refused as expired is dropped.</summary>
    public Func<Task>? ClockSkewed
    {
        get => _guard.ClockSkewed;
        set => _guard.ClockSkewed = value;
    }
    /// <summary>Called (on the receive thread) each time the stream is subscribed again after a gap, once
    /// <see cref="ExecutionUpdateKind.StreamResynced"/> is published: Bybit replays nothing sent meanwhile. The callee
    /// calls <see cref="GapCovered"/> once it has read what the venue booked since <see cref="GapStartMs"/>.</summary>
    public Action? Resynced { get; set; }
    /// <summary>The venue time (unix ms) of the first drop not yet covered by a backfill; 0 when there is none.</summary>
    public long GapStartMs => Volatile.Read(ref _gapStartMs);
    /// <summary>Connections lost so far (a backfill notes it before reading, to know whether a drop came meanwhile).</summary>
    public long Drops => Volatile.Read(ref _drops);

    public ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(_uri);

    public ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken)
    {
        _socket = socket;
        Heartbeat.Connected(socket);
        _guard.Connected(socket);
        return _signer.AuthenticateAsync(socket, _clock.NowUnixMs() + (long)_authExpiry.TotalMilliseconds, cancellationToken);
    }

    public void OnDisconnected()
    {
        _ready = false;
        Heartbeat.Disconnected();
        _guard.Disconnected();
        lock (_gapLock)
        {
            Volatile.Write(ref _drops, _drops + 1);
            // The gap runs from the first drop after the stream was subscribed until a backfill has covered it.
            if (Subscriptions > 0 && _gapStartMs == 0) Volatile.Write(ref _gapStartMs, _clock.NowUnixMs());
        }
    }

    /// <summary>What the venue booked from <paramref name="gapStartMs"/> to <paramref name="coveredUntilMs"/> has been
    /// read. The gap is closed — or, if the stream dropped again since the read began (<paramref name="dropsBefore"/>),
    /// left open from where the read ended.</summary>
    public void GapCovered(long gapStartMs, long dropsBefore, long coveredUntilMs)
    {
        lock (_gapLock)
        {
            if (_gapStartMs != gapStartMs) return;
            Volatile.Write(ref _gapStartMs, _drops == dropsBefore ? 0 : coveredUntilMs);
        }
    }

    public void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp)
    {
        Heartbeat.Received();
        Counters.CountReceived();
        var frame = _parser.Parse(message, receivedTimestamp);
        switch (frame)
        {
            case BybitPrivateFrame.Updates:
                lock (_publishLock) _publisher.Publish(_parser.Updates);
                break;
            case BybitPrivateFrame.AuthAccepted:
                // Subscribing before the auth is answered would be refused ("Request not authorized").
                if (_socket is { } socket) _ = SubscribeAsync(socket);
                break;
            case BybitPrivateFrame.Subscribed:
                OnSubscribed(receivedTimestamp);
                break;
            case BybitPrivateFrame.AuthRefused or BybitPrivateFrame.SubscribeRefused:
            {
                var refusal = Encoding.UTF8.GetString(_parser.LastMessage);
                LastError = "private stream refused: " + refusal;
                var clockSkew = frame == BybitPrivateFrame.AuthRefused && IsExpiry(refusal);
                // A refusal the clock explains is retried with a corrected one; any other fails the start (key, sign).
                if (!clockSkew) _firstReady.TrySetException(new InvalidOperationException("bybit: " + LastError));
                _guard.Refused(LastError, clockSkew);
                break;
            }
            case BybitPrivateFrame.Pong:
                break;
            case BybitPrivateFrame.Ignored:
                Counters.Count(FrameIssue.UnknownMessage);
                break;
            default:
                Counters.Count(_parser.LastIssue);
                break;
        }
    }

    /// <summary>The <c>auth</c> answer of an <c>expires</c> the venue found in the past: "Params Error" (live, for a
    /// well-formed request such as ours; pybit's hint: "resync your system time"), or an older "request expired".</summary>
    internal static bool IsExpiry(string message) =>
        message.Contains("Params Error", StringComparison.OrdinalIgnoreCase) || message.Contains("expire", StringComparison.OrdinalIgnoreCase);

    private static async Task SubscribeAsync(PrivateSocket socket)
    {
        if (!await socket.SendAsync(Subscribe, CancellationToken.None).ConfigureAwait(false)) socket.Abort();
    }

    private void OnSubscribed(long receivedTimestamp)
    {
        _ready = true;
        _guard.Ready();
        if (Interlocked.Increment(ref _subscriptions) > 1)
        {
            // Events between the drop and now are lost for good: tell the gateway to reconcile, the client to backfill.
            lock (_publishLock) _publisher.PublishResynced(_parser.Venue, receivedTimestamp);
            Resynced?.Invoke();
        }
        _firstReady.TrySetResult();
    }

    /// <summary>Deduplicates and publishes updates read outside the stream (the funding backfill) against everything the
    /// stream itself published: a payment both delivered is published once.</summary>
    public void PublishBackfill(ReadOnlySpan<ExecutionUpdate> updates)
    {
        lock (_publishLock) _publisher.Publish(updates);
    }

    public void Dispose() => _guard.Dispose();
}
