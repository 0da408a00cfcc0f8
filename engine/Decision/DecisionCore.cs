using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Decision;

/// <summary>The single-threaded decision core: consumes the market-data ring, owns every instrument's funding and
/// books on every venue, and after each batch re-evaluates the instruments the batch touched — every ordered venue pair
/// of each — sending an <see cref="OrderIntent"/> to the gateway ring for a pair that passes every protection and a
/// <see cref="DecisionRecord"/> whenever a pair's verdict or reason changes.</summary>
/// <remarks>Everything here runs on the decision thread and is written by nothing else: no locks. Steady state
/// allocates nothing; a listing is allocated the first time an instrument is seen on a venue (at subscription, live).
/// Inputs from other stages — venue health, attempt outcomes, the kill switch — must be called on this thread too.</remarks>
public sealed class DecisionCore : IEventHandler<MarketEvent>
{
    private readonly InstrumentRegistry _registry;
    private readonly TimeProvider _clock;
    private readonly IDecisionRecordSink _records;
    private readonly RingBuffer<OrderIntent>? _intents;
    private readonly EntryCheck _check;
    private readonly VenueState[] _venues;
    private readonly sbyte[] _slotOfVenue = new sbyte[VenueId.MaxVenues]; // VenueId.Index → slot in _venues, −1: not traded
    private readonly long _cooldownTicks;
    private Listing?[] _listings = [];       // [instrument index × venues + slot]
    private byte[] _lastVerdict = [];        // [(instrument index × venues + long slot) × venues + short slot]; 0: none yet
    private long[] _triggerTimestamp = [];   // per instrument: latest receive time of any event that touched it
    private int[] _dirtyVenues = [];         // per instrument: bit per venue slot touched since its last evaluation; 0: clean
    private int[] _dirty = [];
    private int _dirtyCount;
    private InFlight[] _inFlight = new InFlight[16];
    private int _inFlightCount;
    private long _nextIntentId = 1;
    private readonly long[] _rejections = new long[RejectReasonCode.All.Length + 1]; // by reason; [None]: opened
    private const int AllVenues = -1;
    private DecisionRecord _record;
    private OrderIntent _intent;

    public DecisionCore(DecisionConfig config, InstrumentRegistry registry, IReadOnlyList<VenueId> venues, TimeProvider clock,
        IDecisionRecordSink records, RingBuffer<OrderIntent>? intents = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(venues);
        _registry = registry;
        _clock = clock;
        _records = records;
        _intents = intents;
        _check = new EntryCheck(config, clock.TimestampFrequency);
        Risk = new RiskBook(config);
        _cooldownTicks = (long)(config.Cooldown.TotalSeconds * clock.TimestampFrequency);
        Array.Fill(_slotOfVenue, (sbyte)-1);
        _venues = new VenueState[venues.Count];
        for (var i = 0; i < venues.Count; i++)
        {
            var id = venues[i];
            var name = registry.VenueName(id);
            VenueDirectory.TryGet(name, out var descriptor);
            var fee = config.TakerFeeRates.TryGetValue(name, out var configured) ? configured
                : descriptor?.DefaultTakerFeeRate
                  ?? throw new ArgumentException($"TakerFeeRates.{name}: venue '{name}' has no published default; set its taker fee (e.g. 0.0005).", nameof(config));
            if (_slotOfVenue[id.Index] >= 0) throw new ArgumentException($"Venue '{name}' is listed twice.", nameof(venues));
            _slotOfVenue[id.Index] = (sbyte)i;
            _venues[i] = new VenueState(id, name, fee, descriptor?.DefaultFundingIntervalHours ?? 0);
        }
    }

    public RiskBook Risk { get; }
    public DecisionConfig Config => _check.Config;

    /// <summary>Pair evaluations run (one per ordered venue pair of each re-evaluated instrument).</summary>
    public long Evaluations { get; private set; }
    public long EventsApplied { get; private set; }
    public long IntentsSent { get; private set; }
    /// <summary>Pairs that passed every protection but found the gateway ring full: not sent (and counted VENUE_DOWN).</summary>
    public long IntentsRefused { get; private set; }
    public long RecordsWritten { get; private set; }

    /// <summary>Evaluations that ended in <paramref name="reason"/>.</summary>
    public long Rejections(RejectReason reason) => _rejections[(int)reason];

    public VenueState Venue(VenueId venue) =>
        _slotOfVenue[venue.Index] is var slot and >= 0 ? _venues[slot] : throw new ArgumentException($"{venue} is not traded here.", nameof(venue));

    /// <summary>The listing of <paramref name="instrument"/> on <paramref name="venue"/>, created on first use.</summary>
    public Listing ListingOf(VenueId venue, InstrumentId instrument) =>
        Listing(_slotOfVenue[venue.Index], instrument) ?? throw new ArgumentException($"{venue} is not traded here.", nameof(venue));

