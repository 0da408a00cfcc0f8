using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5 linear (USDT perpetuals) trading: orders over the WebSocket trade API (REST while it is down),
/// queries over REST, order/execution/position/wallet updates from the private stream onto the execution ring.</summary>
/// <remarks>
/// <para>The send path — check the order against the instrument's rules, count it against the rate limits, write the WS
/// trade frame into a preallocated buffer, send, wait on a pooled reply — allocates nothing in steady state. The trade
/// connection is authenticated once (<c>auth</c>), so orders carry no signature; one send gate serialises the frame
/// buffer. Both sockets send <c>{"op":"ping"}</c> every <see cref="BybitExecutionOptions.PingInterval"/> and are dropped
/// (then reconnected and re-authenticated) after two intervals without a word; so is a connection whose <c>auth</c> (or
/// subscribe) is refused or not answered within <see cref="BybitExecutionOptions.ReadyTimeout"/>, and a trade connection
/// that leaves a request unanswered past <see cref="BybitExecutionOptions.RequestTimeout"/>.</para>
/// <para>Timestamps are the venue's clock as <see cref="ClockOffset"/> estimates it from <c>GET /v5/market/time</c>,
/// refreshed every <see cref="BybitExecutionOptions.ClockRefresh"/> and at once after a 10002 or an <c>auth</c> refused
/// for a stale <c>expires</c>; the 10002 itself is reported as <see cref="ExecutionErrorKind.ClockSkew"/> (transient) so
/// the gateway may retry on the corrected clock.</para>
/// <para>A create or cancel answer carries ids only (docs/v5/order/create-order: "the order's fate is on the order
/// stream"): place reports <see cref="OrderStatus.New"/> when the venue accepted the order, cancel
/// <see cref="OrderStatus.Unknown"/> when it took the request; fills and final states come on the stream.</para>
/// <para>A WS trade request that fails is reported by what the venue may know of it: one never written (the connection
/// went down first) is <see cref="ExecutionErrorKind.Disconnected"/> "…; not sent", like every refusal made before sending;
/// one written and not answered (a drop, or <see cref="BybitExecutionOptions.RequestTimeout"/>: then the connection is
/// taken for dead and dropped) is <see cref="ExecutionErrorKind.Disconnected"/> or <see cref="ExecutionErrorKind.Timeout"/>
/// "order state unknown, query it".</para>
/// <para>Funding: a settlement arrives on the stream as an execution of type Funding. One booked while the stream was down
/// is read after the resync from the trade history (<c>GET /v5/execution/list?execType=Funding</c>, docs/v5/order/execution)
/// and published through the stream's deduplicator: the same execution, the same <c>execId</c>, so a payment the stream
/// also delivered is published once.</para>
/// </remarks>
public sealed class BybitExecutionClient : IExecutionClient
{
    private const string OrderCreatePath = "/v5/order/create";
    private const string OrderCancelPath = "/v5/order/cancel";
    private const string OrderRealtimePath = "/v5/order/realtime";
    private const string PositionListPath = "/v5/position/list";
    private const string ExecutionListPath = "/v5/execution/list";
    /// <summary>docs/v5/order/execution: "If both are passed, the rule is endTime - startTime &lt;= 7 days".</summary>
    private static readonly long MaxExecutionWindowMs = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    private readonly InstrumentRegistry _registry;
    private readonly BybitExecutionOptions _options;
    private readonly TimeProvider _time;
    private readonly BybitSigner _signer;
    private readonly BybitOrderWriter _writer = new();
    private readonly VenueClock _clock;
    private readonly BybitRestClient _rest;
    private readonly BybitTradeApi _tradeApi;
    private readonly PrivateSocket _tradeSocket;
    private readonly BybitPrivateStream _stream;
    private readonly PrivateSocket _streamSocket;
    private readonly SocketRequestSender _sender;
    private readonly TradableInstruments _instruments;
    private readonly BybitPrivateParser _backfillParser;
    private readonly SemaphoreSlim _backfillGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private long _opTimeoutAborts;
    private long _fundingBackfills;
    private ITimer? _heartbeatTimer;

