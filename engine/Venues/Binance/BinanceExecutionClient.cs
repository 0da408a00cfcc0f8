using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FundingArb.Decision;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Venues.Binance;

/// <summary>Binance USDⓈ-M Futures trading: orders over the WebSocket API (REST when it is down), queries over REST,
/// order/fill/position/funding updates from the user data stream onto the execution ring.</summary>
/// <remarks>
/// <para>The send path — check the order against the instrument's rules, count it against the rate limits, write and
/// sign the WS API frame into preallocated buffers, send, wait on a pooled reply — allocates nothing in steady state.
/// One send gate serialises use of the frame buffer and the HMAC instance.</para>
/// <para>Funding: the user stream's ACCOUNT_UPDATE (reason FUNDING_FEE) reports each settlement, but Binance does not
/// replay what it pushed while the stream was down. So each time the stream is back after a gap, the client reads the
/// funding fees from the income history (<c>GET /fapi/v1/income?incomeType=FUNDING_FEE</c>) from a little before the
/// stream was last heard (<see cref="BinanceExecutionOptions.FundingBackfillOverlap"/>) and publishes those the stream
/// did not deliver; <see cref="BinanceFundingLedger"/> matches the two sources, so each payment is published once. A
/// read that fails is tried again (<see cref="BinanceExecutionOptions.FundingBackfillRetry"/>) from the same start.</para>
/// <para>Timestamps are the venue's clock as <see cref="ClockOffset"/> estimates it, refreshed every
/// <see cref="BinanceExecutionOptions.ClockRefresh"/> and at once after a -1021; the -1021 itself is reported as
/// <see cref="ExecutionErrorKind.ClockSkew"/> (transient) so the gateway may retry on the corrected clock.</para>
/// </remarks>
public sealed class BinanceExecutionClient : IExecutionClient
{
    private const string OrderPath = "/fapi/v1/order";
    private const string IncomePath = "/fapi/v1/income";
    /// <summary>Get Income History: weight 30 (account/rest-api/Get-Income-History).</summary>
    private const int IncomeWeight = 30;
    /// <summary>A bound on the pages of one read, far above any gap's funding.</summary>
    private const int MaxIncomePages = 10_000;
    private const long NoBackfill = long.MaxValue;

    private readonly InstrumentRegistry _registry;
    private readonly BinanceExecutionOptions _options;
    private readonly TimeProvider _time;
    private readonly BinanceOrderWriter _writer;
    private readonly VenueClock _clock;
    private readonly TradableInstruments _instruments;
    private readonly BinanceRestClient _rest;
    private readonly BinanceWsApi _wsApi;
    private readonly PrivateSocket _wsSocket;
    private readonly BinanceUserStream _userStream;
    private readonly PrivateSocket _userSocket;
    private readonly SocketRequestSender _sender;
    private ITimer? _keepAliveTimer;
    private readonly ITimer _fundingRetry;
    private readonly SemaphoreSlim _fundingGate = new(1, 1); // one income read at a time
    private readonly Lock _fundingLock = new();
    private long _fundingFromMs = NoBackfill; // under _fundingLock: the earliest start (venue ms) not yet read, or none
    private long _fundingBackfills;
    private long _fundingRecordsRead;
    private long _fundingBackfilled;
    private volatile bool _stopped;

