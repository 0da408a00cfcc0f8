using FundingArb.Decision;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;

namespace FundingArb.Bench.Decision;

/// <summary>A decision core over 3 or 5 venues and 50 instruments in steady state, and a cycle of market events to feed
/// it: what <see cref="DecisionCoreBenchmarks"/> measures.</summary>
/// <remarks>
/// <para>Venues: binance, bybit, okx (published taker fees 5 / 5.5 / 5 bps), then venue4 (5 bps, configured) and venue5
/// (4 bps, configured; funding every 4 h, so its rates are compared normalised). OKX trades contracts.</para>
/// <para>Instruments: 50, at six price magnitudes (100 000 down to 1), each with Binance-like rules (tick 10⁻⁶ of the
/// price, lot ≈ 10 USDT, minimum notional 5) or OKX's (contracts of ≈ 1 000 USDT, lot 0.01 contract). Every listing has
/// fresh funding (mark, index, rate, next settlement) and a 200-level-a-side snapshot applied in four 64-level parts,
/// like a depth stream's. Mids differ by 0.2 bp per venue (a small basis). The clock is a
/// <see cref="VirtualClock"/> that never moves: nothing goes stale.</para>
/// <para>Ten instrument profiles, by index mod 10 — the rates pick how far each positive-diff pair gets, the book how
/// long its walks are:</para>
/// <list type="bullet">
/// <item>0–3 flat rates (0.01 %/8 h ± 10⁻⁷): every positive-diff pair stops at BELOW_MIN_DIFF; books deep (0, 1) or
/// medium (2, 3);</item>
/// <item>4–6 spread rates (0.01 % + 0.012 % per venue, up to 14 bps over the 24 h hold, under the ≈ 20 bps of four taker
/// fees): full book path — sizing, both walks, edge — then BELOW_MIN_EDGE; deep (4) or medium (5, 6);</item>
/// <item>7 one venue at 0.3 %/8 h, deep books: every pair shorting it opened at start-up (the gateway said filled), so in
/// steady state it is RISK_LIMIT (one open position per pair) right after the book-usable checks;</item>
/// <item>8 one venue at 0.5 %/8 h, thin books (150 USDT a level, 10 bp apart): edge passes, the walk for 1 000 USDT
/// goes past the 0.2 % limit price: INSUFFICIENT_LIQUIDITY, the whole book path every time;</item>
/// <item>9 one venue at −0.2 %/8 h, medium books: every pair longing it was attempted at start-up and failed, so it
/// is in COOLDOWN: the longest path of all (walks, edge, both depth bands on both legs) every time.</item>
/// </list>
/// <para>Deep: 1 tick apart, 50 000 USDT a level; medium: 1 bp apart, 3 000 USDT a level; thin: 10 bp apart, 150 USDT a
/// level (each level ×1.0–1.6 by depth).</para>
/// <para>The event cycle, per listing: a delta changing the quantity at depth 1 on both sides, a delta removing the
/// level at depth 2 on both sides, a funding update, a delta putting those levels back, a delta restoring depth 1 —
/// so after each cycle every book is as it started. Each of the five rounds visits all listings in its own shuffled
/// order. 4 book events to 1 funding event.</para>
/// </remarks>
public sealed class DecisionBenchMarket
{
    public const int Instruments = 50;
    public const int LevelsPerSide = 200;
    public const int RoundsPerListing = 5;

    /// <summary>2026-11-25 00:30 UTC: half an hour after an 8 h settlement, clear of every blackout.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 0, 30, 0, TimeSpan.Zero);

    private static readonly string[] VenueNames = ["binance", "bybit", "okx", "venue4", "venue5"];
    private const int Venue5 = 4;  // funding every 4 h
    private const int Okx = 2;     // contracts
    private static readonly string[] Bases =
    [
        "BTC", "ETH", "SOL", "XRP", "BNB", "DOGE", "ADA", "TRX", "AVAX", "LINK",
        "DOT", "TON", "SHIB", "LTC", "BCH", "NEAR", "UNI", "APT", "ICP", "ETC",
        "FIL", "ATOM", "ARB", "OP", "SUI", "INJ", "STX", "IMX", "HBAR", "VET",
        "MKR", "AAVE", "RNDR", "GRT", "ALGO", "SEI", "TIA", "FTM", "SAND", "MANA",
        "AXS", "EGLD", "FLOW", "XTZ", "CHZ", "KAVA", "GALA", "APE", "CRV", "DYDX",
    ];