    public BybitExecutionClient(VenueId venue, InstrumentRegistry registry, ApiCredentials credentials, BybitExecutionOptions options,
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
        _instruments = new TradableInstruments(venue, registry);
        _options = options;
        _time = clock;
        _clock = new VenueClock(clock, options.ClockSamples, ServerTimeAsync);
        RateLimits = options.RateLimits();
        _signer = new BybitSigner(credentials);
        _rest = new BybitRestClient(http, options.Endpoints.Rest, credentials, _signer, RateLimits, Clock, options.RecvWindowMs);
        _tradeApi = new BybitTradeApi(options.Endpoints.Trade, _signer, RateLimits, Clock, options.AuthExpiry, options.ReadyTimeout)
        {
            ClockSkewed = () => SyncClockAsync(_stop.Token),
        };
        _tradeSocket = new PrivateSocket(_tradeApi, options.Backoff(), clock, options.SocketKeepAlive);
        AssetCode.TryCreate(Encoding.ASCII.GetBytes(options.SettleCoin), out var settleAsset);
        _backfillParser = new BybitPrivateParser(venue, registry, settleAsset);
        _stream = new BybitPrivateStream(options.Endpoints.PrivateStream, _signer, Clock, options.AuthExpiry, new BybitPrivateParser(venue, registry, settleAsset),
            updates, options.ReadyTimeout)
        {
            ClockSkewed = () => SyncClockAsync(_stop.Token),
            Resynced = () => _ = BackfillAfterGapAsync(),
        };
        _streamSocket = new PrivateSocket(_stream, options.Backoff(), clock, options.SocketKeepAlive);
        _sender = new SocketRequestSender(_tradeSocket, _tradeApi.Pending, clock, options.RequestTimeout,
            busy: "too many WS trade requests waiting for answers; not sent"u8,
            // Never written: the venue cannot have it. Transient: the caller may send it again, over REST until the
            // connection is back.
            notSent: "WS trade connection down before the request was written; not sent"u8,
            unknown: "WS trade send failed once writing had begun; order state unknown, query it"u8,
            timedOut: "no WS trade answer in time; order state unknown, query it"u8);
    }

    public VenueId Venue { get; }
    public ClockOffset Clock => _clock.Offset;
    public BybitRateLimits RateLimits { get; }
    public bool IsReady => _stream.IsReady && (!_options.UseWebSocketTrade || (_tradeApi.IsAuthenticated && _tradeSocket.IsConnected));
    public long TradeConnects => _tradeSocket.Connects;
    public long StreamConnects => _streamSocket.Connects;
    /// <summary>Trade connections dropped because requests on them went unanswered (tests, status).</summary>
    public long OpTimeoutAborts => Interlocked.Read(ref _opTimeoutAborts);
    /// <summary>Funding backfills completed after gaps in the private stream (tests, status).</summary>
    public long FundingBackfills => Interlocked.Read(ref _fundingBackfills);
    internal BybitPrivateStream PrivateStream => _stream;
    internal BybitTradeApi TradeApi => _tradeApi;
    internal bool TradeSocketConnected => _tradeSocket.IsConnected;
    /// <summary>The gate every send passes (tests hold it to order a send after a drop).</summary>
    internal SemaphoreSlim SendGate => _sender.Gate;