    public BinanceExecutionClient(VenueId venue, InstrumentRegistry registry, ApiCredentials credentials, BinanceExecutionOptions options,
        RingBuffer<ExecutionUpdate> updates, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        Venue = venue;
        _registry = registry;
        _options = options;
        _time = clock;
        _clock = new VenueClock(clock, options.ClockSamples, ServerTimeAsync);
        _instruments = new TradableInstruments(venue, registry);
        RateLimits = options.RateLimits();
        _writer = new BinanceOrderWriter(credentials);
        _rest = new BinanceRestClient(http, options.Endpoints.Rest, credentials, RateLimits, Clock);
        _wsApi = new BinanceWsApi(options.Endpoints.WebSocketApi, venue, registry, RateLimits, Clock);
        // The WS API is quiet between requests, so it has no silence limit: unanswered requests tell instead.
        _wsSocket = new PrivateSocket(_wsApi, options.Backoff(), clock, options.SocketKeepAlive, options.SocketKeepAliveTimeout,
            Timeout.InfiniteTimeSpan, default);
        _userStream = new BinanceUserStream(options.Endpoints.UserStream, _rest, new BinanceUserStreamParser(venue, registry), updates);
        _userSocket = new PrivateSocket(_userStream, options.Backoff(), clock, options.SocketKeepAlive, options.SocketKeepAliveTimeout,
            options.UserStreamSilenceLimit, BinanceUserStream.ListSubscriptions);
        _userStream.Resynced = OnUserStreamResynced;
        _fundingRetry = clock.CreateTimer(static s => ((BinanceExecutionClient)s!).StartFundingBackfill(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _sender = new SocketRequestSender(_wsSocket, _wsApi.Pending, clock, options.RequestTimeout,
            busy: "too many WS API requests waiting for answers; not sent"u8,
            notSent: "WS API send failed; order state unknown, query it"u8, unknown: "WS API send failed; order state unknown, query it"u8,
            timedOut: "no WS API answer in time; order state unknown, query it"u8);
    }

    public VenueId Venue { get; }
    public ClockOffset Clock => _clock.Offset;
    public BinanceRateLimits RateLimits { get; }
    public bool IsReady => _userStream.IsReady && (!_options.UseWebSocketApi || _wsSocket.IsConnected);
    public long WebSocketApiConnects => _wsSocket.Connects;
    public long UserStreamConnects => _userSocket.Connects;
    internal BinanceUserStream UserStream => _userStream;
    /// <summary>Funding backfills that read the income history to the end (after a stream gap; status, tests).</summary>
    public long FundingBackfills => Volatile.Read(ref _fundingBackfills);
    /// <summary>Funding payments those reads found, published or not.</summary>
    public long FundingIncomeRecordsRead => Volatile.Read(ref _fundingRecordsRead);
    /// <summary>Funding payments published by those reads: the ones the stream missed.</summary>
    public long FundingBackfilled => Volatile.Read(ref _fundingBackfilled);
    /// <summary>Why the last funding backfill could not read the income history (it is tried again); null after a success.</summary>
    public string? FundingBackfillError { get; private set; }
    internal BinanceWsApi WebSocketApi => _wsApi;

    /// <summary>Makes an instrument tradable: its venue symbol and rules (tick, lot step, minimums). The symbol must be
    /// mapped in the registry for this venue, so that the private stream can resolve it. Call at start-up, before any
    /// order is sent: the send path reads the symbol and rule tables without a lock (the lock only orders concurrent
    /// additions).</summary>
    public void AddInstrument(InstrumentId instrument, InstrumentSpec spec) => _instruments.Add(instrument, spec);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await SyncClockAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"binance: no server time from {_options.Endpoints.Rest}/fapi/v1/time.");
        await EnsureOneWayModeAsync(cancellationToken).ConfigureAwait(false);
        _userSocket.Start();
        if (_options.UseWebSocketApi) _wsSocket.Start();
        try
        {
            var ready = _options.UseWebSocketApi ? Task.WhenAll(_userStream.FirstReady, _wsApi.FirstConnected) : _userStream.FirstReady;
            await ready.WaitAsync(_options.StartTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"binance: not ready after {_options.StartTimeout.TotalSeconds:0} s " +
                $"(user stream: {_userStream.LastError ?? _userSocket.LastError ?? "no answer"}; WS API: {_wsSocket.LastError ?? "no connection"}).");
        }
        _clock.StartRefresh(_options.ClockRefresh);
        _keepAliveTimer = _time.CreateTimer(static s => _ = ((BinanceExecutionClient)s!)._userStream.KeepAliveAsync(CancellationToken.None), this,
            _options.ListenKeyKeepAlive, _options.ListenKeyKeepAlive);
        _sender.StartTimeoutSweep(OnLateRequests);
    }

    // ---------------------------------------------------------------------------------------------------------- orders

    public ValueTask<OrderReport> PlaceAsync(in OrderRequest request, CancellationToken cancellationToken = default) =>
        PlaceCoreAsync(request, cancellationToken);

    public ValueTask<OrderReport> CancelAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        OrderCoreAsync(RequestKind.Cancel, instrument, clientOrderId, cancellationToken);

    public ValueTask<OrderReport> QueryOrderAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        OrderCoreAsync(RequestKind.Status, instrument, clientOrderId, cancellationToken);

