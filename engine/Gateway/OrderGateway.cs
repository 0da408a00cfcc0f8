using System.Collections.Concurrent;
using System.Text;
using FundingArb.Decision;
using FundingArb.Market;
using FundingArb.Positions;
using FundingArb.Ring;

namespace FundingArb.Gateway;

/// <summary>The order gateway: consumes order intents and the venues' execution updates on its own thread and runs each
/// intent as an <see cref="ArbitrageAttempt"/>, doing what the attempts ask through the venues' execution clients.</summary>
/// <remarks>
/// <para>Everything an attempt sees reaches it on the gateway thread: intents and stream updates from their rings,
/// answers to requests and timers through an inbox. An attempt therefore never runs on two threads, and needs no lock.</para>
/// <para>On 2 cores the loop must not spin: when idle it yields, and after a long quiet stretch sleeps a millisecond at a
/// time (counted in <see cref="IdleSleeps"/>), as the rings' yielding wait strategy does; an answer or a timer wakes it at
/// once.</para>
/// <para>Outcomes go back to the decision core through <see cref="DecisionFeedback"/>; positions opened go to the
/// <see cref="PositionBook"/> with what actually filled.</para>
/// </remarks>
public sealed class OrderGateway : IAttemptActions, IAsyncDisposable
{
    private const int SpinsBeforeYield = 50;
    private const int YieldsBeforeSleep = 2_000;

    private readonly GatewayConfig _config;
    private readonly TimeProvider _clock;
    private readonly PositionBook _positions;
    private readonly Action<string> _alert;
    private readonly Dictionary<VenueId, IExecutionClient> _clients = [];
    private readonly Dictionary<(VenueId, InstrumentId), TradingRules> _rules = [];
    private readonly Dictionary<ClientOrderId, (ArbitrageAttempt Attempt, int Leg, int Order)> _routes = [];
    private readonly Dictionary<long, ArbitrageAttempt> _attempts = [];
    private readonly HashSet<long> _reportedFlat = [];
    private readonly ConcurrentQueue<GatewayEvent> _inbox = new();
    private readonly ManualResetEventSlim _wake = new();
    private readonly Lock _timersLock = new();
    private readonly HashSet<ArmedTimer> _timers = [];
    private readonly InstrumentRegistry _registry;
    private EventPoller<OrderIntent>? _intents;
    private EventPoller<ExecutionUpdate>? _executions;
    private DecisionFeedback? _feedback;
    private Thread? _thread;
    private volatile bool _stopping;
    private Exception? _fault;
    private long _idleSleeps;

