using FundingArb.Decision;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

/// <summary>Drives one <see cref="ArbitrageAttempt"/> against scripted venues on a virtual clock: each order gets an
/// <see cref="OrderScript"/>, and the venues keep their own positions, which is what the tests compare the attempt's
/// tracking with. Everything runs on the calling thread in (time, arrival) order, so a script always gives the same
/// transcript. The socket-level counterpart is VenueSim, which the gateway's integration tests use.</summary>
internal sealed class ScriptedVenues : IAttemptActions
{
    public const long Frequency = 1_000_000_000;
    private const long StartUnixMs = 1_767_600_000_000;
    private readonly PriorityQueue<Action, (long Time, long Seq)> _events = new();
    private readonly Dictionary<ClientOrderId, VenueOrder> _orders = [];
    private readonly Dictionary<(VenueId, InstrumentId), Quantity> _positions = [];
    private readonly Func<LegExecution, LegOrder, OrderScript> _script;
    private long _seq;

    public ScriptedVenues(Func<LegExecution, LegOrder, OrderScript> script)
    {
        _script = script;
    }

    public ArbitrageAttempt Attempt { get; private set; } = null!;
    public List<string> Transcript { get; } = [];
    public List<string> Alerts { get; } = [];
    public int KillSwitches { get; private set; }
    public int OpenedCalls { get; private set; }
    public int FlatCalls { get; private set; }
    public long Now { get; private set; }
    public long TicksPerSecond => Frequency;
    public long NowUnixMs => StartUnixMs + Now / 1_000_000;

    public static readonly VenueId VenueA = new(1);
    public static readonly VenueId VenueB = new(2);
    public static readonly InstrumentId Btc = new(1);

    /// <summary>Venue A trades BTC in base units (lot and minimum 0.001), venue B in contracts of 0.01 BTC (lot and minimum
    /// 1 contract).</summary>
    public static TradingRules RulesA { get; } = new(new InstrumentSpec
    {
        VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.001"), IsTrading = true,
    });

    public static TradingRules RulesB { get; } = new(new InstrumentSpec
    {
        VenueSymbol = "BTC-USDT-SWAP", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("1"), MinQuantity = Quantity.Parse("1"),
        ContractSize = Quantity.Parse("0.01"), IsTrading = true,
    });

    /// <summary>Long 0.1 BTC on A, short 10 contracts (0.1 BTC) on B.</summary>
    public static OrderIntent Intent(long id = 7) => new()
    {
        IntentId = id, Instrument = Btc, LongVenue = VenueA, ShortVenue = VenueB, BaseQuantity = Quantity.Parse("0.1"),
        LongQuantity = Quantity.Parse("0.1"), ShortQuantity = Quantity.Parse("10"), LongLimitPrice = Price.Parse("9010"),
        ShortLimitPrice = Price.Parse("8990"), Notional = 900,
    };

    public static ScriptedVenues Run(Func<LegExecution, LegOrder, OrderScript> script, GatewayConfig? config = null, OrderIntent? intent = null,
        TimeSpan? limit = null)
    {
        var venues = new ScriptedVenues(script);
        venues.Attempt = new ArbitrageAttempt(intent ?? Intent(), RulesA, RulesB, config ?? new GatewayConfig(), venues);
        venues.Attempt.Start();
        venues.RunFor(limit ?? TimeSpan.FromMinutes(10));
        return venues;
    }

    /// <summary>Handles events in time order until none is left or <paramref name="limit"/> of virtual time has passed.</summary>
    public void RunFor(TimeSpan limit)
    {
        var end = Now + (long)(limit.TotalSeconds * Frequency);
        while (_events.TryPeek(out _, out var at) && at.Time <= end)
        {
            var action = _events.Dequeue();
            Now = Math.Max(Now, at.Time);
            action();
        }
    }

    /// <summary>The venue's own position (signed, venue units).</summary>
    public Quantity Position(VenueId venue) => _positions.GetValueOrDefault((venue, Btc));

    public bool Quiet => _events.Count == 0;

