using FundingArb.Decision;
using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One leg of an arbitrage attempt on one venue: its entry order (and retries), then any trim or emergency
/// closes, each followed to a state the venue has confirmed. The leg's exposure is what its entries filled minus what its
/// reduce-only orders filled: it leaves tracking only when that is zero by the venue's own reports (SPEC defect 4).</summary>
/// <remarks>Runs on the gateway thread only. The order lifecycle lives here (answer → working → deadline → cancel →
/// query, late fills counted); what to do when an order is done is the attempt's call.</remarks>
public sealed class LegExecution
{
    private readonly List<LegOrder> _orders = new(4);
    private readonly ArbitrageAttempt _attempt;

    internal LegExecution(ArbitrageAttempt attempt, int index, VenueId venue, InstrumentId instrument, OrderSide side, Quantity target,
        Price limitPrice, TradingRules rules)
    {
        _attempt = attempt;
        Index = index;
        Venue = venue;
        Instrument = instrument;
        Side = side;
        Target = target;
        LimitPrice = limitPrice;
        Rules = rules;
    }

    public ArbitrageAttempt Attempt => _attempt;
    /// <summary>0 for the long leg, 1 for the short (the <c>L</c> digit of its client order ids).</summary>
    public int Index { get; }
    public VenueId Venue { get; }
    public InstrumentId Instrument { get; }
    /// <summary>The side of the entry: Buy for the long leg.</summary>
    public OrderSide Side { get; }
    /// <summary>Entry quantity in the venue's unit (contracts on OKX).</summary>
    public Quantity Target { get; }
    public Price LimitPrice { get; }
    public TradingRules Rules { get; }
    public IReadOnlyList<LegOrder> Orders => _orders;

    public Quantity EntryFilled => Sum(entries: true);
    public Quantity Reduced => Sum(entries: false);
    /// <summary>What the venue's position answer showed already closed beyond the fills we saw (see
    /// <see cref="ArbitrageAttempt.OnPositionAnswer"/>).</summary>
    public Quantity ConfirmedFlat { get; internal set; }
    /// <summary>Open exposure in venue units: entries filled minus trims and closes filled.</summary>
    public Quantity Net => EntryFilled - Reduced - ConfirmedFlat;
    public Quantity NetBase => Rules.ToBaseQuantity(Net);
    public bool HasOrderInFlight
    {
        get
        {
            foreach (var order in _orders)
                if (!order.IsDone) return true;
            return false;
        }
    }

    /// <summary>Entry orders placed (the first and each retry).</summary>
    public int EntryPlacements { get; internal set; }
    /// <summary>Emergency closes that ended without the leg flat.</summary>
    public int CloseFailures { get; internal set; }
    /// <summary>Emergency closes kept failing: the leg is exposed and visible as UNHEDGED until the venue confirms it flat.</summary>
    public bool IsUnhedged { get; internal set; }
    /// <summary>A <see cref="LegTimer.LegRetry"/> is armed (its generation is <see cref="RetryGeneration"/>).</summary>
    public bool RetryPending { get; internal set; }
    public int RetryGeneration { get; internal set; }
    /// <summary>The orders of this leg can no longer be named (<see cref="ClientOrderId.MaxAttempt"/> reached).</summary>
    public bool OutOfOrderIds => _orders.Count > ClientOrderId.MaxAttempt;

    /// <summary>Average entry price over the entries' fills; zero when nothing filled.</summary>
    public Price EntryAveragePrice
    {
        get
        {
            Int128 value = 0;
            long quantity = 0;
            foreach (var order in _orders)
            {
                if (order.Role != OrderRole.Entry || !order.Filled.IsPositive) continue;
                value += (Int128)order.Filled.Raw * order.AveragePrice.Raw;
                quantity += order.Filled.Raw;
            }
            return quantity == 0 ? Price.Zero : new Price((long)(value / quantity));
        }
    }

    /// <summary>The entry is over with nothing filled and no retry coming: this leg will not open.</summary>
    internal bool IsFailedEntry => EntryPlacements > 0 && !RetryPending && !HasOrderInFlight && EntryFilled.IsZero;

    public OrderSide ReducingSide => Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;

    public LegOrder Order(int index) => _orders[index];

    /// <summary>A new order of this leg, its client order id encoding position, leg and its place in the leg.</summary>
    internal LegOrder NewOrder(OrderRole role, in OrderRequest shape)
    {
        var request = shape;
        request.Instrument = Instrument;
        request.ClientOrderId = ClientOrderId.ForLeg(_attempt.PositionId, Index, _orders.Count);
        var order = new LegOrder(_orders.Count, role, request);
        _orders.Add(order);
        return order;
    }

    internal void Send(LegOrder order)
    {
        Write(order);
        ArmDeadline(order);
    }

