using FundingArb.Decision;
using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One arbitrage attempt as an explicit state machine: both entry legs placed back-to-back, each verified to a
/// state the venue confirms, then judged on what actually filled — opened when both filled within the hedge gap, trimmed
/// when unequal but both above the minimum, otherwise rolled back leg by leg with reduce-only closes of the filled
/// quantity, retried until the venue confirms the leg flat.</summary>
/// <remarks>Every transition is driven by an event the gateway thread hands in (an answer, a stream update, a timer, a
/// position answer); it reads time only from <see cref="IAttemptActions.Now"/>. So the same events in the same order
/// always give the same transitions and the same orders, which the tests check on a virtual clock. The invariant the
/// property test holds it to: whatever the venues answer, the attempt ends opened and hedged, or flat, or still
/// working on a leg it can see (never an exposure it has stopped tracking).</remarks>
public sealed class ArbitrageAttempt
{
    private readonly LegExecution[] _legs;

    public ArbitrageAttempt(in OrderIntent intent, TradingRules longRules, TradingRules shortRules, GatewayConfig config, IAttemptActions actions)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(actions);
        Intent = intent;
        Config = config;
        Actions = actions;
        _legs =
        [
            new LegExecution(this, 0, intent.LongVenue, intent.Instrument, OrderSide.Buy, intent.LongQuantity, intent.LongLimitPrice, longRules),
            new LegExecution(this, 1, intent.ShortVenue, intent.Instrument, OrderSide.Sell, intent.ShortQuantity, intent.ShortLimitPrice, shortRules),
        ];
    }

    public OrderIntent Intent { get; }
    /// <summary>The position id encoded in every client order id of the attempt: the intent id, monotonic per run.</summary>
    public long PositionId => Intent.IntentId;
    public GatewayConfig Config { get; }
    public IAttemptActions Actions { get; }
    public AttemptPhase Phase { get; private set; }
    public LegExecution Long => _legs[0];
    public LegExecution Short => _legs[1];
    public IReadOnlyList<LegExecution> Legs => _legs;
    /// <summary>Times the attempt turned to rolling back (more than once only if a stray fill reopened a leg).</summary>
    public int Rollbacks { get; private set; }
    /// <summary>Emergency closes sent (one per close order).</summary>
    public int EmergencyCloses { get; private set; }
    public bool Trimmed { get; private set; }
    /// <summary>Reported opened to the rest of the engine (a later roll-back is then a position closed, not an attempt ended).</summary>
    public bool WasOpened { get; private set; }
    /// <summary>Nothing more will happen unless a venue reports a fill nobody expected.</summary>
    public bool IsSettled => Phase is AttemptPhase.Opened or AttemptPhase.Flat;
    /// <summary>A leg is exposed after repeated failed closes.</summary>
    public bool HasUnhedgedLeg => Long.IsUnhedged || Short.IsUnhedged;

    public LegExecution Leg(int index) => _legs[index];

    /// <summary>Places both entries back-to-back: the second is written before anything is awaited (SPEC protection 5).</summary>
    public void Start()
    {
        if (Long.Orders.Count != 0) throw new InvalidOperationException($"Attempt {PositionId} has already started.");
        var longEntry = NewEntry(Long, Long.Target);
        var shortEntry = NewEntry(Short, Short.Target);
        Long.Write(longEntry);
        Short.Write(shortEntry);
        Long.ArmDeadline(longEntry);
        Short.ArmDeadline(shortEntry);
    }

    public void OnPlaceAnswer(int leg, int order, in OrderReport report) => Advance(_legs[leg], _legs[leg].OnPlaceAnswer(_legs[leg].Order(order), report));
    public void OnCancelAnswer(int leg, int order, in OrderReport report) => Advance(_legs[leg], _legs[leg].OnCancelAnswer(_legs[leg].Order(order), report));
    public void OnQueryAnswer(int leg, int order, in OrderReport report) => Advance(_legs[leg], _legs[leg].OnQueryAnswer(_legs[leg].Order(order), report));
    public void OnUpdate(int leg, int order, in ExecutionUpdate update) => Advance(_legs[leg], _legs[leg].OnUpdate(_legs[leg].Order(order), update));

    /// <summary>The venue's private stream came back after a gap: every live order on it is queried.</summary>
    public void OnStreamResynced(VenueId venue)
    {
        foreach (var leg in _legs)
            if (leg.Venue == venue) leg.OnStreamResynced();
    }

    public void OnTimer(int leg, LegTimer timer, int order, int generation)
    {
        var l = _legs[leg];
        if (timer != LegTimer.LegRetry)
        {
            l.OnTimer(timer, l.Order(order), generation);
            return;
        }
        if (!l.RetryPending || generation != l.RetryGeneration) return;
        l.RetryPending = false;
        switch (Phase)
        {
            case AttemptPhase.Entering when !OtherLeg(l).IsFailedEntry:
                SendEntry(l, l.Target - l.EntryFilled);
                break;
            case AttemptPhase.RollingBack:
                SendClose(l);
                break;
        }
        Advance(l, changed: true);
    }

    /// <summary>The venue's answer about the leg's instrument position (signed, venue units), asked after a reduce-only close
    /// was refused: when the venue holds nothing on the leg's side, the leg is flat by the venue's own word, whatever fills
    /// we missed. A failed query changes nothing: the close is retried.</summary>
    public void OnPositionAnswer(int leg, bool ok, Quantity signedPosition)
    {
        var l = _legs[leg];
        if (!ok || l.HasOrderInFlight || !l.Net.IsPositive) return;
        var exposed = l.Side == OrderSide.Buy ? signedPosition.IsPositive : signedPosition.Raw < 0;
        if (exposed) return;
        l.ConfirmedFlat += l.Net;
        Actions.Alert(l, $"venue reports no {(l.Side == OrderSide.Buy ? "long" : "short")} position: leg confirmed flat by the venue");
        Advance(l, changed: true);
    }

    private void Advance(LegExecution leg, bool changed)
    {
        if (!changed) return;
        switch (Phase)
        {
            case AttemptPhase.Entering:
                var last = leg.Orders[^1];
                if (last.Role == OrderRole.Entry && last.IsDone && !leg.RetryPending && !leg.HasOrderInFlight)
                {
                    if (ShouldRetryEntry(leg, last)) ScheduleEntryRetry(leg, last);
                    else if (leg.IsFailedEntry) CancelLiveEntries(OtherLeg(leg)); // protection 5: the other leg goes back at once
                }
                if (!AnyInFlight()) Assess();
                break;
            case AttemptPhase.Trimming:
                if (!AnyInFlight()) Assess();
                break;
            case AttemptPhase.RollingBack:
                ContinueRollback(leg);
                break;
            case AttemptPhase.Opened:
                // A fill after the position was judged (a late or stray one): judge it again on what is really there.
                if (!AnyInFlight()) Assess();
                break;
            case AttemptPhase.Flat:
                if (leg.Net.IsPositive)
                {
                    Actions.Alert(leg, $"a fill arrived after the attempt was flat: {leg.Net} to close");
                    RollBack();
                }
                break;
        }
    }

    /// <summary>Both legs are done: open, trim, or roll back, on what actually filled, in base units (SPEC protection 7).
    /// Unequal legs are first trimmed to the same quantity where the venues' lots allow it — a gap inside the tolerance
    /// is still a naked exposure on the venues' books — and the tolerance decides only what trimming cannot fix.</summary>
    private void Assess()
    {
        var longBase = Long.NetBase;
        var shortBase = Short.NetBase;
        if (longBase.IsZero && shortBase.IsZero)
        {
            SetFlat();
            return;
        }
        if (longBase.IsPositive && shortBase.IsPositive && longBase != shortBase && Config.TrimPartialFills && !Trimmed && TryTrim()) return;
        var allowedGap = (long)(Intent.BaseQuantity.Raw * Config.MaxHedgeGap);
        if (longBase.IsPositive && shortBase.IsPositive && Math.Abs(longBase.Raw - shortBase.Raw) <= allowedGap)
        {
            Phase = AttemptPhase.Opened;
            if (!WasOpened)
            {
                WasOpened = true;
                Actions.Opened(this);
            }
            return;
        }
        RollBack();
    }

    /// <summary>Trims both legs, reduce-only, down to the largest quantity both venues' lots can express that neither
    /// exceeds — usually only the larger leg moves — when that quantity is at or above both venues' minimums.</summary>
    private bool TryTrim()
    {
        var lot = CommonLot.Step(Long.Rules.LotStepBase, Short.Rules.LotStepBase);
        if (!lot.IsPositive) return false;
        var smaller = Long.NetBase < Short.NetBase ? Long.NetBase : Short.NetBase;
        var target = smaller.RoundDown(lot);
        if (!target.IsPositive || target < Long.Rules.MinQuantityBase || target < Short.Rules.MinQuantityBase) return false;
        var trims = 0;
        foreach (var leg in _legs)
        {
            var excessBase = leg.NetBase - target;
            if (!excessBase.IsPositive) continue;
            var trim = leg.Rules.ToVenueQuantity(excessBase);
            if (!trim.IsPositive || trim > leg.Net) return false;
            trims++;
        }
        if (trims == 0) return false;
        Trimmed = true;
        Phase = AttemptPhase.Trimming;
        foreach (var leg in _legs)
        {
            var excessBase = leg.NetBase - target;
            if (!excessBase.IsPositive) continue;
            var order = leg.NewOrder(OrderRole.Trim,
                OrderRequest.Market(leg.Instrument, default, leg.ReducingSide, leg.Rules.ToVenueQuantity(excessBase), reduceOnly: true));
            leg.Send(order);
        }
        return true;
    }

    /// <summary>Cancel anything unfilled first (nothing is in flight when this runs), then close only what filled,
    /// reduce-only (SPEC defects 1 and 2).</summary>
    private void RollBack()
    {
        Phase = AttemptPhase.RollingBack;
        Rollbacks++;
        foreach (var leg in _legs)
            if (leg.Net.IsPositive && !leg.HasOrderInFlight && !leg.RetryPending) SendClose(leg);
        ContinueRollback(null);
    }

    private void ContinueRollback(LegExecution? changed)
    {
        if (changed is not null && !changed.HasOrderInFlight && !changed.RetryPending && changed.Orders[^1] is { IsDone: true } last)
        {
            if (changed.Net.IsPositive) CloseFailed(changed, last);
            else if (changed.IsUnhedged) Actions.Alert(changed, "leg is flat again (confirmed by the venue)");
        }
        foreach (var leg in _legs)
            if (leg.Net.IsPositive || leg.HasOrderInFlight || leg.RetryPending) return;
        SetFlat();
    }

    /// <summary>An emergency close ended without the leg flat: CRITICAL alert, backoff, and after
    /// <see cref="GatewayConfig.KillSwitchAfterCloseFailures"/> failures the kill switch; the leg stays tracked.</summary>
    private void CloseFailed(LegExecution leg, LegOrder last)
    {
        if (last.Role == OrderRole.Entry) // a stray entry fill in the roll-back: close it, no failure to count
        {
            SendClose(leg);
            return;
        }
        leg.CloseFailures++;
        Actions.Alert(leg, $"emergency close {leg.CloseFailures} did not flatten the leg ({leg.Net} left): {last.Error}");
        if (leg.CloseFailures >= Config.KillSwitchAfterCloseFailures && !leg.IsUnhedged)
        {
            leg.IsUnhedged = true;
            Actions.EngageKillSwitch(leg);
        }
        if (last.Error.Kind == ExecutionErrorKind.ReduceOnlyRejected) Actions.QueryPosition(leg); // maybe already flat
        if (leg.OutOfOrderIds)
        {
            Actions.Alert(leg, "no client order id left for this leg: closes stop; close it by hand");
            return;
        }
        var backoff = Config.CloseBackoff * Math.Pow(2, Math.Min(leg.CloseFailures - 1, 16));
        ArmRetry(leg, backoff < Config.CloseMaxBackoff ? backoff : Config.CloseMaxBackoff);
    }

    private void SendClose(LegExecution leg)
    {
        if (!leg.Net.IsPositive || leg.HasOrderInFlight || leg.OutOfOrderIds) return;
        var order = leg.NewOrder(OrderRole.Close, OrderRequest.Market(leg.Instrument, default, leg.ReducingSide, leg.Net, reduceOnly: true));
        EmergencyCloses++;
        leg.Send(order);
    }

    private void SetFlat()
    {
        Phase = AttemptPhase.Flat;
        Actions.Flat(this);
    }

    /// <summary>Retry an entry only after a transient failure of an order the venue never saw, within the retry budget, and
    /// only while the other leg has not failed for good (SPEC: never retry a business rejection).</summary>
    private bool ShouldRetryEntry(LegExecution leg, LegOrder last)
    {
        if (!last.Error.Kind.IsTransient || last.Seen || leg.EntryFilled >= leg.Target) return false;
        if (leg.EntryPlacements > Config.PlacementRetries || leg.OutOfOrderIds) return false;
        if (OtherLeg(leg).IsFailedEntry) return false;
        return Actions.Now + RetryDelayTicks(last) - Intent.DecisionTimestamp <= Config.RetryBudget.TotalSeconds * Actions.TicksPerSecond;
    }

    private void ScheduleEntryRetry(LegExecution leg, LegOrder last)
    {
        var delay = RetryDelayTicks(last);
        ArmRetry(leg, TimeSpan.FromSeconds(delay / (double)Actions.TicksPerSecond));
    }

    /// <summary>How long the venue asked us to wait (rate limits), in engine ticks; 0 when it did not say.</summary>
    private long RetryDelayTicks(LegOrder last)
    {
        if (last.Error.RetryAfterMs <= 0) return 0;
        var waitMs = last.Error.RetryAfterMs - Actions.NowUnixMs;
        return waitMs <= 0 ? 0 : waitMs * Actions.TicksPerSecond / 1000;
    }

    private void ArmRetry(LegExecution leg, TimeSpan delay)
    {
        leg.RetryPending = true;
        Actions.Arm(leg, LegTimer.LegRetry, -1, ++leg.RetryGeneration, delay);
    }

    private void SendEntry(LegExecution leg, Quantity quantity)
    {
        if (!quantity.IsPositive) return;
        leg.Send(NewEntry(leg, quantity));
    }

    /// <summary>An entry is a limit order at the decision's limit price, immediate-or-cancel: it takes what the book
    /// offers up to that price and ends at once, so verification rarely waits.</summary>
    private static LegOrder NewEntry(LegExecution leg, Quantity quantity)
    {
        leg.EntryPlacements++;
        return leg.NewOrder(OrderRole.Entry,
            OrderRequest.Limit(leg.Instrument, default, leg.Side, quantity, leg.LimitPrice, TimeInForce.ImmediateOrCancel));
    }

    private void CancelLiveEntries(LegExecution leg)
    {
        foreach (var order in leg.Orders)
        {
            if (order.Role != OrderRole.Entry || order.IsDone || order.CancelRequested) continue;
            if (order.Phase is OrderPhase.Sending or OrderPhase.Working)
            {
                order.CancelRequested = true;
                order.Phase = OrderPhase.Canceling;
                Actions.Cancel(leg, order);
            }
        }
    }

    private bool AnyInFlight() => Long.HasOrderInFlight || Short.HasOrderInFlight || Long.RetryPending || Short.RetryPending;

    private LegExecution OtherLeg(LegExecution leg) => _legs[1 - leg.Index];

    public override string ToString() => $"attempt {PositionId} {Phase}: {Long}; {Short}";
}