    private readonly Sequence _intentReader = new();
    private readonly long _nowTimestamp;
    private readonly long _nowMs;
    private readonly long _next8hMs;
    private readonly long _next4hMs;
    private long _updateId;
    private long _sequence;

    public DecisionBenchMarket(int venues)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(venues, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(venues, VenueNames.Length);
        Venues = venues;
        Clock = new VirtualClock(Start);
        _nowTimestamp = Clock.GetTimestamp();
        _nowMs = Start.ToUnixTimeMilliseconds();
        _next8hMs = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        _next4hMs = new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        VenueIds = new VenueId[venues];
        for (var v = 0; v < venues; v++) VenueIds[v] = Registry.AddVenue(VenueNames[v]);
        InstrumentIds = new InstrumentId[Instruments];
        for (var i = 0; i < Instruments; i++) InstrumentIds[i] = Registry.Intern(Bases[i], "USDT");

        Intents = RingBuffer<OrderIntent>.CreateSingleProducer(1024);
        Intents.AddGatingSequences(_intentReader);
        var config = DecisionConfig.Default with
        {
            TakerFeeRates = new Dictionary<string, double> { ["venue4"] = 0.0005, ["venue5"] = 0.0004 },
        };
        Core = new DecisionCore(config, Registry, VenueIds, Clock, Sink, Intents);

        // Start-up: metadata, then funding and a snapshot for every listing, evaluated as one batch.
        for (var i = 0; i < Instruments; i++)
        for (var v = 0; v < venues; v++)
            Core.ApplySpec(VenueIds[v], InstrumentIds[i], Spec(i, v));
        var scratch = new MarketEvent();
        for (var i = 0; i < Instruments; i++)
        for (var v = 0; v < venues; v++)
        {
            BuildFunding(ref scratch, i, v);
            Core.OnEvent(ref scratch, _sequence++, endOfBatch: false);
            for (var part = 0; part * BookLevels.Capacity < LevelsPerSide; part++)
            {
                BuildSnapshotPart(ref scratch, i, v, part);
                Core.OnEvent(ref scratch, _sequence++, endOfBatch: false);
            }
        }
        Core.EvaluateDirty();

        // The gateway answers the start-up attempts: profile 7 opened (a position per pair, held), profile 9 failed
        // (the pair cools down for 5 min, which never pass on this clock).
        var expectedIntents = 2 * (Instruments / 10) * (venues - 1);
        if (Core.IntentsSent != expectedIntents)
            throw new InvalidOperationException($"Start-up sent {Core.IntentsSent} intents, expected {expectedIntents}. {Describe(Core)}");
        for (var s = _intentReader.Value + 1; s <= Intents.Cursor; s++)
        {
            var intent = Intents[s];
            var profile = (intent.Instrument.Index) % 10;
            Core.OnAttemptEnded(intent.IntentId, opened: profile == 7);
        }
        _intentReader.Set(Intents.Cursor);

        Events = BuildCycle();
    }

    public int Venues { get; }
    public VirtualClock Clock { get; }
    public InstrumentRegistry Registry { get; } = new();
    public VenueId[] VenueIds { get; }
    public InstrumentId[] InstrumentIds { get; }
    public NullRecordSink Sink { get; } = new();
    public RingBuffer<OrderIntent> Intents { get; }
    public DecisionCore Core { get; }

    /// <summary>One cycle: <see cref="RoundsPerListing"/> events per listing; applying all of them in order leaves every
    /// book and funding state as it was.</summary>
    public MarketEvent[] Events { get; }

    public long NextSequence() => _sequence++;