    /// <summary>Sends the order without arming its deadline yet: the attempt writes both entries before arming either,
    /// so nothing but the first write stands between the two (leg skew).</summary>
    internal void Write(LegOrder order)
    {
        order.Phase = OrderPhase.Sending;
        order.SentTimestamp = _attempt.Actions.Now;
        _attempt.Actions.Place(this, order);
    }

    /// <summary>The answer to a placement. True if the order is now done or filled more.</summary>
    internal bool OnPlaceAnswer(LegOrder order, in OrderReport report)
    {
        if (report.IsOk)
        {
            if (order.AckTimestamp == 0) order.AckTimestamp = _attempt.Actions.Now;
            var grew = order.Apply(report);
            if (order.IsDone) return grew;
            if (order.IsTerminalOnVenue) return Finish(order);
            if (order.Phase == OrderPhase.Sending) order.Phase = OrderPhase.Working;
            return grew;
        }
        order.Error = report.Error;
        if (order.IsDone || order.Phase != OrderPhase.Sending) return false; // the deadline already took over
        // Outcome unknown, or the venue knows the order although the answer failed: only a query can tell.
        if (report.Error.Kind.IsOutcomeUnknown || order.Seen) return Resolve(order);
        return Finish(order); // refused, or never sent: nothing can fill
    }

    internal bool OnCancelAnswer(LegOrder order, in OrderReport report)
    {
        var grew = report.IsOk && order.Apply(report);
        if (order.IsDone) return grew;
        if (order.IsTerminalOnVenue) return Finish(order);
        // Whatever the cancel said, the final state (and any late fill) comes from a query (SPEC defect 3).
        Resolve(order);
        return grew;
    }

    internal bool OnQueryAnswer(LegOrder order, in OrderReport report)
    {
        if (report.IsOk)
        {
            order.UnknownAnswers = 0;
            var grew = order.Apply(report);
            if (order.IsDone) return grew;
            if (order.IsTerminalOnVenue) return Finish(order);
            if (order.CancelRequested) ArmRequery(order); // still live after our cancel: cancel again shortly
            else
            {
                order.Phase = OrderPhase.Working; // found live after a gap or an unknown outcome: back to waiting
                ArmDeadline(order);
            }
            return grew;
        }
        if (order.IsDone) return false;
        if (report.Error.Kind == ExecutionErrorKind.UnknownOrder
            && ++order.UnknownAnswers >= _attempt.Config.UnknownOrderQueries)
            return Finish(order); // never reached the venue (or it no longer knows it): what we saw is all there is
        ArmRequery(order);
        return false;
    }

    internal bool OnUpdate(LegOrder order, in ExecutionUpdate update)
    {
        var grew = order.Apply(update);
        if (order.IsDone) return grew;
        if (order.IsTerminalOnVenue) return Finish(order);
        return grew;
    }

    /// <summary>The venue's private stream came back after a gap: updates of live orders may have been lost, so each is
    /// queried. Orders still waiting for an answer get one (or a drop error) from the client.</summary>
    internal void OnStreamResynced()
    {
        foreach (var order in _orders)
            if (order.Phase == OrderPhase.Working) Resolve(order);
    }

    internal void OnTimer(LegTimer timer, LegOrder order, int generation)
    {
        if (order.IsDone || generation != order.TimerGeneration) return; // stale
        if (timer == LegTimer.OrderDeadline || (order.CancelRequested && order.IsLiveOnVenue))
        {
            order.CancelRequested = true;
            order.Phase = OrderPhase.Canceling;
            _attempt.Actions.Cancel(this, order);
        }
        else Resolve(order);
    }

    private bool Resolve(LegOrder order)
    {
        order.Phase = OrderPhase.Resolving;
        _attempt.Actions.Query(this, order);
        return false;
    }

    private static bool Finish(LegOrder order)
    {
        order.Phase = OrderPhase.Done;
        order.TimerGeneration++; // any timer still armed is stale now
        return true;
    }

    internal void ArmDeadline(LegOrder order)
    {
        var timeout = order.Role == OrderRole.Entry ? _attempt.Config.VerifyTimeout : _attempt.Config.CloseTimeout;
        var actions = _attempt.Actions;
        var elapsed = TimeSpan.FromSeconds((actions.Now - order.SentTimestamp) / (double)actions.TicksPerSecond);
        var left = timeout - elapsed;
        actions.Arm(this, LegTimer.OrderDeadline, order.Index, ++order.TimerGeneration, left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    private void ArmRequery(LegOrder order) =>
        _attempt.Actions.Arm(this, LegTimer.Requery, order.Index, ++order.TimerGeneration, _attempt.Config.RequeryDelay);

    private Quantity Sum(bool entries)
    {
        var sum = Quantity.Zero;
        foreach (var order in _orders)
            if ((order.Role == OrderRole.Entry) == entries) sum += order.Filled;
        return sum;
    }

    public override string ToString() => $"leg {Index} {Side} {Instrument} on {Venue}: net {Net} of {Target}";
}
