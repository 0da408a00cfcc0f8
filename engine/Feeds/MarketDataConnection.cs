using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Feeds;

/// <summary>One market-data WebSocket of a venue, kept alive: connect, subscribe, receive every message whole into a
/// pooled buffer and hand it to its <see cref="FeedSession"/>; heartbeats; reconnect with jittered backoff.</summary>
/// <remarks>
/// <para>Every disconnect (error, silence, the venue's close, the planned reconnect before the venue's connection-age
/// limit) invalidates this connection's books through <see cref="FeedSession.OnDisconnected"/>: the decision core
/// never trades on a book that may have missed updates. Books come back by snapshot: Bybit and OKX send one on
/// subscribe; for Binance <see cref="RequestSnapshot"/> fetches one over REST while the session buffers deltas.</para>
/// <para>Messages are received straight into a buffer rented from <see cref="ArrayPool{T}"/> that grows for messages
/// split over several WebSocket fragments; the parser needs one contiguous span, so a <c>Pipe</c> would only add a
/// hand-off per frame. The session is called under a lock shared with REST snapshot answers, which arrive on
/// another thread; receiving itself is one loop per connection.</para>
/// </remarks>
public sealed class MarketDataConnection : IBookRecovery, IAsyncDisposable
{
    /// <summary>A message larger than this is refused (and the connection reset) rather than buffered without bound.</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;
    private const int InitialBufferBytes = 64 * 1024;

    private readonly IMarketDataVenue _venue;
    private readonly Uri _streamUri;
    private readonly Uri _restBase;
    private readonly FeedStream _stream;
    private readonly InstrumentRegistry _registry;
    private readonly VenueId _venueId;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly ReconnectBackoff _backoff;
    private readonly Lock _sessionGate = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly byte[]? _heartbeatMessage;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<InstrumentId> _snapshotsInFlight = [];
    private readonly InstrumentId[] _bookInstruments;
    private ClientWebSocket? _socket;
    private Task? _run;
    private long _lastFrameTimestamp;
    private long _connectedTimestamp;
    private int _disconnectReason;
    private long _generation; // bumped on every connect and disconnect: a snapshot fetched under another one is stale
    private bool _connected;
    private long _connects;
    private long _disconnects;
    private long _plannedReconnects;
    private long _snapshotRequests;

    public MarketDataConnection(IMarketDataVenue venue, VenueId venueId, InstrumentRegistry registry, FeedStream stream,
        Uri webSocketBase, Uri restBase, RingBuffer<MarketEvent> ring, FeedCounters counters, TimeProvider clock,
        HttpClient http, ReconnectBackoff backoff)
    {
        _venue = venue;
        _venueId = venueId;
        _registry = registry;
        _stream = stream;
        _streamUri = new Uri(webSocketBase, stream.Path);
        _restBase = restBase;
        _clock = clock;
        _http = http;
        _backoff = backoff;
        _heartbeatMessage = venue.Heartbeat.Message is { } message ? Encoding.UTF8.GetBytes(message) : null;
        _bookInstruments = [.. stream.BookSymbols.Select(symbol => registry.TryResolve(venueId, Encoding.UTF8.GetBytes(symbol), out var id)
            ? id
            : throw new ArgumentException($"Book symbol '{symbol}' of {venue.Name} stream {stream.Path} is not in the instrument registry.", nameof(stream)))];
        Session = new FeedSession(venueId, venue.CreateParser(venueId, registry), venue.CreateBookSync(),
            new RingEventSink(ring), counters, this);
    }