    /// <summary>Checks, writes and signs the WS API <c>order.place</c> frame for <paramref name="request"/> into the frame
    /// buffer (valid until the next call): the allocation-free part of the send path, apart for tests and benchmarks.
    /// The caller holds the send gate (or is the only sender).</summary>
    internal ExecutionError WritePlaceFrame(in OrderRequest request, long requestId, out ReadOnlyMemory<byte> frame)
    {
        frame = default;
        var error = Check(request, out var symbol);
        if (error.IsError) return error;
        frame = _writer.PlaceFrame(requestId, request, symbol, _options.RecvWindowMs, Clock.NowUnixMs());
        return default;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OrderReport> PlaceCoreAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        var error = Check(request, out _);
        if (error.IsError) return OrderReport.Failed(error);
        if (cancellationToken.IsCancellationRequested) return SocketRequestSender.CanceledBeforeSend(); // before it takes a place in the limits
        // New Order: weight 0 on the IP's request weight, one order on each order-count window (trade/rest-api/New-Order).
        if (!RateLimits.TryAcquire(0, isOrder: true, Clock.NowUnixMs(), out var refusal)) return OrderReport.Failed(refusal);
        var report = _options.UseWebSocketApi && _wsSocket.IsConnected
            ? await SendWebSocketAsync(RequestKind.Place, request, request.Instrument, request.ClientOrderId, cancellationToken).ConfigureAwait(false)
            : await SendRestAsync(RequestKind.Place, request, request.Instrument, request.ClientOrderId, cancellationToken).ConfigureAwait(false);
        return await _clock.AfterAsync(report, cancellationToken).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OrderReport> OrderCoreAsync(RequestKind kind, InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var invalid = _instruments.CheckReference(instrument, clientOrderId, out _);
        if (invalid.IsError) return OrderReport.Failed(invalid);
        if (cancellationToken.IsCancellationRequested) return SocketRequestSender.CanceledBeforeSend();
        // Cancel Order and Query Order: weight 1 each.
        if (!RateLimits.TryAcquire(1, isOrder: false, Clock.NowUnixMs(), out var refusal)) return OrderReport.Failed(refusal);
        var report = _options.UseWebSocketApi && _wsSocket.IsConnected
            ? await SendWebSocketAsync(kind, default, instrument, clientOrderId, cancellationToken).ConfigureAwait(false)
            : await SendRestAsync(kind, default, instrument, clientOrderId, cancellationToken).ConfigureAwait(false);
        return await _clock.AfterAsync(report, cancellationToken).ConfigureAwait(false);
    }

    private ExecutionError Check(in OrderRequest request, out ReadOnlySpan<byte> symbol) => _instruments.Check(request, out symbol);

    private bool TrySymbol(InstrumentId instrument, out ReadOnlySpan<byte> symbol) => _instruments.TrySymbol(instrument, out symbol);

    /// <remarks>The wait ends by the answer, the timeout sweep (<see cref="BinanceExecutionOptions.RequestTimeout"/>) or
    /// the drop; the caller's token counts only until the request is armed (<see cref="SocketRequestSender.SendAsync"/>).</remarks>
    private ValueTask<OrderReport> SendWebSocketAsync(RequestKind kind, OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId,
        CancellationToken cancellationToken) =>
        _sender.SendAsync((Client: this, Kind: kind, Order: order, Instrument: instrument, ClientOrderId: clientOrderId),
            static (s, id) => s.Client.WebSocketFrame(id, s.Kind, s.Order, s.Instrument, s.ClientOrderId), cancellationToken);

    /// <summary>The WS API frame of one request, written and signed into the frame buffer (under the send gate).</summary>
    private ReadOnlyMemory<byte> WebSocketFrame(long id, RequestKind kind, in OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId)
    {
        TrySymbol(instrument, out var symbol);
        var now = Clock.NowUnixMs();
        return kind switch
        {
            RequestKind.Place => _writer.PlaceFrame(id, order, symbol, _options.RecvWindowMs, now),
            RequestKind.Cancel => _writer.CancelFrame(id, symbol, clientOrderId, _options.RecvWindowMs, now),
            _ => _writer.StatusFrame(id, symbol, clientOrderId, _options.RecvWindowMs, now),
        };
    }

    private async Task<OrderReport> SendRestAsync(RequestKind kind, OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId,
        CancellationToken cancellationToken)
    {
        var (entered, query) = await _sender.UnderGateAsync((Client: this, Kind: kind, Order: order, Instrument: instrument, ClientOrderId: clientOrderId),
            static s => s.Client.RestQuery(s.Kind, s.Order, s.Instrument, s.ClientOrderId), cancellationToken).ConfigureAwait(false);
        if (!entered) return SocketRequestSender.CanceledBeforeSend();
        var method = kind switch { RequestKind.Place => HttpMethod.Post, RequestKind.Cancel => HttpMethod.Delete, _ => HttpMethod.Get };
        var reply = await _rest.SendAsync(method, OrderPath, query, withKey: true, cancellationToken).ConfigureAwait(false);
        return reply.IsOk ? ReadOrder(reply.Body!) : OrderReport.Failed(reply.Error);
    }

    /// <summary>The signed query of one order request (under the send gate).</summary>
    private string RestQuery(RequestKind kind, in OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId)
    {
        TrySymbol(instrument, out var symbol);
        var now = Clock.NowUnixMs();
        return Encoding.ASCII.GetString(kind == RequestKind.Place
            ? _writer.PlaceQuery(order, symbol, _options.RecvWindowMs, now)
            : _writer.OrderQuery(symbol, clientOrderId, _options.RecvWindowMs, now));
    }

    private OrderReport ReadOrder(ReadOnlySpan<byte> body)
    {
        var report = new OrderReport();
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && BinanceOrderReader.Read(ref reader, _registry, Venue, ref report, new byte[256]) is Feeds.FrameIssue.None)
                return report;
        }
        catch (JsonException)
        {
        }
        return OrderReport.Failed(ExecutionError.Local(ExecutionErrorKind.VenueUnavailable, "order answer could not be read; order state unknown, query it"u8));
    }

    /// <summary>Requests timed out. Several in a row with nothing heard in between mean the link is dead without having
    /// closed (it would otherwise keep swallowing orders): drop it, so that orders go over REST until it is back.</summary>
    private void OnLateRequests(int failed)
    {
        if (_wsApi.CountTimeouts(failed) >= _options.WebSocketApiTimeoutsBeforeReconnect)
        {
            _wsApi.ClearTimeouts();
            _wsSocket.Abort();
        }
    }

    // --------------------------------------------------------------------------------------------------------- queries

    public async Task<VenueQuery<IReadOnlyList<OrderReport>>> QueryOpenOrdersAsync(InstrumentId instrument, CancellationToken cancellationToken = default)
    {
        byte[]? symbol = null;
        if (!instrument.IsNone)
        {
            if (!TrySymbol(instrument, out var s))
                return VenueQuery<IReadOnlyList<OrderReport>>.Failed(ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "instrument is not set up on this venue"u8));
            symbol = s.ToArray();
        }
        // Current Open Orders: weight 1 for a symbol, 40 without.
        var reply = await SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", symbol, null, symbol is null ? 40 : 1, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return VenueQuery<IReadOnlyList<OrderReport>>.Failed(reply.Error);
        var orders = new List<OrderReport>();
        try
        {
            var reader = new Utf8JsonReader(reply.Body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return Unreadable<IReadOnlyList<OrderReport>>("openOrders");
            var scratch = new byte[256];
            var symbolBytes = new byte[64];
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var report = new OrderReport();
                var issue = BinanceOrderReader.Read(ref reader, _registry, Venue, ref report, scratch, symbolBytes, out var symbolLength);
                // An order in a symbol we do not map is still an open order of this account: reconciliation must see it.
                if (issue == Feeds.FrameIssue.UnknownSymbol && symbolLength > 0)
                {
                    report.Instrument = InstrumentId.None;
                    report.VenueSymbol = Encoding.UTF8.GetString(symbolBytes, 0, symbolLength);
                    issue = Feeds.FrameIssue.None;
                }
                if (issue == Feeds.FrameIssue.None) orders.Add(report);
                else return Unreadable<IReadOnlyList<OrderReport>>("openOrders");
            }
        }
        catch (JsonException)
        {
            return Unreadable<IReadOnlyList<OrderReport>>("openOrders");
        }
        return VenueQuery<IReadOnlyList<OrderReport>>.Ok(orders);
    }

    /// <summary>Position Information V3 (trade/rest-api/Position-Information-V3, weight 5): symbols with a position, those
    /// the registry does not map included (InstrumentId.None, the venue's symbol): a leg left by another configuration is
    /// still a leg.</summary>
    public Task<VenueQuery<IReadOnlyList<PositionReport>>> QueryPositionsAsync(CancellationToken cancellationToken = default) =>
        QueryListAsync("/fapi/v3/positionRisk", 5, item =>
        {
            var symbol = item.GetProperty("symbol").GetString() ?? "";
            var quantity = new Quantity(Fixed(item, "positionAmt", Quantity.Scale));
            if (quantity.IsZero) return null;
            if (!_registry.TryResolve(Venue, Encoding.UTF8.GetBytes(symbol), out var instrument)) instrument = InstrumentId.None;
            return new PositionReport(instrument, symbol, quantity, new Price(Fixed(item, "entryPrice", Price.Scale)),
                    new Price(Fixed(item, "markPrice", Price.Scale)), new Quantity(Fixed(item, "unRealizedProfit", Quantity.Scale)), UpdateTime(item));
        }, cancellationToken);

    /// <summary>Futures Account Balance V2 (account/rest-api/Futures-Account-Balance-V2, weight 5).</summary>
    public Task<VenueQuery<IReadOnlyList<BalanceReport>>> QueryBalancesAsync(CancellationToken cancellationToken = default) =>
        QueryListAsync("/fapi/v2/balance", 5, static item => new BalanceReport(item.GetProperty("asset").GetString() ?? "",
            new Quantity(Fixed(item, "balance", Quantity.Scale)), new Quantity(Fixed(item, "availableBalance", Quantity.Scale)), UpdateTime(item)),
            cancellationToken);

    /// <summary>A signed GET answering a JSON array, each item read by <paramref name="read"/> (null skips it).</summary>
    private async Task<VenueQuery<IReadOnlyList<T>>> QueryListAsync<T>(string path, int weight, Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        var reply = await SignedAsync(HttpMethod.Get, path, null, null, weight, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return VenueQuery<IReadOnlyList<T>>.Failed(reply.Error);
        var items = new List<T>();
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            foreach (var element in document.RootElement.EnumerateArray())
                if (read(element) is { } item) items.Add(item);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return Unreadable<IReadOnlyList<T>>(path);
        }
        return VenueQuery<IReadOnlyList<T>>.Ok(items);
    }

    private static long UpdateTime(JsonElement item) => item.TryGetProperty("updateTime", out var t) ? t.GetInt64() : 0;

    private static long Fixed(JsonElement item, string name, int scale) => FixedPoint.Parse(item.GetProperty(name).GetString() ?? "", scale);

    private static VenueQuery<T> Unreadable<T>(string what) where T : class => VenueQuery<T>.Failed(UnreadableError(what));

    private static ExecutionError UnreadableError(string what) =>
        ExecutionError.Local(ExecutionErrorKind.VenueUnavailable, Encoding.UTF8.GetBytes($"{what} answer could not be read"));

    /// <summary>A signed REST request off the order path: <paramref name="leading"/> parameters (in name order, before
    /// recvWindow), the symbol if any, recvWindow and timestamp; signed under the send gate.</summary>
    private async Task<BinanceRestReply> SignedAsync(HttpMethod method, string path, byte[]? symbol, string? leading, int weight, CancellationToken cancellationToken)
    {
        if (!RateLimits.TryAcquire(weight, isOrder: false, Clock.NowUnixMs(), out var refusal)) return new BinanceRestReply(0, null, refusal);
        var (entered, query) = await _sender.UnderGateAsync((Client: this, Symbol: symbol, Leading: leading), static s =>
        {
            var now = s.Client.Clock.NowUnixMs();
            var recvWindowMs = s.Client._options.RecvWindowMs;
            return s.Leading is null
                ? Encoding.ASCII.GetString(s.Client._writer.AccountQuery(s.Symbol, recvWindowMs, now))
                : Encoding.ASCII.GetString(s.Client._writer.SignedQuery(Encoding.ASCII.GetBytes(
                    $"{s.Leading}&recvWindow={recvWindowMs.ToString(CultureInfo.InvariantCulture)}&timestamp={now.ToString(CultureInfo.InvariantCulture)}")));
        }, cancellationToken).ConfigureAwait(false);
        if (!entered) return new BinanceRestReply(0, null, SocketRequestSender.CanceledBeforeSend().Error);
        return await _rest.SendAsync(method, path, query, withKey: true, cancellationToken).ConfigureAwait(false);
    }

    // --------------------------------------------------------------------------------------------------------- funding

    /// <summary>The user stream is back after a gap (receive thread): the funding paid since it was last heard, less the
    /// overlap, is to be read; the read starts on a ledger slot, so that each slot it reaches is counted whole.</summary>
    private void OnUserStreamResynced(long lastHeardTimestamp)
    {
        var lastHeardMs = Clock.NowUnixMs() - (long)_time.GetElapsedTime(lastHeardTimestamp).TotalMilliseconds;
        var fromMs = BinanceFundingLedger.WindowStart(lastHeardMs - (long)_options.FundingBackfillOverlap.TotalMilliseconds);
        lock (_fundingLock) _fundingFromMs = Math.Min(_fundingFromMs, fromMs);
        StartFundingBackfill();
    }

    // Off the receive thread: the read waits on the send gate and the network.
    private void StartFundingBackfill()
    {
        if (_stopped) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await BackfillFundingAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // Stopped while reading: nothing to publish to.
            }
        });
    }

    /// <summary>Reads the funding fees from the pending start (the earliest of the gaps not yet read) to now from the
    /// income history and publishes those the user stream did not deliver. Returns the error when the history could not
    /// be read: the start then stays pending and the read is tried again after
    /// <see cref="BinanceExecutionOptions.FundingBackfillRetry"/> (or at the next gap).</summary>
    public async Task<ExecutionError> BackfillFundingAsync(CancellationToken cancellationToken)
    {
        await _fundingGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        long fromMs;
        lock (_fundingLock)
        {
            fromMs = _fundingFromMs;
            _fundingFromMs = NoBackfill;
        }
        var done = fromMs == NoBackfill;
        try
        {
            if (done) return default;
            var (payments, error) = await ReadFundingIncomeAsync(fromMs, cancellationToken).ConfigureAwait(false);
            if (error.IsError)
            {
                FundingBackfillError = error.ToString();
                return error;
            }
            Interlocked.Add(ref _fundingRecordsRead, payments.Count);
            Interlocked.Add(ref _fundingBackfilled, _userStream.PublishIncome(payments));
            Interlocked.Increment(ref _fundingBackfills);
            FundingBackfillError = null;
            done = true;
            return default;
        }
        finally
        {
            // Not read (an error, or an exception on the way): the window stays pending, never dropped.
            if (!done)
                lock (_fundingLock) _fundingFromMs = Math.Min(_fundingFromMs, fromMs);
            _fundingGate.Release();
            if (!done && !_stopped) _fundingRetry.Change(_options.FundingBackfillRetry, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Get Income History (account/rest-api/Get-Income-History, weight 30): the FUNDING_FEE records from
    /// <paramref name="fromMs"/> (inclusive), oldest first, in pages of <see cref="BinanceExecutionOptions.FundingIncomePage"/>
    /// (the venue's maximum, 1 000). A full page may end part-way through the
    /// records of its last millisecond, so the next page starts at that millisecond again and the records read already
    /// (by tranId, unique per income type) are skipped. No endTime: a settlement after the stream came back is both
    /// read here and pushed, and the ledger publishes it once.</summary>
    private async Task<(List<ExecutionUpdate> Payments, ExecutionError Error)> ReadFundingIncomeAsync(long fromMs, CancellationToken cancellationToken)
    {
        var payments = new List<ExecutionUpdate>();
        var tranIds = new HashSet<long>();
        var startMs = fromMs;
        var received = _time.GetTimestamp();
        for (var page = 0; page < MaxIncomePages; page++)
        {
            var leading = "incomeType=FUNDING_FEE&limit=" + _options.FundingIncomePage.ToString(CultureInfo.InvariantCulture) +
                "&startTime=" + startMs.ToString(CultureInfo.InvariantCulture);
            var reply = await SignedAsync(HttpMethod.Get, IncomePath, null, leading, IncomeWeight, cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk) return (payments, reply.Error);
            int count = 0, fresh = 0;
            var lastMs = startMs;
            try
            {
                using var document = JsonDocument.Parse(reply.Body);
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    count++;
                    var timeMs = item.GetProperty("time").GetInt64();
                    lastMs = Math.Max(lastMs, timeMs);
                    if (item.GetProperty("incomeType").GetString() != "FUNDING_FEE") continue;
                    var tranIdValue = item.GetProperty("tranId");
                    // A number on this endpoint; some Binance income endpoints send it as a string of digits.
                    var tranId = tranIdValue.ValueKind == JsonValueKind.String
                        ? long.Parse(tranIdValue.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture)
                        : tranIdValue.GetInt64();
                    if (!tranIds.Add(tranId)) continue;
                    fresh++;
                    var payment = new ExecutionUpdate
                    {
                        Kind = ExecutionUpdateKind.FundingPayment,
                        Venue = Venue,
                        TradeId = VenueAssignedId.FromInteger(tranId),
                        Amount = new Quantity(Fixed(item, "income", Quantity.Scale)),
                        UpdateTimeMs = timeMs,
                        EventTimeMs = timeMs,
                        ReceivedTimestamp = received,
                    };
                    if (!AssetCode.TryCreate(Encoding.ASCII.GetBytes(item.GetProperty("asset").GetString() ?? ""), out payment.Asset))
                        return (payments, UnreadableError("income (an asset)"));
                    // The record names its symbol (the cross-margin push does not); one we do not map stays unattributed.
                    if (!_registry.TryResolve(Venue, Encoding.UTF8.GetBytes(item.GetProperty("symbol").GetString() ?? ""), out payment.Instrument))
                        payment.Instrument = InstrumentId.None;
                    payments.Add(payment);
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
            {
                return (payments, UnreadableError("income"));
            }
            if (count < _options.FundingIncomePage) return ([.. payments.OrderBy(p => p.UpdateTimeMs)], default);
            // A full page: more may follow. A full page of records all read already means one millisecond holds more than
            // a page, which startTime cannot page through: step past it rather than read it forever (a thousand funding
            // payments settled in one millisecond is beyond any account).
            startMs = fresh > 0 ? lastMs : lastMs + 1;
        }
        return (payments, UnreadableError("income (more pages than a gap can hold)"));
    }

    // ------------------------------------------------------------------------------------------------ clock and account

    /// <summary>One synchronisation round against <c>GET /fapi/v1/time</c> (weight 1); false if no sample came back.
    /// A call while a round runs joins it and gets its outcome (<see cref="ClockSync"/>).</summary>
    public Task<bool> SyncClockAsync(CancellationToken cancellationToken) => _clock.SyncAsync(cancellationToken);

    /// <summary>The venue's time in unix ms, or null when it could not be had or read (the sample is then skipped).</summary>
    private async Task<long?> ServerTimeAsync(CancellationToken cancellationToken)
    {
        var reply = await _rest.RequestAsync(HttpMethod.Get, "/fapi/v1/time", null, withKey: false, weight: 1, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return null;
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            return document.RootElement.GetProperty("serverTime").GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The engine trades one-way positions (one BOTH position per symbol): checks <c>GET /fapi/v1/positionSide/dual</c>
    /// (weight 30) and, if the account is in hedge mode, switches it (-4059 "no need to change" is success).</summary>
    private async Task EnsureOneWayModeAsync(CancellationToken cancellationToken)
    {
        var reply = await SignedAsync(HttpMethod.Get, "/fapi/v1/positionSide/dual", null, null, 30, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) throw new InvalidOperationException($"binance: position mode could not be read: {reply.Error}");
        bool dual;
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            dual = document.RootElement.GetProperty("dualSidePosition").GetBoolean();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOperationException("binance: position mode answer could not be read.", e);
        }
        if (!dual) return;
        var change = await SignedAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", null, "dualSidePosition=false", 1, cancellationToken).ConfigureAwait(false);
        if (!change.IsOk && change.Error.VenueCode != -4059)
            throw new InvalidOperationException($"binance: the account is in hedge mode and could not be switched to one-way: {change.Error}");
    }

    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        await _fundingRetry.DisposeAsync().ConfigureAwait(false);
        await _clock.DisposeAsync().ConfigureAwait(false);
        if (_keepAliveTimer is not null) await _keepAliveTimer.DisposeAsync().ConfigureAwait(false);
        await _sender.DisposeAsync().ConfigureAwait(false);
        await _wsSocket.DisposeAsync().ConfigureAwait(false);
        await _userSocket.DisposeAsync().ConfigureAwait(false);
        _sender.FailAll();
        // The HMAC is not thread-safe: dispose it only once no order is being signed.
        await _sender.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _sender.Gate.Release();
        }
        // The clock's round gate and the send gate are left undisposed (VenueClock, SocketRequestSender).
    }

    public override string ToString() => $"BinanceExecutionClient({Venue}, {_options.Endpoints.Rest})";

    private enum RequestKind : byte
    {
        Place,
        Cancel,
        Status,
    }
}
