using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Venues.Okx;

/// <summary>OKX v5 USDT-margined perpetual trading: orders over the private WebSocket's <c>order</c> /
/// <c>cancel-order</c> ops after <c>login</c> (REST when it is down), queries over REST, order/fill/position/balance
/// updates from the <c>orders</c>, <c>positions</c> and <c>account</c> channels onto the execution ring, and funding
/// payments from the funding bills.</summary>
/// <remarks>
/// <para>Quantities are contracts (<see cref="OrderRequest"/>'s venue unit); every order is <c>tdMode=cross</c>,
/// <c>posSide=net</c>, and start-up checks the account is in <c>net_mode</c> (switching it if not).</para>
/// <para>The send path — check the order against the instrument's rules, count it against the rate limits, write the op
/// frame into a preallocated buffer, send, wait on a pooled reply — allocates nothing in steady state. One send gate
/// serialises use of the frame buffer and the HMAC instance.</para>
/// <para>Funding: OKX pushes no funding event on <c>orders</c>. The client reads <c>GET /api/v5/account/bills?type=8</c>
/// (funding fee bills: <c>balChg</c> signed, <c>ts</c> the settlement) when a positions push shows an instrument's
/// accumulated <c>fundingFee</c> changed, and every <see cref="OkxExecutionOptions.FundingPoll"/> in case a push was
/// missed. Each bill is reported once. The engine keeps no journal yet, so at start the client reports the bills settled
/// within <see cref="OkxExecutionOptions.FundingLookBack"/> before it started (a settlement while it was down is not
/// lost; one the previous run already reported within that window is reported again) and never older ones.</para>
/// <para>Timestamps are the venue's clock as <see cref="ClockOffset"/> estimates it (<c>/api/v5/public/time</c>),
/// refreshed every <see cref="OkxExecutionOptions.ClockRefresh"/> and at once after a 50102.</para>
/// </remarks>
public sealed class OkxExecutionClient : IExecutionClient
{
    private const string OrderPath = "/api/v5/trade/order";

    private readonly InstrumentRegistry _registry;
    private readonly OkxExecutionOptions _options;
    private readonly TimeProvider _time;
    private readonly OkxOrderWriter _writer;
    private readonly VenueClock _clock;
    private readonly SemaphoreSlim _fundingGate = new(1, 1);
    private readonly OkxRestClient _rest;
    private readonly OkxPrivateSession _session;
    private readonly PrivateSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly SocketRequestSender _sender;
    private readonly HashSet<long> _fundingSeen = [];
    private readonly Queue<(long BillId, long TimeMs)> _fundingSeenOrder = new();
    private long _fundingWatermarkMs;
    private const int BillPage = 100;
    private const int MaxBillPages = 20;
    internal const int MaxSeenBills = 4096;
    /// <summary>Orders whose updates the private stream may have missed (placed while it was down, or whose WebSocket
    /// answer was lost to a drop or a timeout), by client order id: queried and backfilled once it is back.</summary>
    private readonly Dictionary<ClientOrderId, InstrumentId> _unwatched = [];
    private readonly SemaphoreSlim _backfillGate = new(1, 1);
    private readonly OkxPrivateParser _backfillParser;
    private readonly TradableInstruments _instruments;
    private long _opTimeoutAborts;
    private ITimer? _fundingTimer;