    public OrderGateway(GatewayConfig config, InstrumentRegistry registry, TimeProvider clock, PositionBook positions, Action<string>? alert = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Validate() is { Count: > 0 } problems) throw new ArgumentException("Gateway config: " + string.Join("; ", problems), nameof(config));
        _config = config;
        _registry = registry;
        _clock = clock;
        _positions = positions;
        _alert = alert ?? (message => Console.Error.WriteLine(message));
    }

    public GatewayConfig Config => _config;
    /// <summary>Where leg latencies are recorded (on the gateway thread); none when null.</summary>
    public LegLatency? Latency { get; init; }
    public PositionBook Positions => _positions;
    public long IdleSleeps => Interlocked.Read(ref _idleSleeps);
    /// <summary>What stopped the gateway thread, if anything did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    // Counters: written on the gateway thread, read anywhere.
    public long AttemptsStarted => Interlocked.Read(ref _attemptsStarted);
    public long PositionsOpened => Interlocked.Read(ref _positionsOpened);
    public long AttemptsFlat => Interlocked.Read(ref _attemptsFlat);
    public long KillSwitchEngagements => Interlocked.Read(ref _killSwitches);
    public long Alerts => Interlocked.Read(ref _alerts);
    /// <summary>Stream updates naming an order no attempt sent (manual orders, or from before a restart).</summary>
    public long UnmatchedUpdates => Interlocked.Read(ref _unmatched);
    /// <summary>Intents refused without sending anything (no client or no rules for a leg).</summary>
    public long IntentsRefused => Interlocked.Read(ref _refused);
    /// <summary>Requests sent to a venue whose answer has not reached the inbox yet.</summary>
    public long RequestsInFlight => Interlocked.Read(ref _requestsInFlight);
    private long _requestsInFlight;
    /// <summary>Everything sent has been answered and handled, and every attempt has settled: a clean point to stop.
    /// Judged by the gateway thread whenever it idles (the attempts are its own), so it may lag by one idle round.</summary>
    public bool IsQuiet => _quiet;
    private volatile bool _quiet = true;
    /// <summary>Intents older than <see cref="GatewayConfig.MaxIntentAge"/> when read: refused unsent.</summary>
    public long StaleIntents => Interlocked.Read(ref _stale);
    private long _stale;
    private long _attemptsStarted, _positionsOpened, _attemptsFlat, _killSwitches, _alerts, _unmatched, _refused;

    /// <summary>Wakes the gateway thread if it is parked: give it to the producers of the rings it reads
    /// (<see cref="Ring.WakeOnPublishWaitStrategy"/>) so an intent is picked up at once, not at the next timed poll.</summary>
    public void Wake() => _wake.Set();

    public void AddClient(IExecutionClient client)
    {
        EnsureNotStarted();
        _clients.Add(client.Venue, client);
    }

    public void AddRules(VenueId venue, InstrumentId instrument, TradingRules rules)
    {
        EnsureNotStarted();
        _rules[(venue, instrument)] = rules;
    }

    /// <summary>Attaches the intent ring; returns the sequence the ring's producer must be gated on.</summary>
    public Sequence ConnectIntents(RingBuffer<OrderIntent> intents)
    {
        EnsureNotStarted();
        _intents = intents.NewPoller();
        return _intents.Sequence;
    }

    /// <summary>Attaches the execution ring every client publishes to; returns the sequence to gate its producers on.</summary>
    public Sequence ConnectExecutions(RingBuffer<ExecutionUpdate> executions)
    {
        EnsureNotStarted();
        _executions = executions.NewPoller();
        executions.AddGatingSequences(_executions.Sequence);
        return _executions.Sequence;
    }

    public void ConnectFeedback(DecisionFeedback feedback)
    {
        EnsureNotStarted();
        _feedback = feedback;
    }

    public void Start()
    {
        EnsureNotStarted();
        if (_intents is null || _executions is null) throw new InvalidOperationException("Connect the intent and execution rings before starting the gateway.");
        _thread = new Thread(Run) { Name = "gateway", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Every attempt so far. Read after <see cref="DisposeAsync"/>, or accept a view that may be mid-change.</summary>
    public IReadOnlyList<ArbitrageAttempt> Attempts
    {
        get
        {
            lock (_attempts) return [.. _attempts.Values.OrderBy(a => a.PositionId)];
        }
    }

    // ---- the gateway thread

    private void Run()
    {
        var intents = new IntentHandler(this);
        var executions = new ExecutionHandler(this);
        var idle = 0;
        try
        {
            while (!_stopping)
            {
                var busy = _intents!.Poll(ref intents) == PollState.Processing;
                busy |= _executions!.Poll(ref executions) == PollState.Processing;
                busy |= DrainInbox();
                if (busy)
                {
                    _quiet = false;
                    idle = 0;
                    continue;
                }
                if (idle == 0) _quiet = JudgeQuiet();
                if (++idle <= SpinsBeforeYield) Thread.SpinWait(1);
                else if (idle <= SpinsBeforeYield + YieldsBeforeSleep) Thread.Yield();
                else
                {
                    // Parked: an answer or a timer wakes it at once; intents and stream updates are polled within 1 ms.
                    Interlocked.Increment(ref _idleSleeps);
                    _wake.Wait(1);
                    _wake.Reset(); // then poll: a Set between the two is not lost, the inbox is read next
                }
            }
        }
        catch (Exception e)
        {
            Volatile.Write(ref _fault, e);
            Alert($"CRITICAL gateway thread stopped: {e}");
        }
    }

    private bool JudgeQuiet()
    {
        if (Interlocked.Read(ref _requestsInFlight) != 0 || !_inbox.IsEmpty) return false;
        foreach (var attempt in _attempts.Values)
        {
            if (!attempt.IsSettled) return false;
            foreach (var leg in attempt.Legs)
                if (leg.HasOrderInFlight || leg.RetryPending) return false;
        }
        return true;
    }

    private bool DrainInbox()
    {
        var any = false;
        while (_inbox.TryDequeue(out var evt))
        {
            any = true;
            var attempt = evt.Attempt;
            switch (evt.Kind)
            {
                case GatewayEventKind.PlaceAnswer:
                    var placed = attempt.Leg(evt.Leg).Order(evt.Order);
                    if (evt.Report.IsOk && placed.AckTimestamp == 0)
                        Latency?.RecordSendToAck(attempt.Leg(evt.Leg).Venue, Now - placed.SentTimestamp);
                    attempt.OnPlaceAnswer(evt.Leg, evt.Order, evt.Report);
                    break;
                case GatewayEventKind.CancelAnswer:
                    attempt.OnCancelAnswer(evt.Leg, evt.Order, evt.Report);
                    break;
                case GatewayEventKind.QueryAnswer:
                    attempt.OnQueryAnswer(evt.Leg, evt.Order, evt.Report);
                    break;
                case GatewayEventKind.PositionAnswer:
                    attempt.OnPositionAnswer(evt.Leg, evt.Ok, evt.Position);
                    break;
                case GatewayEventKind.Timer:
                    attempt.OnTimer(evt.Leg, evt.Timer, evt.Order, evt.Generation);
                    break;
            }
        }
        return any;
    }

    private void OnIntent(in OrderIntent intent)
    {
        if (!_rules.TryGetValue((intent.LongVenue, intent.Instrument), out var longRules)
            || !_rules.TryGetValue((intent.ShortVenue, intent.Instrument), out var shortRules)
            || !_clients.ContainsKey(intent.LongVenue) || !_clients.ContainsKey(intent.ShortVenue))
        {
            Interlocked.Increment(ref _refused);
            Alert($"intent {intent.IntentId} refused: no execution client or trading rules for one of its legs");
            _feedback?.AttemptEnded(intent.IntentId, opened: false, Now);
            return;
        }
        if (Now - intent.DecisionTimestamp > _config.MaxIntentAge.TotalSeconds * TicksPerSecond)
        {
            Interlocked.Increment(ref _stale);
            _feedback?.AttemptEnded(intent.IntentId, opened: false, Now);
            return;
        }
        var attempt = new ArbitrageAttempt(intent, longRules, shortRules, _config, this);
        lock (_attempts) _attempts.Add(intent.IntentId, attempt);
        Interlocked.Increment(ref _attemptsStarted);
        attempt.Start();
        OnAttemptStarted(attempt);
    }

    /// <summary>Both entries are written: tick-to-trade runs from the frame that triggered the decision to now, the leg
    /// skew between the two sends.</summary>
    private void OnAttemptStarted(ArbitrageAttempt attempt)
    {
        if (Latency is not { } latency) return;
        var now = Now;
        if (attempt.Intent.TriggerReceivedTimestamp != 0) latency.RecordTickToTrade(now - attempt.Intent.TriggerReceivedTimestamp);
        latency.RecordLegSkew(attempt.Short.Orders[0].SentTimestamp - attempt.Long.Orders[0].SentTimestamp);
    }

    private void OnExecution(in ExecutionUpdate update)
    {
        if (update.Kind == ExecutionUpdateKind.StreamResynced)
        {
            foreach (var attempt in _attempts.Values)
                if (!attempt.IsSettled) attempt.OnStreamResynced(update.Venue);
            return;
        }
        if (update.Kind is ExecutionUpdateKind.Position or ExecutionUpdateKind.Balance or ExecutionUpdateKind.FundingPayment or ExecutionUpdateKind.None)
            return; // the position monitor and the funding ledger read these
        if (!_routes.TryGetValue(update.ClientOrderId, out var route))
        {
            Interlocked.Increment(ref _unmatched);
            return;
        }
        var order = route.Attempt.Leg(route.Leg).Order(route.Order);
        if (update.Kind == ExecutionUpdateKind.Fill && order.FirstFillTimestamp == 0)
        {
            order.FirstFillTimestamp = update.ReceivedTimestamp;
            Latency?.RecordSendToFill(update.Venue, update.ReceivedTimestamp - order.SentTimestamp);
        }
        route.Attempt.OnUpdate(route.Leg, route.Order, update);
    }

    // ---- IAttemptActions: called on the gateway thread by the attempts

    public long Now => _clock.GetTimestamp();
    public long TicksPerSecond => _clock.TimestampFrequency;
    public long NowUnixMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    public void Place(LegExecution leg, LegOrder order)
    {
        _routes[order.Id] = (leg.Attempt, leg.Index, order.Index);
        if (order.Role == OrderRole.Entry) Latency?.RecordDecisionToSend(leg.Venue, order.SentTimestamp - leg.Attempt.Intent.DecisionTimestamp);
        Forward(_clients[leg.Venue].PlaceAsync(order.Request), GatewayEventKind.PlaceAnswer, leg, order);
    }

    public void Cancel(LegExecution leg, LegOrder order) =>
        Forward(_clients[leg.Venue].CancelAsync(leg.Instrument, order.Id), GatewayEventKind.CancelAnswer, leg, order);

    public void Query(LegExecution leg, LegOrder order) =>
        Forward(_clients[leg.Venue].QueryOrderAsync(leg.Instrument, order.Id), GatewayEventKind.QueryAnswer, leg, order);

    public void QueryPosition(LegExecution leg)
    {
        Interlocked.Increment(ref _requestsInFlight);
        _ = QueryPositionAsync(leg.Attempt, leg.Index, _clients[leg.Venue], leg.Instrument);
    }

    public void Arm(LegExecution leg, LegTimer timer, int order, int generation, TimeSpan delay)
    {
        var armed = new ArmedTimer(this, new GatewayEvent
        {
            Kind = GatewayEventKind.Timer, Attempt = leg.Attempt, Leg = leg.Index, Order = order, Timer = timer, Generation = generation,
        });
        lock (_timersLock)
        {
            if (_stopping) return;
            _timers.Add(armed);
        }
        armed.Start(_clock, delay);
    }

    public void Opened(ArbitrageAttempt attempt)
    {
        Interlocked.Increment(ref _positionsOpened);
        _positions.Add(new OpenPosition(attempt.PositionId, attempt.Intent.Instrument, attempt.Long.Venue, attempt.Short.Venue,
            attempt.Long.Net, attempt.Short.Net, attempt.Long.NetBase, attempt.Short.NetBase, attempt.Long.EntryAveragePrice,
            attempt.Short.EntryAveragePrice, Now));
        _feedback?.AttemptEnded(attempt.PositionId, opened: true, Now);
    }

    public void Flat(ArbitrageAttempt attempt)
    {
        if (!_reportedFlat.Add(attempt.PositionId)) return; // flat again after a stray fill: already reported
        Interlocked.Increment(ref _attemptsFlat);
        if (attempt.WasOpened)
        {
            _positions.Remove(attempt.PositionId);
            _feedback?.PositionClosed(attempt.PositionId, Now);
        }
        else _feedback?.AttemptEnded(attempt.PositionId, opened: false, Now);
    }

    public void EngageKillSwitch(LegExecution leg)
    {
        Interlocked.Increment(ref _killSwitches);
        Alert($"CRITICAL kill switch engaged: {Describe(leg)} is UNHEDGED after {leg.CloseFailures} failed emergency closes; no new positions");
        _feedback?.KillSwitchEngaged(Now);
    }

    public void Alert(LegExecution leg, string message) => Alert($"CRITICAL {Describe(leg)}: {message}");

    private void Alert(string message)
    {
        Interlocked.Increment(ref _alerts);
        _alert(message);
    }

    private string Describe(LegExecution leg) =>
        $"position {leg.Attempt.PositionId} {(leg.Index == 0 ? "long" : "short")} leg {_registry.Canonical(leg.Instrument)} on {_registry.VenueName(leg.Venue)} (net {leg.Net})";

    // ---- answers from other threads into the inbox

    private void Forward(ValueTask<OrderReport> answer, GatewayEventKind kind, LegExecution leg, LegOrder order)
    {
        if (answer.IsCompletedSuccessfully)
        {
            Post(new GatewayEvent { Kind = kind, Attempt = leg.Attempt, Leg = leg.Index, Order = order.Index, Report = answer.Result });
            return;
        }
        Interlocked.Increment(ref _requestsInFlight);
        _ = ForwardAsync(answer, kind, leg.Attempt, leg.Index, order.Index);
    }

    private async Task ForwardAsync(ValueTask<OrderReport> answer, GatewayEventKind kind, ArbitrageAttempt attempt, int leg, int order)
    {
        OrderReport report;
        try
        {
            report = await answer.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A client must not throw; if one does, the request's fate is unknown: the attempt will query.
            report = OrderReport.Failed(ExecutionError.Local(ExecutionErrorKind.Disconnected, Encoding.UTF8.GetBytes($"client failed: {e.GetType().Name}")));
        }
        Post(new GatewayEvent { Kind = kind, Attempt = attempt, Leg = leg, Order = order, Report = report });
        Interlocked.Decrement(ref _requestsInFlight);
    }

    private async Task QueryPositionAsync(ArbitrageAttempt attempt, int leg, IExecutionClient client, InstrumentId instrument)
    {
        var evt = new GatewayEvent { Kind = GatewayEventKind.PositionAnswer, Attempt = attempt, Leg = leg };
        try
        {
            var answer = await client.QueryPositionsAsync().ConfigureAwait(false);
            if (answer.IsOk)
            {
                evt.Ok = true;
                foreach (var position in answer.Value!)
                    if (position.Instrument == instrument) evt.Position += position.Quantity;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            evt.Ok = false;
        }
        Post(evt);
        Interlocked.Decrement(ref _requestsInFlight);
    }

    private void Post(in GatewayEvent evt)
    {
        if (_stopping) return;
        _inbox.Enqueue(evt);
        _wake.Set();
    }

    private void EnsureNotStarted()
    {
        if (_thread is not null) throw new InvalidOperationException("The gateway has started; wire it up before Start().");
    }

    /// <summary>Stops the thread (attempts in progress stay as they are: their orders are on the venues, and a restart's
    /// reconciliation must find them) and the timers.</summary>
    public ValueTask DisposeAsync()
    {
        if (_thread is { IsAlive: false } && _stopping) return ValueTask.CompletedTask;
        lock (_timersLock)
        {
            _stopping = true;
            foreach (var timer in _timers) timer.Dispose();
            _timers.Clear();
        }
        if (_thread is { } thread && !thread.Join(TimeSpan.FromSeconds(10)))
            throw new TimeoutException("The gateway thread did not stop within 10 s.");
        return ValueTask.CompletedTask;
    }

    private sealed class ArmedTimer(OrderGateway gateway, GatewayEvent evt) : IDisposable
    {
        private ITimer? _timer;

        public void Start(TimeProvider clock, TimeSpan delay) =>
            _timer = clock.CreateTimer(static s => ((ArmedTimer)s!).Fire(), this, delay, Timeout.InfiniteTimeSpan);

        private void Fire()
        {
            lock (gateway._timersLock)
            {
                if (!gateway._timers.Remove(this)) return; // disposed meanwhile
            }
            gateway.Post(evt);
            _timer?.Dispose();
        }

        public void Dispose() => _timer?.Dispose();
    }

    private readonly struct IntentHandler(OrderGateway gateway) : IEventHandler<OrderIntent>
    {
        public void OnEvent(ref OrderIntent evt, long sequence, bool endOfBatch) => gateway.OnIntent(evt);
        public void OnBatchStart(long batchSize) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }

    private readonly struct ExecutionHandler(OrderGateway gateway) : IEventHandler<ExecutionUpdate>
    {
        public void OnEvent(ref ExecutionUpdate evt, long sequence, bool endOfBatch) => gateway.OnExecution(evt);
        public void OnBatchStart(long batchSize) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }
}
