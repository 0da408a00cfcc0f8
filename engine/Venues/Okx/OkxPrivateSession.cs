using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Ring;

namespace FundingArb.Venues.Okx;

/// <summary>The private WebSocket session (<c>/ws/v5/private</c>): on every connect, <c>login</c>
/// (#overview-websocket-login), then subscribe <c>orders</c>, <c>positions</c> and <c>account</c>; op answers matched to
/// the requests waiting for them; pushes parsed, deduplicated and published on the execution ring. One connection
/// carries both the orders and the private channels, so it is <see cref="IsReady"/> once logged in and all three
/// subscriptions are acknowledged; a drop fails the requests in flight and the reconnect logs in and subscribes again. OKX replays nothing pushed while
/// the connection was down: every ready after the first publishes <see cref="ExecutionUpdateKind.StreamResynced"/> and
/// calls <see cref="Resynced"/>, for the client to backfill.</summary>
/// <remarks>The venue closes a connection silent for 30 s (#overview-websocket-connect): the socket's silence limit sends
/// the text <see cref="Ping"/> when nothing has arrived for a while, and drops the connection when not even its
/// <c>pong</c> comes back. Publishing is serialised by a lock, because funding
/// payments read from the bills are published from outside the receive loop.</remarks>
internal sealed class OkxPrivateSession : IPrivateSocketHandler, IDisposable
{
    private const int Subscriptions = 3;
    // Its id is not a number, so it never matches an op's request id: an error event answering it is a subscribe refusal.
    private static readonly byte[] Subscribe =
        """{"id":"subscribe","op":"subscribe","args":[{"channel":"orders","instType":"SWAP"},{"channel":"positions","instType":"SWAP","extraParams":"{\"updateInterval\":\"0\"}"},{"channel":"account"}]}"""u8.ToArray();
    /// <summary>OKX's keep-alive: the text <c>ping</c>, answered <c>pong</c> (the silence limit's probe).</summary>
    public static readonly byte[] Ping = "ping"u8.ToArray();

    private readonly Uri _uri;
    private readonly OkxOrderWriter _login;
    private readonly ClockOffset _clock;
    private readonly OkxPrivateParser _parser;
    private readonly RingBuffer<ExecutionUpdate> _ring;
    private readonly ExecutionDeduplicator _dedupe = new();
    private readonly Lock _publishLock = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PrivateSocket? _socket;
    private volatile bool _loggedIn;
    private volatile bool _ready;
    private int _subscribed;
    private long _published;
    private long _logins;
    private long _pongs;
    private long _readies;
    private long _resyncs;
    private long _sessionAborts;
    private int _connection;
    private ITimer? _readyTimer;

    public OkxPrivateSession(Uri uri, ApiCredentials credentials, ClockOffset clock, OkxPrivateParser parser, RingBuffer<ExecutionUpdate> ring)
    {
        _uri = uri;
        _login = new OkxOrderWriter(credentials);
        _clock = clock;
        _parser = parser;
        _ring = ring;
    }