    /// <summary>Makes an instrument tradable: its venue symbol and rules (tick, qty step, minimums). The symbol must be
    /// mapped in the registry for this venue, so that the private stream can resolve it. Call before trading it.</summary>
    public void AddInstrument(InstrumentId instrument, InstrumentSpec spec) => _instruments.Add(instrument, spec);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await SyncClockAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"bybit: no server time from {_options.Endpoints.Rest}v5/market/time.");
        await EnsureAccountAsync(cancellationToken).ConfigureAwait(false);
        _streamSocket.Start();
        if (_options.UseWebSocketTrade) _tradeSocket.Start();
        _heartbeatTimer = _time.CreateTimer(static s => ((BybitExecutionClient)s!).Heartbeat(), this, _options.PingInterval, _options.PingInterval);
        try
        {
            var ready = _options.UseWebSocketTrade ? Task.WhenAll(_stream.FirstReady, _tradeApi.FirstReady) : _stream.FirstReady;
            await ready.WaitAsync(_options.StartTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"bybit: not ready after {_options.StartTimeout.TotalSeconds:0} s " +
                $"(private stream: {_stream.LastError ?? _streamSocket.LastError ?? "no answer"}; " +
                $"trade API: {_tradeApi.LastError ?? _tradeSocket.LastError ?? "no connection"}).");
        }
        _clock.StartRefresh(_options.ClockRefresh);
        _sender.StartTimeoutSweep(OnLateRequests);
    }

    private void Heartbeat()
    {
        _stream.Heartbeat.Tick();
        _tradeApi.Heartbeat.Tick();
        // A backfill that failed (REST refused or down) is tried again while the gap stays open, not only at the next drop.
        if (_stream.IsReady && _stream.GapStartMs != 0 && _backfillGate.CurrentCount > 0) _ = BackfillAfterGapAsync();
    }

    /// <summary>Both sockets have answered since their last ping (tests step virtual time on this).</summary>
    internal bool HeartbeatsAnswered => _stream.Heartbeat.HeardSinceLastPing && (!_options.UseWebSocketTrade || _tradeApi.Heartbeat.HeardSinceLastPing);

    // ---------------------------------------------------------------------------------------------------------- orders

    public ValueTask<OrderReport> PlaceAsync(in OrderRequest request, CancellationToken cancellationToken = default) =>
        PlaceCoreAsync(request, cancellationToken);

    public ValueTask<OrderReport> CancelAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        CancelCoreAsync(instrument, clientOrderId, cancellationToken);

    /// <summary>Checks and writes the WS trade <c>order.create</c> frame for <paramref name="request"/> into the frame buffer
    /// (valid until the next call): the allocation-free part of the send path, apart for tests and benchmarks. The caller
    /// holds the send gate (or is the only sender).</summary>
    internal ExecutionError WritePlaceFrame(in OrderRequest request, long requestId, out ReadOnlyMemory<byte> frame)
    {
        frame = default;
        var error = Check(request, out var symbol);
        if (error.IsError) return error;
        frame = _writer.CreateFrame(requestId, request, symbol, _options.RecvWindowMs, Clock.NowUnixMs());
        return default;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OrderReport> PlaceCoreAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        var error = Check(request, out _);
        if (error.IsError) return OrderReport.Failed(error);
        if (cancellationToken.IsCancellationRequested) return SocketRequestSender.CanceledBeforeSend(); // before it takes a place in the limits
        var overSocket = TradeSocketUp;
        if (!RateLimits.TryAcquire(BybitEndpoint.OrderCreate, rest: !overSocket, Clock.NowUnixMs(), out var refusal)) return OrderReport.Failed(refusal);
        var report = overSocket
            ? await SendWebSocketAsync(RequestKind.Create, request, request.Instrument, request.ClientOrderId, cancellationToken).ConfigureAwait(false)
            : await SendRestAsync(RequestKind.Create, request, request.Instrument, request.ClientOrderId, cancellationToken).ConfigureAwait(false);
        return await AfterAsync(report).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OrderReport> CancelCoreAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var invalid = _instruments.CheckReference(instrument, clientOrderId, out _);
        if (invalid.IsError) return OrderReport.Failed(invalid);
        if (cancellationToken.IsCancellationRequested) return SocketRequestSender.CanceledBeforeSend();
        var overSocket = TradeSocketUp;
        if (!RateLimits.TryAcquire(BybitEndpoint.OrderCancel, rest: !overSocket, Clock.NowUnixMs(), out var refusal)) return OrderReport.Failed(refusal);
        var report = overSocket
            ? await SendWebSocketAsync(RequestKind.Cancel, default, instrument, clientOrderId, cancellationToken).ConfigureAwait(false)
            : await SendRestAsync(RequestKind.Cancel, default, instrument, clientOrderId, cancellationToken).ConfigureAwait(false);
        return await AfterAsync(report).ConfigureAwait(false);
    }

    private bool TradeSocketUp => _options.UseWebSocketTrade && _tradeApi.IsAuthenticated && _tradeSocket.IsConnected;

    private ExecutionError Check(in OrderRequest request, out ReadOnlySpan<byte> symbol) => _instruments.Check(request, out symbol);

    private bool TrySymbol(InstrumentId instrument, out ReadOnlySpan<byte> symbol) => _instruments.TrySymbol(instrument, out symbol);

    /// <remarks>The wait ends by the answer, the timeout sweep or the drop; the caller's token counts only until the
    /// request is armed (<see cref="SocketRequestSender.SendAsync"/>).</remarks>
    private ValueTask<OrderReport> SendWebSocketAsync(RequestKind kind, OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId,
        CancellationToken cancellationToken) =>
        _sender.SendAsync((Client: this, Kind: kind, Order: order, Instrument: instrument, ClientOrderId: clientOrderId),
            static (s, id) => s.Client.WebSocketFrame(id, s.Kind, s.Order, s.Instrument, s.ClientOrderId), cancellationToken);

    /// <summary>The WS trade frame of one request, written into the frame buffer (under the send gate).</summary>
    private ReadOnlyMemory<byte> WebSocketFrame(long id, RequestKind kind, in OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId)
    {
        TrySymbol(instrument, out var symbol);
        var now = Clock.NowUnixMs();
        return kind == RequestKind.Create
            ? _writer.CreateFrame(id, order, symbol, _options.RecvWindowMs, now)
            : _writer.CancelFrame(id, symbol, clientOrderId, _options.RecvWindowMs, now);
    }

    private async Task<OrderReport> SendRestAsync(RequestKind kind, OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId,
        CancellationToken cancellationToken)
    {
        var (entered, body) = await _sender.UnderGateAsync((Client: this, Kind: kind, Order: order, Instrument: instrument, ClientOrderId: clientOrderId),
            static s =>
            {
                s.Client.TrySymbol(s.Instrument, out var symbol);
                return s.Kind == RequestKind.Create ? s.Client._writer.CreateBody(s.Order, symbol) : s.Client._writer.CancelBody(symbol, s.ClientOrderId);
            }, cancellationToken).ConfigureAwait(false);
        if (!entered) return SocketRequestSender.CanceledBeforeSend();
        var create = kind == RequestKind.Create;
        var reply = await _rest.SendAsync(HttpMethod.Post, create ? OrderCreatePath : OrderCancelPath, null, body,
            create ? BybitEndpoint.OrderCreate : BybitEndpoint.OrderCancel, signed: true, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return OrderReport.Failed(reply.Error);
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            var result = document.RootElement.GetProperty("result");
            var report = new OrderReport
            {
                Instrument = instrument,
                Status = create ? OrderStatus.New : OrderStatus.Unknown,
                UpdateTimeMs = document.RootElement.TryGetProperty("time", out var time) ? time.GetInt64() : Clock.NowUnixMs(),
            };
            VenueAssignedId.TryCreate(Encoding.ASCII.GetBytes(result.GetProperty("orderId").GetString() ?? ""), out report.VenueOrderId);
            ClientOrderId.TryCreate(Encoding.ASCII.GetBytes(result.GetProperty("orderLinkId").GetString() ?? ""), out report.ClientOrderId);
            return report;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return OrderReport.Failed(ExecutionError.Local(ExecutionErrorKind.VenueUnavailable, "order answer could not be read; order state unknown, query it"u8));
        }
    }

    /// <summary>A 10002 means our idea of the venue's clock is off: corrected before the caller retries, whatever the
    /// caller's token says.</summary>
    private ValueTask<OrderReport> AfterAsync(OrderReport report) => _clock.AfterAsync(report, CancellationToken.None);

    /// <summary>Requests timed out. A link that leaves requests unanswered with nothing heard in between is dead without
    /// having closed (it would keep swallowing orders until the heartbeat finds it): drop it, so that orders go over REST
    /// until it is back.</summary>
    private void OnLateRequests(int failed)
    {
        if (_tradeApi.CountTimeouts(failed) >= Math.Max(1, _options.TradeTimeoutsBeforeReconnect))
        {
            _tradeApi.ClearTimeouts();
            Interlocked.Increment(ref _opTimeoutAborts);
            _tradeSocket.Abort();
        }
    }

    // ----------------------------------------------------------------------------------------------------- funding gaps

    private async Task BackfillAfterGapAsync()
    {
        try
        {
            await BackfillFundingAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping.
        }
    }

    /// <summary>Reads the funding the venue booked since the private stream's open gap began (less
    /// <see cref="BybitExecutionOptions.FundingBackfillMargin"/>) from the trade history, 7 days a request (the most one
    /// may span), and publishes each payment through the stream's deduplicator. On success the gap is closed; on failure
    /// it stays open, to be read again at the next heartbeat or resync. Returns the error, or none.</summary>
    internal async Task<ExecutionError> BackfillFundingAsync(CancellationToken cancellationToken)
    {
        await _backfillGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var gapStartMs = _stream.GapStartMs;
            if (gapStartMs == 0) return default; // covered meanwhile
            var drops = _stream.Drops;
            var endMs = Clock.NowUnixMs();
            var items = new List<string>();
            for (var fromMs = gapStartMs - (long)_options.FundingBackfillMargin.TotalMilliseconds; fromMs <= endMs; fromMs += MaxExecutionWindowMs + 1)
            {
                var toMs = Math.Min(fromMs + MaxExecutionWindowMs, endMs);
                var window = new List<string>();
                var error = await PagesAsync(ExecutionListPath,
                    $"category=linear&execType=Funding&startTime={fromMs.ToString(CultureInfo.InvariantCulture)}&endTime={toMs.ToString(CultureInfo.InvariantCulture)}&limit=100",
                    BybitEndpoint.ExecutionList, item =>
                    {
                        window.Add(item.GetRawText());
                        return true;
                    }, cancellationToken).ConfigureAwait(false);
                if (error.IsError) return error;
                window.Reverse(); // newest first from the venue: published oldest first, as the stream would have
                items.AddRange(window);
            }
            // The trade history's item is the execution topic's: read as pushes of it, a frame's worth at a time.
            for (var i = 0; i < items.Count; i += BybitPrivateParser.MaxUpdatesPerFrame)
            {
                var frame = Encoding.UTF8.GetBytes("{\"topic\":\"execution.linear\",\"creationTime\":" + endMs.ToString(CultureInfo.InvariantCulture)
                    + ",\"data\":[" + string.Join(',', items.Skip(i).Take(BybitPrivateParser.MaxUpdatesPerFrame)) + "]}");
                if (_backfillParser.Parse(frame, _time.GetTimestamp()) != BybitPrivateFrame.Updates) return Unreadable(ExecutionListPath);
                _stream.PublishBackfill(_backfillParser.Updates);
            }
            _stream.GapCovered(gapStartMs, drops, endMs);
            Interlocked.Increment(ref _fundingBackfills);
            return default;
        }
        finally
        {
            _backfillGate.Release();
        }
    }

    // --------------------------------------------------------------------------------------------------------- queries

    /// <summary>Get Open &amp; Closed Orders (docs/v5/order/open-order) by <c>orderLinkId</c>: the order whatever its state.</summary>
    public ValueTask<OrderReport> QueryOrderAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        QueryOrderCoreAsync(instrument, clientOrderId, cancellationToken);

    private async ValueTask<OrderReport> QueryOrderCoreAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var invalid = _instruments.CheckReference(instrument, clientOrderId, out var symbol);
        if (invalid.IsError) return OrderReport.Failed(invalid);
        var query = $"category=linear&symbol={Encoding.ASCII.GetString(symbol)}&orderLinkId={clientOrderId}";
        var orders = await QueryOrdersAsync(query, cancellationToken).ConfigureAwait(false);
        if (!orders.IsOk) return OrderReport.Failed(orders.Error);
        foreach (var order in orders.Value!)
            if (order.ClientOrderId == clientOrderId) return order;
        return OrderReport.Failed(new ExecutionError(ExecutionErrorKind.UnknownOrder, 0, "the venue lists no order with this orderLinkId"u8));
    }

    /// <summary>Open orders of one instrument, or of every linear symbol settled in the settle coin.</summary>
    public Task<VenueQuery<IReadOnlyList<OrderReport>>> QueryOpenOrdersAsync(InstrumentId instrument, CancellationToken cancellationToken = default)
    {
        if (instrument.IsNone) return QueryOrdersAsync($"category=linear&settleCoin={_options.SettleCoin}&openOnly=0&limit=50", cancellationToken);
        if (!TrySymbol(instrument, out var symbol))
            return Task.FromResult(VenueQuery<IReadOnlyList<OrderReport>>.Failed(
                ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "instrument is not set up on this venue"u8)));
        return QueryOrdersAsync($"category=linear&symbol={Encoding.ASCII.GetString(symbol)}&openOnly=0&limit=50", cancellationToken);
    }

    private async Task<VenueQuery<IReadOnlyList<OrderReport>>> QueryOrdersAsync(string query, CancellationToken cancellationToken)
    {
        var orders = new List<OrderReport>();
        var scratch = new byte[256];
        var error = await PagesAsync(OrderRealtimePath, query, BybitEndpoint.OrderRealtime, item =>
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(item.GetRawText()));
            reader.Read();
            var report = new OrderReport();
            var issue = BybitOrderReader.Read(ref reader, _registry, Venue, ref report, scratch, out _);
            if (issue == Feeds.FrameIssue.UnknownSymbol)
            {
                // An order in a symbol we do not map (left by another configuration) can still fill: reconciliation must
                // see it, as IExecutionClient promises, with no instrument and the venue's symbol.
                report.Instrument = InstrumentId.None;
                report.VenueSymbol = item.TryGetProperty("symbol", out var symbol) ? symbol.GetString() : null;
                orders.Add(report);
            }
            else if (issue == Feeds.FrameIssue.None) orders.Add(report);
            return issue is Feeds.FrameIssue.None or Feeds.FrameIssue.UnknownSymbol;
        }, cancellationToken).ConfigureAwait(false);
        return error.IsError ? VenueQuery<IReadOnlyList<OrderReport>>.Failed(error) : VenueQuery<IReadOnlyList<OrderReport>>.Ok(orders);
    }

    /// <summary>Get Position Info (docs/v5/position/position) by settle coin: every non-zero position, those in symbols the
    /// registry does not map included (InstrumentId.None, the venue's symbol): a leg left by another configuration is
    /// still a leg.</summary>
    public async Task<VenueQuery<IReadOnlyList<PositionReport>>> QueryPositionsAsync(CancellationToken cancellationToken = default)
    {
        var positions = new List<PositionReport>();
        var error = await PagesAsync(PositionListPath, $"category=linear&settleCoin={_options.SettleCoin}&limit=200", BybitEndpoint.PositionList, item =>
        {
            var symbol = item.GetProperty("symbol").GetString() ?? "";
            var size = Fixed(item, "size", Quantity.Scale);
            if (size == 0) return true;
            var quantity = new Quantity(item.GetProperty("side").GetString() == "Sell" ? -size : size);
            if (!_registry.TryResolve(Venue, Encoding.UTF8.GetBytes(symbol), out var instrument)) instrument = InstrumentId.None;
            positions.Add(new PositionReport(instrument, symbol, quantity, new Price(Fixed(item, "avgPrice", Price.Scale)),
                new Price(Fixed(item, "markPrice", Price.Scale)), new Quantity(Fixed(item, "unrealisedPnl", Quantity.Scale)), Time(item, "updatedTime")));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return error.IsError ? VenueQuery<IReadOnlyList<PositionReport>>.Failed(error) : VenueQuery<IReadOnlyList<PositionReport>>.Ok(positions);
    }

    /// <summary>Get Wallet Balance (docs/v5/account/wallet-balance), unified account. A coin's <c>availableToWithdraw</c> is
    /// deprecated for unified accounts (""); the derivatives available balance of cross margin is the account's
    /// <c>totalAvailableBalance</c> (USD), which stands for the settle coin (USDT, valued 1:1); other coins report it as 0.</summary>
    public async Task<VenueQuery<IReadOnlyList<BalanceReport>>> QueryBalancesAsync(CancellationToken cancellationToken = default)
    {
        var reply = await _rest.RequestAsync(HttpMethod.Get, "/v5/account/wallet-balance", "accountType=UNIFIED", null, BybitEndpoint.WalletBalance,
            signed: true, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return VenueQuery<IReadOnlyList<BalanceReport>>.Failed(reply.Error);
        var balances = new List<BalanceReport>();
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            var time = document.RootElement.TryGetProperty("time", out var t) ? t.GetInt64() : 0;
            foreach (var account in document.RootElement.GetProperty("result").GetProperty("list").EnumerateArray())
            {
                var accountAvailable = Fixed(account, "totalAvailableBalance", Quantity.Scale);
                foreach (var coin in account.GetProperty("coin").EnumerateArray())
                {
                    var asset = coin.GetProperty("coin").GetString() ?? "";
                    var withdrawable = coin.TryGetProperty("availableToWithdraw", out var w) ? w.GetString() : null;
                    var available = !string.IsNullOrEmpty(withdrawable) ? FixedPoint.Parse(withdrawable, Quantity.Scale)
                        : asset == _options.SettleCoin ? accountAvailable : 0;
                    balances.Add(new BalanceReport(asset, new Quantity(Fixed(coin, "walletBalance", Quantity.Scale)), new Quantity(available), time));
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return VenueQuery<IReadOnlyList<BalanceReport>>.Failed(Unreadable("wallet-balance"));
        }
        return VenueQuery<IReadOnlyList<BalanceReport>>.Ok(balances);
    }

    /// <summary>A signed GET answering <c>result.list</c> with cursor paging: every page, each item to
    /// <paramref name="read"/> (false: unreadable). Returns the error, or none.</summary>
    private async Task<ExecutionError> PagesAsync(string path, string query, BybitEndpoint endpoint, Func<JsonElement, bool> read, CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var reply = await _rest.RequestAsync(HttpMethod.Get, path, cursor is null ? query : query + "&cursor=" + cursor, null, endpoint, signed: true,
                cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk) return reply.Error;
            try
            {
                using var document = JsonDocument.Parse(reply.Body);
                var result = document.RootElement.GetProperty("result");
                foreach (var item in result.GetProperty("list").EnumerateArray())
                    if (!read(item)) return Unreadable(path);
                cursor = result.TryGetProperty("nextPageCursor", out var next) ? next.GetString() : null;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                return Unreadable(path);
            }
        } while (!string.IsNullOrEmpty(cursor));
        return default;
    }

    private static long Time(JsonElement item, string name) =>
        item.TryGetProperty(name, out var t) && long.TryParse(t.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;

    /// <summary>A decimal string; "" (Bybit's "none") reads as 0.</summary>
    private static long Fixed(JsonElement item, string name, int scale) =>
        item.GetProperty(name).GetString() is { Length: > 0 } text ? FixedPoint.Parse(text, scale) : 0;

    private static ExecutionError Unreadable(string what) =>
        ExecutionError.Local(ExecutionErrorKind.VenueUnavailable, Encoding.UTF8.GetBytes($"{what} answer could not be read"));

    // ------------------------------------------------------------------------------------------------ clock and account

    /// <summary>One synchronisation round against <c>GET /v5/market/time</c>; false if no sample came back.</summary>
    public Task<bool> SyncClockAsync(CancellationToken cancellationToken) => _clock.SyncAsync(cancellationToken);

    private async Task<long?> ServerTimeAsync(CancellationToken cancellationToken)
    {
        var reply = await _rest.RequestAsync(HttpMethod.Get, "/v5/market/time", null, null, BybitEndpoint.ServerTime, signed: false,
            cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return null;
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            // {"timeSecond":"1688639403","timeNano":"1688639403423213947"}: the nanoseconds carry the milliseconds.
            return long.Parse(document.RootElement.GetProperty("result").GetProperty("timeNano").GetString() ?? "", NumberStyles.None,
                CultureInfo.InvariantCulture) / 1_000_000;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The engine trades one-way positions (<c>positionIdx</c> 0): reads the account (docs/v5/account/account-info,
    /// which also proves the key), then each instrument's position (docs/v5/position/position); a symbol in hedge mode
    /// (positionIdx 1/2) is switched (docs/v5/position/position-mode, mode 0; 110025 "not modified" is success). With
    /// <see cref="BybitExecutionOptions.Leverage"/> set, a different leverage is set (110043 "not modified" is success).</summary>
    private async Task EnsureAccountAsync(CancellationToken cancellationToken)
    {
        var account = await _rest.RequestAsync(HttpMethod.Get, "/v5/account/info", null, null, BybitEndpoint.AccountInfo, signed: true, cancellationToken)
            .ConfigureAwait(false);
        if (!account.IsOk) throw new InvalidOperationException($"bybit: the account could not be read: {account.Error}");
        foreach (var symbol in _instruments.VenueSymbols())
        {
            var reply = await _rest.RequestAsync(HttpMethod.Get, PositionListPath, $"category=linear&symbol={symbol}", null, BybitEndpoint.PositionList,
                signed: true, cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk) throw new InvalidOperationException($"bybit: the {symbol} position could not be read: {reply.Error}");
            bool hedge;
            string? leverage;
            try
            {
                using var document = JsonDocument.Parse(reply.Body);
                var items = document.RootElement.GetProperty("result").GetProperty("list").EnumerateArray().ToList();
                hedge = items.Any(p => p.GetProperty("positionIdx").GetInt32() != 0);
                leverage = items.Count > 0 && items[0].TryGetProperty("leverage", out var l) ? l.GetString() : null;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidOperationException($"bybit: the {symbol} position answer could not be read.", e);
            }
            if (hedge)
            {
                var change = await PostAsync("/v5/position/switch-mode", $$"""{"category":"linear","symbol":"{{symbol}}","mode":0}""",
                    BybitEndpoint.SwitchMode, cancellationToken).ConfigureAwait(false);
                if (!change.IsOk && change.Error.VenueCode != 110025)
                    throw new InvalidOperationException($"bybit: {symbol} is in hedge mode and could not be switched to one-way: {change.Error}");
            }
            if (_options.Leverage is { } wanted && leverage != wanted.ToString(CultureInfo.InvariantCulture))
            {
                var text = wanted.ToString(CultureInfo.InvariantCulture);
                var set = await PostAsync("/v5/position/set-leverage",
                    $$"""{"category":"linear","symbol":"{{symbol}}","buyLeverage":"{{text}}","sellLeverage":"{{text}}"}""",
                    BybitEndpoint.SetLeverage, cancellationToken).ConfigureAwait(false);
                if (!set.IsOk && set.Error.VenueCode != 110043)
                    throw new InvalidOperationException($"bybit: leverage {text} could not be set on {symbol}: {set.Error}");
            }
        }
    }

    private Task<BybitRestReply> PostAsync(string path, string body, BybitEndpoint endpoint, CancellationToken cancellationToken) =>
        _rest.RequestAsync(HttpMethod.Post, path, null, Encoding.ASCII.GetBytes(body), endpoint, signed: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _clock.DisposeAsync().ConfigureAwait(false);
        await _sender.DisposeAsync().ConfigureAwait(false);
        if (_heartbeatTimer is not null) await _heartbeatTimer.DisposeAsync().ConfigureAwait(false);
        await _tradeSocket.DisposeAsync().ConfigureAwait(false);
        await _streamSocket.DisposeAsync().ConfigureAwait(false);
        _sender.FailAll();
        _stream.Dispose();
        _tradeApi.Dispose();
        _writer.Dispose();
        _signer.Dispose();
        _stop.Dispose();
    }

    public override string ToString() => $"BybitExecutionClient({Venue}, {_options.Endpoints.Rest})";

    private enum RequestKind : byte
    {
        Create,
        Cancel,
    }
}