    /// <summary>The share of pair evaluations ending in each reason, from the core's counters, e.g. after one cycle.</summary>
    public static string Describe(DecisionCore core)
    {
        var parts = new List<string>();
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            var n = core.Rejections(reason);
            if (n > 0) parts.Add($"{reason} {n}");
        }
        return $"{core.Evaluations} evaluations: " + string.Join(", ", parts);
    }

    private static int Profile(int instrument) => instrument % 10;
    private static int Magnitude(int instrument) => 5 - instrument % 6; // price ≈ 10^magnitude
    private int DislocatedVenue(int instrument) => instrument / 10 % Venues;

    /// <summary>Funding per 8 h for venue <paramref name="v"/> (a 4 h venue pays half of it each settlement).</summary>
    private double RatePer8h(int instrument, int v)
    {
        var flat = 0.0001 + 1e-7 * v;
        return Profile(instrument) switch
        {
            4 or 5 or 6 => 0.0001 + 0.00012 * v,
            7 when v == DislocatedVenue(instrument) => 0.003,
            8 when v == DislocatedVenue(instrument) => 0.005,
            9 when v == DislocatedVenue(instrument) => -0.002,
            _ => flat,
        };
    }

    private static long Pow10(int e)
    {
        long x = 1;
        for (var k = 0; k < e; k++) x *= 10;
        return x;
    }

    private static long TickRaw(int instrument) => Pow10(Magnitude(instrument) + 4);       // 10^-6 of the price
    private static long LotRaw(int instrument, int v) =>
        v == Okx ? 1_000_000 : Pow10(9 - Magnitude(instrument));                             // 0.01 contract; ≈ 10 USDT
    private static long ContractRaw(int instrument) => Pow10(11 - Magnitude(instrument));    // OKX ctVal ≈ 1 000 USDT

    private static InstrumentSpec Spec(int i, int v) => v == Okx
        ? new InstrumentSpec
        {
            VenueSymbol = Bases[i] + "-USDT-SWAP", TickSize = new Price(TickRaw(i)), LotStep = new Quantity(LotRaw(i, v)),
            MinQuantity = new Quantity(LotRaw(i, v)), ContractSize = new Quantity(ContractRaw(i)),
        }
        : new InstrumentSpec
        {
            VenueSymbol = Bases[i] + "USDT", TickSize = new Price(TickRaw(i)), LotStep = new Quantity(LotRaw(i, v)),
            MinQuantity = new Quantity(LotRaw(i, v)), MinNotional = 5,
            FundingIntervalHours = v == 1 ? 8 : null, // Bybit says it in instruments-info; Binance has a default
        };

    private (long MidRaw, long HalfSpreadRaw, long SpacingRaw, double LevelNotional) Book(int i, int v)
    {
        var tick = TickRaw(i);
        var (spacingTicks, levelNotional) = Profile(i) switch
        {
            0 or 1 or 4 or 7 => (1L, 50_000.0),
            8 => (1000L, 150.0),
            _ => (100L, 3_000.0),
        };
        var mid = (double)Pow10(Magnitude(i)) * Price.One * (1 + 2e-5 * v);
        var midRaw = (long)Math.Round(mid / tick) * tick;
        return (midRaw, Math.Max(1, spacingTicks / 2) * tick, spacingTicks * tick, levelNotional);
    }

    /// <summary>The venue quantity resting at depth <paramref name="depth"/>, a whole number of lots.</summary>
    private Quantity LevelQuantity(int i, int v, int depth, double scale = 1)
    {
        var (midRaw, _, _, levelNotional) = Book(i, v);
        var baseQuantity = levelNotional * (1 + 0.1 * (depth % 7)) * scale / (midRaw / (double)Price.One);
        var venueQuantity = v == Okx ? baseQuantity / (ContractRaw(i) / (double)Quantity.One) : baseQuantity;
        var lot = LotRaw(i, v);
        var lots = Math.Max(1, (long)Math.Round(venueQuantity * Quantity.One / lot));
        return new Quantity(lots * lot);
    }

    private Price LevelPrice(int i, int v, BookSideKind side, int depth)
    {
        var (midRaw, half, spacing, _) = Book(i, v);
        return new Price(side == BookSideKind.Bid ? midRaw - half - depth * spacing : midRaw + half + depth * spacing);
    }

    private void NewEvent(ref MarketEvent evt, MarketEventKind kind, int i, int v)
    {
        evt.Reset(kind, VenueIds[v], _nowTimestamp);
        evt.Instrument = InstrumentIds[i];
        evt.ExchangeTimeMs = _nowMs;
    }

    private void BuildFunding(ref MarketEvent evt, int i, int v)
    {
        NewEvent(ref evt, MarketEventKind.Funding, i, v);
        var per8h = RatePer8h(i, v);
        var perSettlement = v == Venue5 ? per8h / 2 : per8h;
        ref var funding = ref evt.Funding;
        funding.Rate = new FundingRate((long)Math.Round(perSettlement * 1e10) * 100_000_000); // 10 decimals, exact
        funding.NextFundingTimeMs = v == Venue5 ? _next4hMs : _next8hMs;
        funding.MarkPrice = new Price(Book(i, v).MidRaw);
        funding.IndexPrice = funding.MarkPrice;
        funding.Fields = FundingFields.Rate | FundingFields.NextFundingTime | FundingFields.MarkPrice | FundingFields.IndexPrice;
        if (v is Okx or 3 or Venue5)
        {
            funding.IntervalHours = (byte)(v == Venue5 ? 4 : 8);
            funding.Fields |= FundingFields.IntervalHours;
        }
    }

    private void BuildSnapshotPart(ref MarketEvent evt, int i, int v, int part)
    {
        NewEvent(ref evt, MarketEventKind.BookSnapshot, i, v);
        if (part == 0) _updateId++;
        evt.Book.UpdateId = _updateId;
        evt.Book.Part = (ushort)part;
        var from = part * BookLevels.Capacity;
        var to = Math.Min(LevelsPerSide, from + BookLevels.Capacity);
        evt.Book.More = to < LevelsPerSide;
        for (var depth = from; depth < to; depth++)
        {
            Add(ref evt, BookSideKind.Bid, LevelPrice(i, v, BookSideKind.Bid, depth), LevelQuantity(i, v, depth));
            Add(ref evt, BookSideKind.Ask, LevelPrice(i, v, BookSideKind.Ask, depth), LevelQuantity(i, v, depth));
        }
    }

    /// <summary>A delta setting depth <paramref name="depth"/> on both sides to <paramref name="scale"/> × its snapshot
    /// quantity; 0 removes the level.</summary>
    private void BuildDelta(ref MarketEvent evt, int i, int v, int depth, double scale)
    {
        NewEvent(ref evt, MarketEventKind.BookDelta, i, v);
        evt.Book.UpdateId = ++_updateId;
        evt.Book.PrevUpdateId = _updateId - 1;
        var quantity = scale == 0 ? Quantity.Zero : LevelQuantity(i, v, depth, scale);
        Add(ref evt, BookSideKind.Bid, LevelPrice(i, v, BookSideKind.Bid, depth), quantity);
        Add(ref evt, BookSideKind.Ask, LevelPrice(i, v, BookSideKind.Ask, depth), quantity);
    }

    private static void Add(ref MarketEvent evt, BookSideKind side, Price price, Quantity quantity)
    {
        if (!evt.Book.TryAdd(side, price, quantity)) throw new InvalidOperationException("Book part full.");
    }

    private MarketEvent[] BuildCycle()
    {
        var listings = Instruments * Venues;
        var events = new MarketEvent[RoundsPerListing * listings];
        var random = new Random(20261125);
        var order = new int[listings];
        for (var round = 0; round < RoundsPerListing; round++)
        {
            for (var j = 0; j < listings; j++) order[j] = j;
            random.Shuffle(order);
            for (var j = 0; j < listings; j++)
            {
                var (i, v) = (order[j] / Venues, order[j] % Venues);
                ref var evt = ref events[round * listings + j];
                switch (round)
                {
                    case 0: BuildDelta(ref evt, i, v, depth: 1, scale: 1.5); break;
                    case 1: BuildDelta(ref evt, i, v, depth: 2, scale: 0); break;
                    case 2: BuildFunding(ref evt, i, v); break;
                    case 3: BuildDelta(ref evt, i, v, depth: 2, scale: 1); break;
                    default: BuildDelta(ref evt, i, v, depth: 1, scale: 1); break;
                }
            }
        }
        return events;
    }
}