    public PendingReplies Pending { get; } = new();
    public FeedCounters Counters { get; } = new();
    public bool IsLoggedIn => _loggedIn;
    public bool IsReady => _ready;
    /// <summary>Completes the first time the session is logged in and subscribed.</summary>
    public Task FirstReady => _firstReady.Task;
    public long Logins => Volatile.Read(ref _logins);
    /// <summary>Answers to our keep-alive pings (tests, status).</summary>
    public long Pongs => Volatile.Read(ref _pongs);
    public long Published => Volatile.Read(ref _published);
    public long Duplicates => _dedupe.Duplicates;
    /// <summary>Times the session became ready again after a gap (each published as
    /// <see cref="ExecutionUpdateKind.StreamResynced"/>).</summary>
    public long Resyncs => Volatile.Read(ref _resyncs);
    /// <summary>Called (on the receive thread) each time the session is ready again after a gap, after the
    /// <see cref="ExecutionUpdateKind.StreamResynced"/> is published: OKX replays nothing sent while it was down.</summary>
    public Action? Resynced { get; set; }
    /// <summary>The venue's refusal of the last login (60009, 60024, …); none after a successful one.</summary>
    public ExecutionError LoginError { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Called (on the receive thread) when a positions push shows a changed accumulated funding fee.</summary>
    public Action? FundingFeeChanged { get; set; }
    /// <summary>How long a connection may take to log in and have its three subscriptions acknowledged before it is
    /// dropped and made again (with the socket's backoff).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Resynchronises the clock; awaited before a connection whose login was refused as expired (60006) is
    /// dropped, so the next login carries a corrected timestamp.</summary>
    public Func<Task>? ClockSkewed { get; set; }
    /// <summary>Connections dropped because the login or a subscription was refused or not answered in time.</summary>
    public long SessionAborts => Volatile.Read(ref _sessionAborts);

    public ValueTask<Uri?> ResolveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<Uri?>(_uri);

    public async ValueTask OnConnectedAsync(PrivateSocket socket, CancellationToken cancellationToken)
    {
        _socket = socket;
        Volatile.Write(ref _subscribed, 0);
        var connection = Interlocked.Increment(ref _connection);
        _readyTimer?.Dispose();
        _readyTimer = _clock.Clock.CreateTimer(s => ((OkxPrivateSession)s!).CheckReady(connection), this, ReadyTimeout, Timeout.InfiniteTimeSpan);
        ReadOnlyMemory<byte> login;
        lock (_login) login = _login.LoginFrame(_clock.NowUnixMs() / 1000).ToArray(); // once per connection
        await socket.SendAsync(login, cancellationToken).ConfigureAwait(false);
    }

    public void OnDisconnected()
    {
        Interlocked.Increment(ref _connection);
        _readyTimer?.Dispose();
        _loggedIn = false;
        _ready = false;
        Pending.FailWaiting(long.MaxValue,
            ExecutionError.Local(ExecutionErrorKind.Disconnected, "private WebSocket dropped before the answer; order state unknown, query it"u8));
    }

    public void OnMessage(ReadOnlySpan<byte> message, long receivedTimestamp)
    {
        Counters.CountReceived();
        switch (_parser.Parse(message, receivedTimestamp))
        {
            case OkxPrivateFrame.Updates:
                Publish(_parser.Updates);
                if (_parser.FundingFeeChanged) FundingFeeChanged?.Invoke();
                break;
            case OkxPrivateFrame.OpAnswer:
                Pending.TryComplete(_parser.AnswerId, _parser.Answer);
                break;
            case OkxPrivateFrame.LoggedIn:
                _loggedIn = true;
                LoginError = default;
                Interlocked.Increment(ref _logins);
                if (_socket is { } socket) _ = socket.SendAsync(Subscribe, CancellationToken.None).AsTask();
                break;
            case OkxPrivateFrame.Subscribed:
                if (Interlocked.Increment(ref _subscribed) == Subscriptions)
                {
                    _ready = true;
                    if (Interlocked.Increment(ref _readies) == 1) _firstReady.TrySetResult();
                    else
                    {
                        // OKX does not replay what it pushed while we were away: the gateway reconciles, the client backfills.
                        PublishResync(receivedTimestamp);
                        Resynced?.Invoke();
                    }
                }
                break;
            case OkxPrivateFrame.Error:
                if (!_loggedIn) LoginError = _parser.Error;
                LastError = _parser.Error.ToString();
                if (!_ready) _ = RestartSessionAsync(_parser.Error.Kind == ExecutionErrorKind.ClockSkew); // login or subscribe refused
                break;
            case OkxPrivateFrame.Pong:
                Interlocked.Increment(ref _pongs);
                break;
            case OkxPrivateFrame.Ignored:
                break;
            default:
                Counters.Count(_parser.LastIssue);
                break;
        }
    }

    /// <summary>Deduplicates and publishes updates; the receive loop and the funding reader both call it.</summary>
    public void Publish(ReadOnlySpan<ExecutionUpdate> updates)
    {
        var published = 0;
        lock (_publishLock)
        {
            foreach (ref readonly var update in updates)
            {
                if (!_dedupe.Accept(update))
                {
                    Counters.Count(FrameIssue.Duplicate);
                    continue;
                }
                var sequence = _ring.Next();
                _ring[sequence] = update;
                _ring.Publish(sequence);
                published++;
            }
        }
        Counters.CountEvents(published);
        Interlocked.Add(ref _published, published);
    }

    /// <summary>Not logged in and subscribed within <see cref="ReadyTimeout"/> of connecting: the connection is dropped.</summary>
    private void CheckReady(int connection)
    {
        if (_ready || connection != Volatile.Read(ref _connection)) return;
        LastError = $"not logged in and subscribed within {ReadyTimeout.TotalSeconds:0} s of connecting; reconnecting";
        _ = RestartSessionAsync(clockSkew: false);
    }

    /// <summary>A refused login or subscription is never retried on the same connection: drop it, so the socket
    /// reconnects with backoff and logs in again; after a 60006 (login expired) the clock is resynchronised first.</summary>
    private async Task RestartSessionAsync(bool clockSkew)
    {
        var socket = _socket;
        if (socket is null) return;
        Interlocked.Increment(ref _sessionAborts);
        if (clockSkew && ClockSkewed is { } sync)
        {
            try
            {
                await sync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
            }
        }
        socket.Abort();
    }

    private void PublishResync(long receivedTimestamp)
    {
        var resync = new ExecutionUpdate
        {
            Kind = ExecutionUpdateKind.StreamResynced, Venue = _parser.Venue, ReceivedTimestamp = receivedTimestamp,
        };
        lock (_publishLock)
        {
            var sequence = _ring.Next();
            _ring[sequence] = resync;
            _ring.Publish(sequence);
        }
        Interlocked.Increment(ref _resyncs);
        Counters.CountEvents(1);
        Interlocked.Increment(ref _published);
    }

    public void Dispose()
    {
        _readyTimer?.Dispose();
        _login.Dispose();
    }
}