    public OkxExecutionClient(VenueId venue, InstrumentRegistry registry, ApiCredentials credentials, OkxExecutionOptions options,
        RingBuffer<ExecutionUpdate> updates, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrEmpty(credentials.Passphrase)) throw new ArgumentException("OKX keys need their passphrase.", nameof(credentials));
        Venue = venue;
        _registry = registry;
        _instruments = new TradableInstruments(venue, registry);
        _options = options;
        _time = clock;
        _clock = new VenueClock(clock, options.ClockSamples, ServerTimeAsync);
        RateLimits = options.RateLimits();
        _writer = new OkxOrderWriter(credentials);
        _rest = new OkxRestClient(http, options.Endpoints, credentials, RateLimits, Clock);
        _backfillParser = new OkxPrivateParser(venue, registry);
        _session = new OkxPrivateSession(options.Endpoints.PrivateSocket, credentials, Clock, new OkxPrivateParser(venue, registry), updates)
        {
            FundingFeeChanged = () => _ = PollFundingAsync(report: true, CancellationToken.None),
            Resynced = () =>
            {
                _ = BackfillAsync(CancellationToken.None);
                _ = PollFundingAsync(report: true, CancellationToken.None); // a fundingFee push may have been lost in the gap
            },
            ClockSkewed = () => SyncClockAsync(CancellationToken.None),
            ReadyTimeout = options.ReadyTimeout,
        };
        // Dead-link detection: WebSocket pings with a pong deadline, and a silence limit whose probe is OKX's text ping.
        _socket = new PrivateSocket(_session, options.Backoff(), clock, options.SocketKeepAlive, options.SocketKeepAliveTimeout,
            options.SilenceLimit, OkxPrivateSession.Ping);
        _sender = new SocketRequestSender(_socket, _session.Pending, clock, options.RequestTimeout,
            busy: "too many WebSocket ops waiting for answers; not sent"u8,
            notSent: "private WebSocket send failed; order state unknown, query it"u8,
            unknown: "private WebSocket send failed; order state unknown, query it"u8,
            timedOut: "no answer to the WebSocket op in time; order state unknown, query it"u8);
        _fundingWatermarkMs = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.FundingLookBack.TotalMilliseconds;
    }

    public VenueId Venue { get; }
    public ClockOffset Clock => _clock.Offset;
    public OkxRateLimits RateLimits { get; }
    public bool IsReady => _session.IsReady;
    public long SocketConnects => _socket.Connects;
    public long Logins => _session.Logins;
    internal OkxPrivateSession Session => _session;

    /// <summary>Makes an instrument tradable: its venue symbol (<c>instId</c>) and rules (tick, lot step and minimum in
    /// contracts, <c>ctVal</c>). The symbol must be mapped in the registry for this venue, so that the private stream can
    /// resolve it. Call before trading it.</summary>
    public void AddInstrument(InstrumentId instrument, InstrumentSpec spec)
    {
        _instruments.Add(instrument, spec);
        RateLimits.Prepare(instrument);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await SyncClockAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"okx: no server time from {_options.Endpoints.Rest}api/v5/public/time.");
        await EnsureNetModeAsync(cancellationToken).ConfigureAwait(false);
        // No journal yet: bills settled within the look-back before start are reported (a settlement while the engine was
        // down is not lost), older ones are not.
        _fundingWatermarkMs = Clock.NowUnixMs() - (long)_options.FundingLookBack.TotalMilliseconds;
        var first = await PollFundingAsync(report: true, cancellationToken).ConfigureAwait(false);
        if (first.IsError) throw new InvalidOperationException($"okx: funding bills could not be read: {first}");
        _socket.Start();
        try
        {
            await _session.FirstReady.WaitAsync(_options.StartTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"okx: private WebSocket not ready after {_options.StartTimeout.TotalSeconds:0} s " +
                $"(login: {(_session.LoginError.IsError ? _session.LoginError.ToString() : _session.LastError ?? _socket.LastError ?? "no answer")}).");
        }
        _clock.StartRefresh(_options.ClockRefresh);
        _sender.StartTimeoutSweep(OnLateRequests);
        _fundingTimer = _time.CreateTimer(static s => _ = ((OkxExecutionClient)s!).PollFundingAsync(report: true, CancellationToken.None), this,
            _options.FundingPoll, _options.FundingPoll);
    }

    // ---------------------------------------------------------------------------------------------------------- orders

    public ValueTask<OrderReport> PlaceAsync(in OrderRequest request, CancellationToken cancellationToken = default) =>
        PlaceCoreAsync(request, cancellationToken);

    public ValueTask<OrderReport> CancelAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        CancelCoreAsync(instrument, clientOrderId, cancellationToken);

    /// <summary>Checks and writes the <c>order</c> op frame for <paramref name="request"/> into the frame buffer (valid
    /// until the next call), exactly as <see cref="SendOpAsync"/> writes it (<c>expTime</c> included): the allocation-free
    /// part of the send path, apart for tests and benchmarks. The caller holds the send gate (or is the only sender).</summary>
    internal ExecutionError WritePlaceFrame(in OrderRequest request, long requestId, out ReadOnlyMemory<byte> frame)
    {
        frame = default;
        var error = Check(request, out var instId);
        if (error.IsError) return error;
        frame = PlaceOp(requestId, request, instId);
        return default;
    }

    /// <summary>The <c>order</c> op as sent: one method for the send path and <see cref="WritePlaceFrame"/>, so that what
    /// the tests and benchmarks measure is what goes out.</summary>
    private ReadOnlyMemory<byte> PlaceOp(long requestId, in OrderRequest order, ReadOnlySpan<byte> instId) =>
        _writer.PlaceOp(requestId, order, instId, ExpTimeMs());

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OrderReport> PlaceCoreAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        var error = Check(request, out _);
        if (error.IsError) return OrderReport.Failed(error);
        if (cancellationToken.IsCancellationRequested) return SocketRequestSender.CanceledBeforeSend(); // before it takes a place in the limits
        if (!RateLimits.TryAcquire(OkxRequestKind.PlaceOrder, request.Instrument, Clock.NowUnixMs(), out var refusal)) return OrderReport.Failed(refusal);
        // Placed while the private stream is down, its updates would never arrive: remember it for the backfill.
        var unwatched = !_session.IsReady;
        if (unwatched) Unwatched(request.Instrument, request.ClientOrderId);
        var report = UseSocket
            ? await SendOpAsync(OkxRequestKind.PlaceOrder, request, request.Instrument, request.ClientOrderId, cancellationToken).ConfigureAwait(false)
            : await SendRestAsync(OkxRequestKind.PlaceOrder, request, request.Instrument, request.ClientOrderId, cancellationToken).ConfigureAwait(false);
        if (report.IsOk)
        {
            // The ack carries ids and time only; the order's state follows on the orders channel.
            report.Instrument = request.Instrument;
            report.ClientOrderId = request.ClientOrderId;
            report.Status = OrderStatus.New;
            report.Side = request.Side;
            report.Quantity = request.Quantity;
            report.LimitPrice = request.Kind == OrderKind.Limit ? request.LimitPrice : default;
            report.ReduceOnly = request.ReduceOnly;
        }
        if (unwatched || report.Error.Kind is ExecutionErrorKind.Disconnected or ExecutionErrorKind.Timeout)
        {
            if (report.IsOk || report.Error.Kind.IsOutcomeUnknown)
            {
                // It may have been placed, its pushes lost with the link. Remembered again, in case a backfill ran while
                // it was on its way (and found no such order); read at once if the stream came back meanwhile.
                Unwatched(request.Instrument, request.ClientOrderId);
                if (_session.IsReady) _ = BackfillAsync(CancellationToken.None);
            }
            else Forget(request.ClientOrderId); // refused: nothing to backfill
        }
        return await AfterAsync(report, OkxRequestKind.PlaceOrder, request.Instrument, cancellationToken).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OrderReport> CancelCoreAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var invalid = _instruments.CheckReference(instrument, clientOrderId, out _);
        if (invalid.IsError) return OrderReport.Failed(invalid);
        if (cancellationToken.IsCancellationRequested) return SocketRequestSender.CanceledBeforeSend();
        if (!RateLimits.TryAcquire(OkxRequestKind.CancelOrder, instrument, Clock.NowUnixMs(), out var refusal)) return OrderReport.Failed(refusal);
        var report = UseSocket
            ? await SendOpAsync(OkxRequestKind.CancelOrder, default, instrument, clientOrderId, cancellationToken).ConfigureAwait(false)
            : await SendRestAsync(OkxRequestKind.CancelOrder, default, instrument, clientOrderId, cancellationToken).ConfigureAwait(false);
        if (report.IsOk)
        {
            report.Instrument = instrument;
            report.ClientOrderId = clientOrderId;
            report.Status = OrderStatus.Canceled;
        }
        return await AfterAsync(report, OkxRequestKind.CancelOrder, instrument, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/v5/trade/order</c> by client order id (the WebSocket has no query op).</summary>
    public async ValueTask<OrderReport> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        var invalid = _instruments.CheckReference(instrument, clientOrderId, out var instId);
        if (invalid.IsError) return OrderReport.Failed(invalid);
        var path = $"{OrderPath}?instId={Encoding.ASCII.GetString(instId)}&clOrdId={clientOrderId}";
        var reply = await SignedAsync(HttpMethod.Get, path, null, OkxRequestKind.QueryOrder, instrument, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return await AfterAsync(OrderReport.Failed(reply.Error), OkxRequestKind.QueryOrder, instrument, cancellationToken).ConfigureAwait(false);
        var orders = ReadOrders(reply.Body!);
        return orders is [var order, ..] ? order
            : orders is null ? OrderReport.Failed(Unreadable("order"))
            : OrderReport.Failed(OkxErrorMap.FromVenue(51603, "Order does not exist."u8, 200));
    }

    ValueTask<OrderReport> IExecutionClient.QueryOrderAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        QueryOrderAsync(instrument, clientOrderId, cancellationToken);

    private void Unwatched(InstrumentId instrument, ClientOrderId clientOrderId)
    {
        lock (_unwatched)
            if (_unwatched.Count < MaxUnwatched || _unwatched.ContainsKey(clientOrderId)) _unwatched[clientOrderId] = instrument;
    }

    /// <summary>Orders waiting for the backfill (tests, status).</summary>
    public int UnwatchedOrders
    {
        get
        {
            lock (_unwatched) return _unwatched.Count;
        }
    }

    /// <summary>After a gap in the private stream: each order placed while it was down (or whose answer a drop or a
    /// timeout took) is read with <c>GET /api/v5/trade/order</c> and its state put through the stream's own parser and
    /// deduplicator, so that a fill made during the gap reaches the ring (VenueSim serves no fills or orders-history
    /// endpoint to page through). An order read, or unknown to the venue, is forgotten; one that could not be read waits
    /// for the next gap.</summary>
    public async Task BackfillAsync(CancellationToken cancellationToken)
    {
        await _backfillGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            KeyValuePair<ClientOrderId, InstrumentId>[] orders;
            lock (_unwatched) orders = [.. _unwatched];
            foreach (var (clientOrderId, instrument) in orders)
            {
                if (!TrySymbol(instrument, out var instId)) continue;
                var path = $"{OrderPath}?instId={Encoding.ASCII.GetString(instId)}&clOrdId={clientOrderId}";
                var reply = await SignedAsync(HttpMethod.Get, path, null, OkxRequestKind.QueryOrder, instrument, cancellationToken).ConfigureAwait(false);
                if (!reply.IsOk)
                {
                    if (reply.Error.Kind == ExecutionErrorKind.UnknownOrder) Forget(clientOrderId); // never reached the venue
                    continue;
                }
                // The REST order object is the orders channel's: read it as a push of that channel.
                var body = reply.Body!;
                if (body.Length < 2 || body[0] != (byte)'{') continue;
                var frame = new byte[BackfillPrefix.Length + body.Length - 1];
                BackfillPrefix.CopyTo(frame, 0);
                body.AsSpan(1).CopyTo(frame.AsSpan(BackfillPrefix.Length));
                if (_backfillParser.Parse(frame, _time.GetTimestamp()) != OkxPrivateFrame.Updates) continue;
                _session.Publish(_backfillParser.Updates);
                Forget(clientOrderId);
            }
        }
        finally
        {
            _backfillGate.Release();
        }
    }

    private void Forget(ClientOrderId clientOrderId)
    {
        lock (_unwatched) _unwatched.Remove(clientOrderId);
    }

    private const int MaxUnwatched = 4096;
    private static readonly byte[] BackfillPrefix = """{"arg":{"channel":"orders","instType":"SWAP"},"""u8.ToArray();

    private bool UseSocket => _options.UseWebSocketOrders && _session.IsLoggedIn && _socket.IsConnected;

    private ExecutionError Check(in OrderRequest request, out ReadOnlySpan<byte> instId) => _instruments.Check(request, out instId);

    private bool TrySymbol(InstrumentId instrument, out ReadOnlySpan<byte> symbol) => _instruments.TrySymbol(instrument, out symbol);

    /// <summary>The <c>expTime</c> of an order op sent now (venue clock): after it, the op could only be answered after our
    /// own timeout, so the venue must not process it. 0 when disabled.</summary>
    private long ExpTimeMs() => _options.OrderExpiryMargin == Timeout.InfiniteTimeSpan
        ? 0
        : Clock.NowUnixMs() + (long)(_options.RequestTimeout - _options.OrderExpiryMargin).TotalMilliseconds;

    /// <remarks>The wait ends by the answer, the timeout sweep (<see cref="OkxExecutionOptions.RequestTimeout"/>) or the
    /// drop; the caller's token counts only until the op is armed (<see cref="SocketRequestSender.SendAsync"/>).</remarks>
    private ValueTask<OrderReport> SendOpAsync(OkxRequestKind kind, OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId,
        CancellationToken cancellationToken) =>
        _sender.SendAsync((Client: this, Kind: kind, Order: order, Instrument: instrument, ClientOrderId: clientOrderId),
            static (s, id) => s.Client.OpFrame(id, s.Kind, s.Order, s.Instrument, s.ClientOrderId), cancellationToken);

    /// <summary>The op frame of one request, written and signed into the frame buffer (under the send gate).</summary>
    private ReadOnlyMemory<byte> OpFrame(long id, OkxRequestKind kind, in OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId)
    {
        TrySymbol(instrument, out var instId);
        return kind == OkxRequestKind.PlaceOrder ? PlaceOp(id, order, instId) : _writer.CancelOp(id, instId, clientOrderId);
    }

    private async Task<OrderReport> SendRestAsync(OkxRequestKind kind, OrderRequest order, InstrumentId instrument, ClientOrderId clientOrderId,
        CancellationToken cancellationToken)
    {
        var path = kind == OkxRequestKind.PlaceOrder ? OrderPath : "/api/v5/trade/cancel-order";
        var (entered, (body, signature)) = await _sender.UnderGateAsync(
            (Client: this, Kind: kind, Order: order, Instrument: instrument, ClientOrderId: clientOrderId, Path: path), static s =>
            {
                s.Client.TrySymbol(s.Instrument, out var instId);
                var body = (s.Kind == OkxRequestKind.PlaceOrder ? s.Client._writer.PlaceBody(s.Order, instId) : s.Client._writer.CancelBody(instId, s.ClientOrderId))
                    .ToArray();
                return (Body: body, Signature: s.Client.SignUnderGate("POST"u8, s.Path, body));
            }, cancellationToken).ConfigureAwait(false);
        if (!entered) return SocketRequestSender.CanceledBeforeSend();
        var reply = await _rest.SendAsync(HttpMethod.Post, path, body, signature, kind, instrument, cancellationToken).ConfigureAwait(false);
        return reply.IsOk ? ReadAck(reply.Body!) : OrderReport.Failed(reply.Error);
    }

    /// <summary>The ack of a place or cancel answer: <c>data[0]</c>, its <c>sCode</c> the outcome.</summary>
    private static OrderReport ReadAck(ReadOnlySpan<byte> body)
    {
        var report = new OrderReport();
        try
        {
            var reader = new Utf8JsonReader(body);
            var scratch = new byte[256];
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isData = reader.ValueTextEquals("data"u8);
                    reader.Read();
                    if (isData && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                        return OkxOrderReader.ReadAck(ref reader, ref report, scratch) == FrameIssue.None ? report : OrderReport.Failed(Unreadable("order"));
                    reader.Skip();
                }
        }
        catch (JsonException)
        {
        }
        return OrderReport.Failed(Unreadable("order"));
    }

    /// <summary>A 50011 marks the limit full until its window ends; a 50102 means our idea of the venue's clock is off:
    /// correct it before the caller retries.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<OrderReport> AfterAsync(OrderReport report, OkxRequestKind kind, InstrumentId instrument, CancellationToken cancellationToken)
    {
        if (report.Error.VenueCode == 50011) RateLimits.OnVenueLimit(kind, instrument, Clock.NowUnixMs());
        return await _clock.AfterAsync(report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ops left unanswered past <see cref="OkxExecutionOptions.RequestTimeout"/> (failed as timeouts): the
    /// connection is taken for dead and dropped, so orders go over REST until it is back, and the resync backfills.</summary>
    private void OnLateRequests(int failed)
    {
        Interlocked.Add(ref _opTimeoutAborts, 1);
        _socket.Abort();
    }

    /// <summary>Connections dropped because an op went unanswered (tests, status).</summary>
    public long OpTimeoutAborts => Interlocked.Read(ref _opTimeoutAborts);

    /// <summary>Connections dropped because nothing arrived within the silence limit (tests, status).</summary>
    public long SilenceAborts => _socket.SilenceAborts;

    // --------------------------------------------------------------------------------------------------------- queries

    /// <summary><c>GET /api/v5/trade/orders-pending</c> (60 / 2 s), of one instrument or of every SWAP, in pages of 100
    /// (newest first; the next page <c>after</c> the last <c>ordId</c>). Orders in symbols the registry does not map are
    /// included with <see cref="InstrumentId.None"/> and their <see cref="OrderReport.VenueSymbol"/>.</summary>
    public async Task<VenueQuery<IReadOnlyList<OrderReport>>> QueryOpenOrdersAsync(InstrumentId instrument, CancellationToken cancellationToken = default)
    {
        var path = $"/api/v5/trade/orders-pending?instType=SWAP&limit={OrdersPage}";
        if (!instrument.IsNone)
        {
            if (!TrySymbol(instrument, out var instId))
                return VenueQuery<IReadOnlyList<OrderReport>>.Failed(ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "instrument is not set up on this venue"u8));
            path += "&instId=" + Encoding.ASCII.GetString(instId);
        }
        var all = new List<OrderReport>();
        string? after = null;
        for (var page = 0; page < MaxOrderPages; page++)
        {
            var reply = await SignedAsync(HttpMethod.Get, after is null ? path : path + "&after=" + after, null, OkxRequestKind.OpenOrders, default,
                cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk) return VenueQuery<IReadOnlyList<OrderReport>>.Failed(reply.Error);
            if (ReadOrders(reply.Body!) is not { } orders) return VenueQuery<IReadOnlyList<OrderReport>>.Failed(Unreadable("orders-pending"));
            all.AddRange(orders);
            if (orders.Count < OrdersPage || orders[^1].VenueOrderId.IsEmpty) break;
            after = orders[^1].VenueOrderId.ToString();
        }
        return VenueQuery<IReadOnlyList<OrderReport>>.Ok(all);
    }

    private const int OrdersPage = 100;
    private const int MaxOrderPages = 50;

    /// <summary>The order objects in <c>data</c>; those in symbols the registry does not map with
    /// <see cref="InstrumentId.None"/> and <see cref="OrderReport.VenueSymbol"/>. Null if unreadable.</summary>
    private List<OrderReport>? ReadOrders(ReadOnlySpan<byte> body)
    {
        var orders = new List<OrderReport>();
        try
        {
            var reader = new Utf8JsonReader(body);
            var scratch = new byte[256];
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isData = reader.ValueTextEquals("data"u8);
                reader.Read();
                if (!isData || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = reader; // a copy, to find the symbol of an order in an unmapped instrument
                    var report = new OrderReport();
                    var issue = OkxOrderReader.ReadOrder(ref reader, _registry, Venue, ref report, scratch);
                    if (issue == FrameIssue.UnknownSymbol)
                    {
                        report.Instrument = InstrumentId.None;
                        report.VenueSymbol = InstIdOf(start);
                        if (report.VenueSymbol is null) return null;
                    }
                    else if (issue != FrameIssue.None) return null;
                    orders.Add(report);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return orders;
    }

    /// <summary>The <c>instId</c> of the order object whose StartObject <paramref name="reader"/> is on.</summary>
    private static string? InstIdOf(Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return null;
            var isInstId = reader.ValueTextEquals("instId"u8);
            reader.Read();
            if (isInstId) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
        }
        return null;
    }

    /// <summary><c>GET /api/v5/account/positions?instType=SWAP</c> (10 / 2 s): every instrument with a position, those in
    /// symbols the registry does not map with <see cref="InstrumentId.None"/> and the venue's symbol.</summary>
    public Task<VenueQuery<IReadOnlyList<PositionReport>>> QueryPositionsAsync(CancellationToken cancellationToken = default) =>
        QueryDataAsync<PositionReport>("/api/v5/account/positions?instType=SWAP", OkxRequestKind.Positions, (item, list) =>
        {
            var instId = Text(item, "instId");
            var quantity = new Quantity(Fixed(item, "pos", Quantity.Scale));
            if (quantity.IsZero) return;
            if (!_registry.TryResolve(Venue, Encoding.UTF8.GetBytes(instId), out var instrument)) instrument = InstrumentId.None;
            list.Add(new PositionReport(instrument, instId, quantity, new Price(Fixed(item, "avgPx", Price.Scale)),
                    new Price(Fixed(item, "markPx", Price.Scale)), Amount(item, "upl"), Time(item, "uTime")));
        }, cancellationToken);

    /// <summary><c>GET /api/v5/account/balance</c> (10 / 2 s): one report per currency of the trading account.</summary>
    public Task<VenueQuery<IReadOnlyList<BalanceReport>>> QueryBalancesAsync(CancellationToken cancellationToken = default) =>
        QueryDataAsync<BalanceReport>("/api/v5/account/balance", OkxRequestKind.Balance, static (item, list) =>
        {
            foreach (var detail in item.GetProperty("details").EnumerateArray())
                list.Add(new BalanceReport(Text(detail, "ccy"), Amount(detail, "cashBal"),
                    Amount(detail, "availBal"), Time(detail, "uTime")));
        }, cancellationToken);

    /// <summary>A signed GET whose <c>data</c> items are read by <paramref name="read"/>, off the hot path.</summary>
    private async Task<VenueQuery<IReadOnlyList<T>>> QueryDataAsync<T>(string path, OkxRequestKind kind, Action<JsonElement, List<T>> read,
        CancellationToken cancellationToken) where T : class
    {
        var reply = await SignedAsync(HttpMethod.Get, path, null, kind, default, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return VenueQuery<IReadOnlyList<T>>.Failed(reply.Error);
        var items = new List<T>();
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            foreach (var element in document.RootElement.GetProperty("data").EnumerateArray()) read(element, items);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return VenueQuery<IReadOnlyList<T>>.Failed(Unreadable(path));
        }
        return VenueQuery<IReadOnlyList<T>>.Ok(items);
    }

    private static string Text(JsonElement item, string name) => item.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    /// <summary>A decimal string; <c>""</c> (OKX's "none") is zero.</summary>
    private static long Fixed(JsonElement item, string name, int scale) => Text(item, name) is { Length: > 0 } text ? FixedPoint.Parse(text, scale) : 0;

    /// <summary>A money amount; digits beyond 10^-8 cut (<see cref="OkxJson.TryParseAmount"/>).</summary>
    private static Quantity Amount(JsonElement item, string name) =>
        Text(item, name) is { Length: > 0 } text
            ? OkxJson.TryParseAmount(Encoding.ASCII.GetBytes(text), out var raw) ? new Quantity(raw) : throw new FormatException($"'{name}' is not a decimal")
            : default;

    private static long Time(JsonElement item, string name) => Text(item, name) is { Length: > 0 } text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static ExecutionError Unreadable(string what) =>
        ExecutionError.Local(ExecutionErrorKind.VenueUnavailable, Encoding.UTF8.GetBytes($"{what} answer could not be read"));

    /// <summary>A signed REST request off the order path, counted against its limit and signed under the send gate.</summary>
    private async Task<OkxRestReply> SignedAsync(HttpMethod method, string requestPath, byte[]? body, OkxRequestKind kind, InstrumentId instrument,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return new OkxRestReply(0, null, SocketRequestSender.CanceledBeforeSend().Error);
        if (!RateLimits.TryAcquire(kind, instrument, Clock.NowUnixMs(), out var refusal)) return new OkxRestReply(0, null, refusal);
        var (entered, signature) = await _sender.UnderGateAsync((Client: this, Method: method, RequestPath: requestPath, Body: body),
            static s => s.Client.SignUnderGate(s.Method == HttpMethod.Get ? "GET"u8 : "POST"u8, s.RequestPath, s.Body), cancellationToken)
            .ConfigureAwait(false);
        if (!entered) return new OkxRestReply(0, null, SocketRequestSender.CanceledBeforeSend().Error);
        return await _rest.SendAsync(method, requestPath, body, signature, kind, instrument, cancellationToken).ConfigureAwait(false);
    }

    private (string Timestamp, string Sign) SignUnderGate(ReadOnlySpan<byte> method, string requestPath, byte[]? body)
    {
        _writer.SignRest(method, Encoding.ASCII.GetBytes(requestPath), body, Clock.NowUnixMs());
        return (Encoding.ASCII.GetString(_writer.Timestamp), Encoding.ASCII.GetString(_writer.Signature));
    }

    // ------------------------------------------------------------------------------------------------------- funding

    /// <summary>Reads the funding bills newer than the watermark (<c>GET /api/v5/account/bills?instType=SWAP&amp;type=8</c>,
    /// 5 / 1 s; <c>begin</c> = the watermark, pages of 100 newest first, older pages by <c>after</c> = the last billId) and
    /// reports each one not seen before as a <see cref="ExecutionUpdateKind.FundingPayment"/>, oldest first (with
    /// <paramref name="report"/> false it only remembers them). The whole read is built first: a page that cannot be
    /// read (a bill without a billId included) publishes nothing and marks nothing seen, so the next read reports it all.
    /// A bill is remembered as seen only once published. Returns the error if the bills could not be read.</summary>
    public async Task<ExecutionError> PollFundingAsync(bool report, CancellationToken cancellationToken)
    {
        try
        {
            await _fundingGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return SocketRequestSender.CanceledBeforeSend().Error;
        }
        try
        {
            var watermark = _fundingWatermarkMs;
            var received = _time.GetTimestamp();
            var updates = new List<ExecutionUpdate>();
            var read = new List<(long BillId, long TimeMs)>();
            string? after = null;
            for (var page = 0; page < MaxBillPages; page++)
            {
                var path = $"/api/v5/account/bills?instType=SWAP&type=8&limit={BillPage}&begin={watermark}" + (after is null ? "" : "&after=" + after);
                var reply = await SignedAsync(HttpMethod.Get, path, null, OkxRequestKind.Bills, default, cancellationToken).ConfigureAwait(false);
                if (!reply.IsOk) return reply.Error;
                var count = 0;
                try
                {
                    using var document = JsonDocument.Parse(reply.Body);
                    foreach (var bill in document.RootElement.GetProperty("data").EnumerateArray())
                    {
                        count++;
                        var billText = Text(bill, "billId");
                        if (!long.TryParse(billText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var billId))
                            return Unreadable("bills (a bill without a billId)");
                        after = billText;
                        var timeMs = Time(bill, "ts");
                        if (timeMs < watermark || _fundingSeen.Contains(billId)) continue;
                        read.Add((billId, timeMs));
                        if (!report) continue;
                        var update = new ExecutionUpdate
                        {
                            Kind = ExecutionUpdateKind.FundingPayment,
                            Venue = Venue,
                            Amount = Amount(bill, "balChg"),
                            UpdateTimeMs = timeMs,
                            ReceivedTimestamp = received,
                        };
                        update.EventTimeMs = update.UpdateTimeMs;
                        _registry.TryResolve(Venue, Encoding.UTF8.GetBytes(Text(bill, "instId")), out update.Instrument);
                        AssetCode.TryCreate(Encoding.ASCII.GetBytes(Text(bill, "ccy")), out update.Asset);
                        updates.Add(update);
                    }
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    return Unreadable("bills");
                }
                if (count < BillPage) break;
            }
            updates.Reverse(); // newest first on the wire; oldest first on the ring
            _session.Publish(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(updates));
            read.Reverse();
            foreach (var (billId, timeMs) in read) Remember(billId, timeMs);
            return default;
        }
        finally
        {
            _fundingGate.Release();
        }
    }

    /// <summary>Bills seen, oldest first: at most <see cref="MaxSeenBills"/>, and none older than the venue serves (7
    /// days). A bill forgotten moves the watermark past its time, so it is never read again.</summary>
    private void Remember(long billId, long timeMs)
    {
        if (!_fundingSeen.Add(billId)) return;
        _fundingSeenOrder.Enqueue((billId, timeMs));
        var oldest = Clock.NowUnixMs() - (long)TimeSpan.FromDays(8).TotalMilliseconds;
        while (_fundingSeenOrder.Count > MaxSeenBills || (_fundingSeenOrder.Count > 0 && _fundingSeenOrder.Peek().TimeMs < oldest))
        {
            var (id, time) = _fundingSeenOrder.Dequeue();
            _fundingSeen.Remove(id);
            if (time + 1 > _fundingWatermarkMs) _fundingWatermarkMs = time + 1;
        }
    }

    /// <summary>Bills remembered as seen (tests, status).</summary>
    public int SeenFundingBills
    {
        get
        {
            _fundingGate.Wait();
            try
            {
                return _fundingSeen.Count;
            }
            finally
            {
                _fundingGate.Release();
            }
        }
    }

    /// <summary>Bills older than this (unix ms) are not read: the start time less <see cref="OkxExecutionOptions.FundingLookBack"/>,
    /// then moved forward as old bills are forgotten.</summary>
    public long FundingWatermarkMs => Volatile.Read(ref _fundingWatermarkMs);

    /// <summary>One synchronisation round against <c>GET /api/v5/public/time</c>; false if no sample came back.</summary>
    public Task<bool> SyncClockAsync(CancellationToken cancellationToken) => _clock.SyncAsync(cancellationToken);

    /// <summary>The venue's time in unix ms, or null when it could not be had (our own limit refused the request) or read:
    /// the sample is then skipped.</summary>
    private async Task<long?> ServerTimeAsync(CancellationToken cancellationToken)
    {
        if (!RateLimits.TryAcquire(OkxRequestKind.ServerTime, default, Clock.NowUnixMs(), out _)) return null;
        var reply = await _rest.SendAsync(HttpMethod.Get, "/api/v5/public/time", null, null, OkxRequestKind.ServerTime, default, cancellationToken)
            .ConfigureAwait(false);
        if (!reply.IsOk) return null;
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            return Time(document.RootElement.GetProperty("data")[0], "ts");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The engine trades one net position per instrument: checks <c>GET /api/v5/account/config</c> and, if
    /// <c>posMode</c> is not <c>net_mode</c>, sets it (<c>POST /api/v5/account/set-position-mode</c>).</summary>
    private async Task EnsureNetModeAsync(CancellationToken cancellationToken)
    {
        var reply = await SignedAsync(HttpMethod.Get, "/api/v5/account/config", null, OkxRequestKind.AccountConfig, default, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) throw new InvalidOperationException($"okx: account configuration could not be read: {reply.Error}");
        string posMode;
        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            posMode = Text(document.RootElement.GetProperty("data")[0], "posMode");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException("okx: account configuration answer could not be read.", e);
        }
        if (posMode == "net_mode") return;
        var change = await SignedAsync(HttpMethod.Post, "/api/v5/account/set-position-mode", """{"posMode":"net_mode"}"""u8.ToArray(),
            OkxRequestKind.SetPositionMode, default, cancellationToken).ConfigureAwait(false);
        if (!change.IsOk)
            throw new InvalidOperationException($"okx: the account is in {posMode} and could not be switched to net_mode: {change.Error}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _clock.DisposeAsync().ConfigureAwait(false);
        await _sender.DisposeAsync().ConfigureAwait(false);
        if (_fundingTimer is not null) await _fundingTimer.DisposeAsync().ConfigureAwait(false);
        await _socket.DisposeAsync().ConfigureAwait(false);
        _sender.FailAll();
        _session.Dispose();
        _writer.Dispose();
        _stop.Dispose();
        _backfillGate.Dispose();
    }

    public override string ToString() => $"OkxExecutionClient({Venue}, {_options.Endpoints.Rest})";
}