    public void Place(LegExecution leg, LegOrder order)
    {
        var script = _script(leg, order);
        var request = order.Request;
        Transcript.Add($"{Now} place L{leg.Index} #{order.Index} {order.Role} {request.Side} {request.Quantity}{(request.ReduceOnly ? " RO" : "")}");
        var taken = script.Error == ExecutionErrorKind.None || (script.Error.IsOutcomeUnknown && script.TakenDespiteError);
        OrderReport answer;
        if (taken && request.ReduceOnly && !CanReduce(leg.Venue, request))
        {
            taken = false;
            answer = OrderReport.Failed(new ExecutionError(ExecutionErrorKind.ReduceOnlyRejected, -2022, "ReduceOnly Order is rejected."u8));
        }
        else answer = script.Error == ExecutionErrorKind.None
            ? default
            : OrderReport.Failed(new ExecutionError(script.Error, 1, "scripted"u8, script.RetryAfterMs));
        if (taken)
        {
            var venueOrder = new VenueOrder(leg, order, script);
            _orders[order.Id] = venueOrder;
            var fill = request.Quantity.RoundDown(leg.Index == 0 ? Quantity.Parse("0.001") : Quantity.Parse("1"));
            fill = new Quantity((long)(fill.Raw * script.FillFraction)).RoundDown(leg.Index == 0 ? Quantity.Parse("0.001") : Quantity.Parse("1"));
            if (fill.IsPositive) Fill(venueOrder, fill, script);
            venueOrder.Status = venueOrder.Filled == request.Quantity ? OrderStatus.Filled
                : script.Rests ? (venueOrder.Filled.IsPositive ? OrderStatus.PartiallyFilled : OrderStatus.New)
                : OrderStatus.Expired;
            if (venueOrder.Status != OrderStatus.New && venueOrder.Status != OrderStatus.PartiallyFilled)
                StatusUpdate(venueOrder, script);
            if (script.Error == ExecutionErrorKind.None) answer = Report(venueOrder);
        }
        var reply = answer;
        After(script.AnswerDelay, () => Attempt.OnPlaceAnswer(leg.Index, order.Index, reply));
    }

    public void Cancel(LegExecution leg, LegOrder order)
    {
        Transcript.Add($"{Now} cancel L{leg.Index} #{order.Index}");
        OrderReport answer;
        if (_orders.TryGetValue(order.Id, out var venueOrder) && venueOrder.Status is OrderStatus.New or OrderStatus.PartiallyFilled)
        {
            if (venueOrder.Script.FillsOnCancel)
            {
                Fill(venueOrder, venueOrder.Request.Quantity - venueOrder.Filled, venueOrder.Script);
                venueOrder.Status = OrderStatus.Filled;
                answer = OrderReport.Failed(new ExecutionError(ExecutionErrorKind.UnknownOrder, -2011, "Unknown order sent."u8));
            }
            else
            {
                venueOrder.Status = OrderStatus.Canceled;
                answer = Report(venueOrder);
            }
            StatusUpdate(venueOrder, venueOrder.Script);
        }
        else answer = OrderReport.Failed(new ExecutionError(ExecutionErrorKind.UnknownOrder, -2011, "Unknown order sent."u8));
        After(TimeSpan.FromMilliseconds(5), () => Attempt.OnCancelAnswer(leg.Index, order.Index, answer));
    }

    public void Query(LegExecution leg, LegOrder order)
    {
        Transcript.Add($"{Now} query L{leg.Index} #{order.Index}");
        var answer = _orders.TryGetValue(order.Id, out var venueOrder)
            ? Report(venueOrder)
            : OrderReport.Failed(new ExecutionError(ExecutionErrorKind.UnknownOrder, -2013, "Order does not exist."u8));
        After(TimeSpan.FromMilliseconds(5), () => Attempt.OnQueryAnswer(leg.Index, order.Index, answer));
    }

    public void QueryPosition(LegExecution leg)
    {
        Transcript.Add($"{Now} position? L{leg.Index}");
        var position = Position(leg.Venue);
        After(TimeSpan.FromMilliseconds(5), () => Attempt.OnPositionAnswer(leg.Index, true, position));
    }

    public void Arm(LegExecution leg, LegTimer timer, int order, int generation, TimeSpan delay) =>
        After(delay, () => Attempt.OnTimer(leg.Index, timer, order, generation));