    public FeedSession Session { get; }
    public long Connects => Volatile.Read(ref _connects);
    public long Disconnects => Volatile.Read(ref _disconnects);
    public long PlannedReconnects => Volatile.Read(ref _plannedReconnects);
    public long SnapshotRequests => Volatile.Read(ref _snapshotRequests);
    public string? LastError { get; private set; }

    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
        _sendGate.Dispose();
    }

    /// <summary>Gets a fresh snapshot for a lost book: a REST depth request, or resubscribing on this connection.</summary>
    public void RequestSnapshot(InstrumentId instrument)
    {
        var symbol = _registry.VenueSymbol(_venueId, instrument);
        if (symbol is null) return;
        Interlocked.Increment(ref _snapshotRequests);
        var recovery = _venue.RecoverBook(symbol);
        if (recovery.SnapshotRequest is { } request)
        {
            // One fetch per book at a time; a fetch in progress keeps going until the book is in sync, so it also
            // serves this request.
            lock (_snapshotsInFlight)
                if (!_snapshotsInFlight.Add(instrument)) return;
            _ = FetchSnapshotAsync(instrument, request, _stop.Token);
        }
        foreach (var message in recovery.ResubscribeMessages)
            _ = SendAsync(Encoding.UTF8.GetBytes(message), _stop.Token);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            if (_heartbeatMessage is null) socket.Options.KeepAliveInterval = _venue.Heartbeat.Interval;
            _socket = socket;
            ITimer? heartbeat = null;
            var stableSince = 0L;
            Volatile.Write(ref _disconnectReason, (int)DisconnectReason.Unplanned); // every pass starts unplanned
            try
            {
                await socket.ConnectAsync(_streamUri, stop).ConfigureAwait(false);
                Interlocked.Increment(ref _connects);
                _connectedTimestamp = _lastFrameTimestamp = stableSince = _clock.GetTimestamp();
                lock (_sessionGate)
                {
                    _connected = true;
                    _generation++;
                }
                foreach (var message in _stream.OnOpen)
                    await SendAsync(Encoding.UTF8.GetBytes(message), stop).ConfigureAwait(false);
                foreach (var instrument in _bookInstruments)
                    if (_venue.RecoverBook(_registry.VenueSymbol(_venueId, instrument)!).SnapshotRequest is not null)
                        RequestSnapshot(instrument); // the stream only sends deltas: the first snapshot comes over REST
                heartbeat = _clock.CreateTimer(static state => ((MarketDataConnection)state!).OnHeartbeat(), this,
                    _venue.Heartbeat.Interval, _venue.Heartbeat.Interval);
                await ReceiveAsync(socket, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or OperationCanceledException
                                          or ObjectDisposedException) // the heartbeat tore the socket down mid-receive: a disconnect like any other
            {
                if (!stop.IsCancellationRequested) LastError = e.Message;
            }
            finally
            {
                if (heartbeat is not null) await heartbeat.DisposeAsync().ConfigureAwait(false);
                if (stableSince != 0) OnDisconnected();
            }
            if (stop.IsCancellationRequested) break;
            if (stableSince != 0 && Volatile.Read(ref _disconnectReason) == (int)DisconnectReason.Planned)
            {
                Interlocked.Increment(ref _plannedReconnects);
                _backoff.Reset();
                continue; // a planned reconnect that then fails to connect backs off like any other
            }
            if (stableSince != 0 && _clock.GetElapsedTime(stableSince) > TimeSpan.FromMinutes(1)) _backoff.Reset();
            if (!await _backoff.WaitAsync(_clock, stop).ConfigureAwait(false)) break;
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken stop)
    {
        using var buffer = new MessageBuffer(InitialBufferBytes, MaxMessageBytes);
        while (await buffer.ReceiveAsync(socket, stop).ConfigureAwait(false))
        {
            var now = _clock.GetTimestamp();
            Volatile.Write(ref _lastFrameTimestamp, now);
            FrameResult result;
            lock (_sessionGate) result = Session.OnFrame(buffer.Message, now);
            if (result.Class == FrameClass.VenueError)
                LastError = "venue error: " + Encoding.UTF8.GetString(buffer.Message[..Math.Min(buffer.Message.Length, 512)]);
        }
        if (buffer.Overflowed)
        {
            LastError = $"a message exceeded {MaxMessageBytes} bytes; reconnecting";
            Session.Counters.Count(FrameIssue.UnexpectedShape);
        }
    }

    private void OnHeartbeat()
    {
        var socket = _socket;
        if (socket is null || socket.State != WebSocketState.Open) return;
        var heartbeat = _venue.Heartbeat;
        if (heartbeat.MaxConnectionAge is { } maxAge && _clock.GetElapsedTime(_connectedTimestamp) >= maxAge)
        {
            Volatile.Write(ref _disconnectReason, (int)DisconnectReason.Planned); // before the venue cuts us off
            socket.Abort();
            return;
        }
        if (_clock.GetElapsedTime(Volatile.Read(ref _lastFrameTimestamp)) > heartbeat.SilenceLimit)
        {
            LastError = $"no frame for {heartbeat.SilenceLimit.TotalSeconds:0} s; reconnecting";
            Volatile.Write(ref _disconnectReason, (int)DisconnectReason.Silence);
            socket.Abort();
            return;
        }
        if (_heartbeatMessage is not null) _ = SendAsync(_heartbeatMessage, _stop.Token);
    }

    private void OnDisconnected()
    {
        Interlocked.Increment(ref _disconnects);
        lock (_sessionGate)
        {
            _connected = false;
            _generation++;
            Session.OnDisconnected(_bookInstruments, _clock.GetTimestamp());
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken stop)
    {
        var socket = _socket;
        if (socket is null) return;
        try
        {
            await _sendGate.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return; // stopping
        }
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            LastError = e.Message; // the receive loop sees the broken socket and reconnects
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Fetches REST snapshots until the book is in sync: a failed request, an answer the parser refuses, one
    /// older than the buffered deltas (the replay finds a gap), or one that arrives after its connection dropped all
    /// lead to another attempt, with backoff. Without a snapshot the book stays unusable.</summary>
    private async Task FetchSnapshotAsync(InstrumentId instrument, string request, CancellationToken stop)
    {
        var retry = ReconnectBackoff.Default(new Random(instrument.Value));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                long generation;
                bool connected;
                lock (_sessionGate) (generation, connected) = (_generation, _connected);
                if (connected)
                {
                    try
                    {
                        using var response = await _http.GetAsync(new Uri(_restBase, request), stop).ConfigureAwait(false);
                        var body = await response.Content.ReadAsByteArrayAsync(stop).ConfigureAwait(false);
                        if (!response.IsSuccessStatusCode)
                        {
                            LastError = $"snapshot {request}: HTTP {(int)response.StatusCode}";
                        }
                        else
                        {
                            lock (_sessionGate)
                            {
                                if (generation == _generation) // still the connection whose deltas it must bridge
                                {
                                    var result = Session.OnRest(request, body, _clock.GetTimestamp());
                                    if (!result.IsUsable) LastError = $"snapshot {request}: refused ({result.Issue})";
                                    if (Session.IsBookSynced(instrument)) return;
                                }
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !stop.IsCancellationRequested)
                    {
                        LastError = $"snapshot {request}: {e.Message}";
                    }
                }
                await Task.Delay(retry.Next(), _clock, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_snapshotsInFlight) _snapshotsInFlight.Remove(instrument);
        }
    }

    private enum DisconnectReason
    {
        Unplanned = 0,
        Silence = 1,
        Planned = 2,
    }
}