    /// <summary>Instrument metadata from a venue's REST answer (at start-up; in replay, a capture's <c>rest</c> line).
    /// Takes effect at the instrument's next evaluation.</summary>
    public void ApplySpec(VenueId venue, InstrumentId instrument, InstrumentSpec spec) =>
        ListingOf(venue, instrument).ApplySpec(spec);

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Kind >= MarketEventKind.AttemptEnded) ApplyOutcome(evt);
        else if (evt.Kind != MarketEventKind.None && !evt.Instrument.IsNone && _slotOfVenue[evt.Venue.Index] is var slot and >= 0)
        {
            Listing(slot, evt.Instrument)!.Apply(evt);
            EventsApplied++;
            MarkDirty(evt.Instrument, evt.ReceivedTimestamp, 1 << slot);
        }
        if (endOfBatch) EvaluateDirty();
    }

    /// <summary>Feedback from the gateway, on this thread. An id the core does not know (a bug elsewhere) is counted, not
    /// thrown: it must not stop the decision thread.</summary>
    private void ApplyOutcome(in MarketEvent evt)
    {
        switch (evt.Kind)
        {
            case MarketEventKind.KillSwitchEngaged:
                EngageKillSwitch();
                break;
            case MarketEventKind.AttemptEnded when TryFindInFlight(evt.Outcome.IntentId, out var i) && !_inFlight[i].Opened:
                OnAttemptEnded(evt.Outcome.IntentId, evt.Outcome.Opened);
                break;
            case MarketEventKind.PositionClosed when TryFindInFlight(evt.Outcome.IntentId, out var i) && _inFlight[i].Opened:
                OnPositionClosed(evt.Outcome.IntentId);
                break;
            default:
                UnmatchedOutcomes++;
                break;
        }
    }

    /// <summary>Gateway feedback naming an intent not in flight (or in the wrong state): counted and ignored.</summary>
    public long UnmatchedOutcomes { get; private set; }

    public void OnBatchStart(long batchSize) { }
    public void OnStart() { }
    public void OnShutdown() { }

    /// <summary>Re-evaluates every instrument touched since the last evaluation.</summary>
    public void EvaluateDirty()
    {
        if (_dirtyCount == 0) return;
        var nowTimestamp = _clock.GetTimestamp();
        var nowNs = _clock.UnixNanoseconds();
        for (var i = 0; i < _dirtyCount; i++)
        {
            var index = _dirty[i];
            var venues = _dirtyVenues[index];
            _dirtyVenues[index] = 0;
            Evaluate(new InstrumentId((ushort)(index + 1)), venues, nowTimestamp, nowNs);
        }
        _dirtyCount = 0;
    }

    /// <summary>Re-evaluates every instrument: after a change that is not a market event (time passing, venue health,
    /// the kill switch, an attempt's end).</summary>
    public void EvaluateAll()
    {
        var instruments = _listings.Length / _venues.Length;
        for (var index = 0; index < instruments; index++) MarkDirty(new InstrumentId((ushort)(index + 1)), 0, AllVenues);
        EvaluateDirty();
    }

    public void SetVenueUp(VenueId venue, bool isUp)
    {
        Venue(venue).IsUp = isUp;
        EvaluateAll();
    }

    public void EngageKillSwitch()
    {
        Risk.EngageKillSwitch();
        EvaluateAll();
    }

    /// <summary>The gateway finished the attempt started by intent <paramref name="intentId"/>: a hedged position is
    /// open (it stays counted against the limits until <see cref="OnPositionClosed"/>), or nothing is (the reservation
    /// is released and the pair cools down).</summary>
    public void OnAttemptEnded(long intentId, bool opened)
    {
        var i = FindInFlight(intentId);
        var attempt = _inFlight[i];
        if (attempt.Opened) throw new InvalidOperationException($"The attempt of intent {intentId} has already ended.");
        Risk.AttemptEnded(attempt.Instrument, attempt.Long, attempt.Short);
        if (!opened)
        {
            Risk.Remove(attempt.Instrument, attempt.Long, attempt.Short, attempt.Notional);
            Risk.StartCooldown(attempt.Instrument, attempt.Long, attempt.Short, _clock.GetTimestamp() + _cooldownTicks);
            _inFlight[i] = _inFlight[--_inFlightCount];
        }
        else _inFlight[i].Opened = true;
        MarkDirty(attempt.Instrument, 0, AllVenues);
        EvaluateDirty();
    }

    /// <summary>The position opened by intent <paramref name="intentId"/> is confirmed flat on both venues.</summary>
    public void OnPositionClosed(long intentId)
    {
        var i = FindInFlight(intentId);
        var position = _inFlight[i];
        if (!position.Opened) throw new InvalidOperationException($"Intent {intentId} has not opened a position (its attempt has not ended).");
        Risk.Remove(position.Instrument, position.Long, position.Short, position.Notional);
        _inFlight[i] = _inFlight[--_inFlightCount];
        MarkDirty(position.Instrument, 0, AllVenues);
        EvaluateDirty();
    }

    /// <summary>Evaluates the instrument's ordered pairs that include a venue in <paramref name="touchedVenues"/>: an
    /// event on one venue changes nothing the other venues' pairs among themselves are judged on.</summary>
    private void Evaluate(InstrumentId instrument, int touchedVenues, long nowTimestamp, long nowNs)
    {
        var nowMs = nowNs / 1_000_000;
        var venues = _venues.Length;
        var baseIndex = instrument.Index * venues;
        for (var l = 0; l < venues; l++)
        {
            var longSide = _listings[baseIndex + l];
            if (longSide is not { HasMarketData: true }) continue;
            for (var s = 0; s < venues; s++)
            {
                if (s == l || (((touchedVenues >> l) | (touchedVenues >> s)) & 1) == 0
                    || _listings[baseIndex + s] is not { HasMarketData: true } shortSide) continue;
                _record.Reset(nowNs, instrument, longSide.Venue.Id, shortSide.Venue.Id);
                var reason = _check.Evaluate(longSide, shortSide, Risk, nowTimestamp, nowMs, ref _record, ref _intent);
                if (reason == RejectReason.None && !Send(nowTimestamp, instrument)) reason = RejectReason.VenueDown;
                _record.Reason = reason;
                _record.Verdict = reason == RejectReason.None ? Verdict.Open : Verdict.Reject;
                Evaluations++;
                _rejections[(int)reason]++;
                ref var last = ref _lastVerdict[(baseIndex + l) * venues + s];
                var now = (byte)(((int)_record.Verdict << 7 | (int)reason) + 1);
                if (last == now && reason != RejectReason.None) continue; // every intent sent gets its record
                // A record the sink could not take leaves the last verdict as it was, so the change is written next time.
                if (!_records.Write(_record)) continue;
                last = now;
                RecordsWritten++;
            }
        }
    }

    private bool Send(long nowTimestamp, InstrumentId instrument)
    {
        long sequence = 0;
        if (_intents is not null && !_intents.TryNext(out sequence))
        {
            IntentsRefused++;
            return false;
        }
        _intent.IntentId = _nextIntentId++;
        _intent.DecisionTimestamp = nowTimestamp;
        _intent.TriggerReceivedTimestamp = _triggerTimestamp[instrument.Index];
        if (_intents is not null)
        {
            _intents[sequence] = _intent;
            _intents.Publish(sequence);
        }
        Risk.Add(instrument, _intent.LongVenue, _intent.ShortVenue, _intent.Notional);
        Risk.AttemptStarted(instrument, _intent.LongVenue, _intent.ShortVenue);
        if (_inFlightCount == _inFlight.Length) Array.Resize(ref _inFlight, _inFlight.Length * 2);
        _inFlight[_inFlightCount++] = new InFlight(_intent.IntentId, instrument, _intent.LongVenue, _intent.ShortVenue, _intent.Notional);
        IntentsSent++;
        return true;
    }

    private bool TryFindInFlight(long intentId, out int index)
    {
        for (index = 0; index < _inFlightCount; index++)
            if (_inFlight[index].IntentId == intentId) return true;
        return false;
    }

    private int FindInFlight(long intentId)
    {
        for (var i = 0; i < _inFlightCount; i++)
            if (_inFlight[i].IntentId == intentId) return i;
        throw new ArgumentException($"No attempt or position with intent id {intentId} is known.", nameof(intentId));
    }

    private Listing? Listing(int slot, InstrumentId instrument)
    {
        if (slot < 0 || instrument.IsNone) return null;
        var index = instrument.Index * _venues.Length + slot;
        if (index >= _listings.Length) Grow(instrument.Index + 1);
        return _listings[index] ??= new Listing(_venues[slot], instrument);
    }

    private void MarkDirty(InstrumentId instrument, long receivedTimestamp, int venueSlots)
    {
        var index = instrument.Index;
        if (index >= _dirtyVenues.Length) Grow(index + 1);
        if (receivedTimestamp > _triggerTimestamp[index]) _triggerTimestamp[index] = receivedTimestamp;
        if (_dirtyVenues[index] == 0) _dirty[_dirtyCount++] = index;
        _dirtyVenues[index] |= venueSlots;
    }

    /// <summary>Room for <paramref name="instruments"/> instruments and more: only when an instrument is first seen.</summary>
    private void Grow(int instruments)
    {
        var capacity = Math.Max(instruments, Math.Max(_registry.InstrumentCount, _dirtyVenues.Length * 2));
        var venues = _venues.Length;
        Array.Resize(ref _listings, capacity * venues);
        Array.Resize(ref _lastVerdict, capacity * venues * venues);
        Array.Resize(ref _triggerTimestamp, capacity);
        Array.Resize(ref _dirtyVenues, capacity);
        Array.Resize(ref _dirty, capacity);
    }

    private record struct InFlight(long IntentId, InstrumentId Instrument, VenueId Long, VenueId Short, double Notional)
    {
        public bool Opened;
    }
}