    public void Opened(ArbitrageAttempt attempt)
    {
        OpenedCalls++;
        Transcript.Add($"{Now} opened long {attempt.Long.Net} short {attempt.Short.Net}");
    }

    public void Flat(ArbitrageAttempt attempt)
    {
        FlatCalls++;
        Transcript.Add($"{Now} flat");
    }

    public void EngageKillSwitch(LegExecution leg)
    {
        KillSwitches++;
        Transcript.Add($"{Now} kill switch (L{leg.Index})");
    }

    public void Alert(LegExecution leg, string message) => Alerts.Add($"L{leg.Index}: {message}");

    /// <summary>Delivers a stream update to the attempt now (tests that inject a stray or duplicate update).</summary>
    public void Deliver(int leg, int order, ExecutionUpdate update) => After(TimeSpan.Zero, () => Attempt.OnUpdate(leg, order, update));

    private bool CanReduce(VenueId venue, in OrderRequest request)
    {
        var position = Position(venue);
        return request.Side == OrderSide.Sell ? position >= request.Quantity : -position.Raw >= request.Quantity.Raw;
    }

    private void Fill(VenueOrder order, Quantity quantity, OrderScript script)
    {
        order.Filled += quantity;
        var key = (order.Leg.Venue, Btc);
        var signed = order.Request.Side == OrderSide.Buy ? quantity : new Quantity(-quantity.Raw);
        _positions[key] = _positions.GetValueOrDefault(key) + signed;
        var update = new ExecutionUpdate
        {
            Kind = ExecutionUpdateKind.Fill, Venue = order.Leg.Venue, Instrument = Btc, ClientOrderId = order.Request.ClientOrderId,
            Side = order.Request.Side, Status = order.Filled == order.Request.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
            LastFillQuantity = quantity, LastFillPrice = Price.Parse("9000"), CumulativeQuantity = order.Filled, AveragePrice = Price.Parse("9000"),
        };
        var delay = script.ScrambledUpdates ? script.StreamDelay * 3 : script.StreamDelay;
        var (leg, index) = (order.Leg.Index, order.Order.Index);
        After(delay, () => Attempt.OnUpdate(leg, index, update));
    }

    private void StatusUpdate(VenueOrder order, OrderScript script)
    {
        var update = new ExecutionUpdate
        {
            Kind = order.Status switch
            {
                OrderStatus.Canceled => ExecutionUpdateKind.Canceled,
                OrderStatus.Expired => ExecutionUpdateKind.Expired,
                _ => ExecutionUpdateKind.Accepted,
            },
            Venue = order.Leg.Venue, Instrument = Btc, ClientOrderId = order.Request.ClientOrderId, Side = order.Request.Side,
            Status = order.Status, CumulativeQuantity = order.Filled, AveragePrice = order.Filled.IsPositive ? Price.Parse("9000") : Price.Zero,
        };
        var (leg, index) = (order.Leg.Index, order.Order.Index);
        After(script.StreamDelay, () => Attempt.OnUpdate(leg, index, update));
        if (script.ScrambledUpdates) After(script.StreamDelay * 2, () => Attempt.OnUpdate(leg, index, update));
    }

    private static OrderReport Report(VenueOrder order) => new()
    {
        Instrument = Btc, ClientOrderId = order.Request.ClientOrderId, Status = order.Status, Side = order.Request.Side,
        Quantity = order.Request.Quantity, ExecutedQuantity = order.Filled, ReduceOnly = order.Request.ReduceOnly,
        AveragePrice = order.Filled.IsPositive ? Price.Parse("9000") : Price.Zero,
    };

    private void After(TimeSpan delay, Action action) => _events.Enqueue(action, (Now + (long)(delay.TotalSeconds * Frequency), ++_seq));

    private sealed class VenueOrder(LegExecution leg, LegOrder order, OrderScript script)
    {
        public LegExecution Leg { get; } = leg;
        public LegOrder Order { get; } = order;
        public OrderRequest Request { get; } = order.Request;
        public OrderScript Script { get; } = script;
        public Quantity Filled { get; set; }
        public OrderStatus Status { get; set; }
    }
}
