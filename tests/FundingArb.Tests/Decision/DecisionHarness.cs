using FundingArb.Decision;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;

namespace FundingArb.Tests.Decision;

/// <summary>A decision core over three real venues (binance, bybit, okx) and one instrument, on the virtual clock, fed
/// market events built the way the parsers build them; records and intents are collected for the test to read.</summary>
internal sealed class DecisionHarness
{
    /// <summary>2026-11-25 00:30 UTC: half an hour after an 8 h settlement, clear of any blackout.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 0, 30, 0, TimeSpan.Zero);
    public static readonly long Next8h = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    public static readonly long Next1h = new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public DecisionHarness(DecisionConfig? config = null, int intentCapacity = 64, DateTimeOffset? start = null)
    {
        Clock = new VirtualClock(start ?? Start);
        Binance = Registry.AddVenue("binance");
        Bybit = Registry.AddVenue("bybit");
        Okx = Registry.AddVenue("okx");
        Btc = Registry.Intern("BTC", "USDT");
        Intents = RingBuffer<OrderIntent>.CreateSingleProducer(intentCapacity);
        IntentReader = new Sequence();
        Intents.AddGatingSequences(IntentReader);
        Core = new DecisionCore(config ?? DecisionConfig.Default, Registry, [Binance, Bybit, Okx], Clock, Records, Intents);
    }

    public VirtualClock Clock { get; }
    public InstrumentRegistry Registry { get; } = new();
    public VenueId Binance { get; }
    public VenueId Bybit { get; }
    public VenueId Okx { get; }
    public InstrumentId Btc { get; }
    public RecordingSink Records { get; } = new();
    public RingBuffer<OrderIntent> Intents { get; }
    public Sequence IntentReader { get; }
    public DecisionCore Core { get; }
    private long _sequence;

    /// <summary>Binance/Bybit-like BTC rules (tick 0.1, lot 0.001, min notional 5); OKX's in contracts of 0.01 BTC.</summary>
    public void StandardRules()
    {
        Rules(Binance, new InstrumentSpec { VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"), MinNotional = 5 });
        Rules(Bybit, new InstrumentSpec { VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"), MinNotional = 5, FundingIntervalHours = 8 });
        Rules(Okx, new InstrumentSpec { VenueSymbol = "BTC-USDT-SWAP", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.01"),
            MinQuantity = Quantity.Parse("0.01"), ContractSize = Quantity.Parse("0.01") });
    }

    public void Rules(VenueId venue, InstrumentSpec spec) => Core.ApplySpec(venue, Btc, spec);

    public void Funding(VenueId venue, string rate, long nextFundingMs, int? intervalHours = 8)
    {
        var evt = NewEvent(MarketEventKind.Funding, venue);
        evt.Funding.Rate = FundingRate.Parse(rate);
        evt.Funding.NextFundingTimeMs = nextFundingMs;
        evt.Funding.Fields = FundingFields.Rate | FundingFields.NextFundingTime;
        if (intervalHours is { } hours)
        {
            evt.Funding.IntervalHours = (byte)hours;
            evt.Funding.Fields |= FundingFields.IntervalHours;
        }
        Deliver(ref evt);
    }

    /// <summary>A snapshot with <paramref name="levels"/> levels a side, <paramref name="step"/> apart from the touch,
    /// <paramref name="quantity"/> (venue units) on each.</summary>
    public void Book(VenueId venue, double mid = 100_000, double halfSpread = 0.05, int levels = 20, double step = 0.1, string quantity = "1")
    {
        var bids = new List<(double, string)>();
        var asks = new List<(double, string)>();
        for (var i = 0; i < levels; i++)
        {
            bids.Add((mid - halfSpread - i * step, quantity));
            asks.Add((mid + halfSpread + i * step, quantity));
        }
        Book(venue, bids, asks);
    }

    public void Book(VenueId venue, IReadOnlyList<(double Price, string Quantity)> bids, IReadOnlyList<(double Price, string Quantity)> asks)
    {
        var evt = NewEvent(MarketEventKind.BookSnapshot, venue);
        evt.Book.UpdateId = ++_sequence;
        foreach (var (price, qty) in bids) Assert.True(evt.Book.TryAdd(BookSideKind.Bid, Price.Parse(Format(price)), Quantity.Parse(qty)));
        foreach (var (price, qty) in asks) Assert.True(evt.Book.TryAdd(BookSideKind.Ask, Price.Parse(Format(price)), Quantity.Parse(qty)));
        Deliver(ref evt);
    }

    public void InvalidateBook(VenueId venue)
    {
        var evt = NewEvent(MarketEventKind.BookInvalidated, venue);
        Deliver(ref evt);
    }

    /// <summary>Funding that pays long binance / short bybit 0.09 % per 8 h (the one pair that opens; okx at 0.05 % pays
    /// too little against either), books at 100 000 on all three venues.</summary>
    public void ProfitablePair(bool withRules = true)
    {
        if (withRules) StandardRules();
        Funding(Binance, "0.0001", Next8h);
        Funding(Bybit, "0.001", Next8h);
        Funding(Okx, "0.0005", Next8h);
        Book(Binance);
        Book(Bybit);
        Book(Okx, quantity: "100");
    }

    public DecisionRecord Last(VenueId longVenue, VenueId shortVenue) =>
        Records.All.Last(r => r.Long == longVenue && r.Short == shortVenue);

    public RejectReason Reason(VenueId longVenue, VenueId shortVenue) => Last(longVenue, shortVenue).Reason;

    public List<OrderIntent> TakeIntents()
    {
        var taken = new List<OrderIntent>();
        for (var s = IntentReader.Value + 1; s <= Intents.Cursor; s++) taken.Add(Intents[s]);
        IntentReader.Set(Intents.Cursor);
        return taken;
    }

    private MarketEvent NewEvent(MarketEventKind kind, VenueId venue)
    {
        var evt = new MarketEvent();
        evt.Reset(kind, venue, Clock.GetTimestamp());
        evt.Instrument = Btc;
        evt.ExchangeTimeMs = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        return evt;
    }

    /// <summary>Events are delivered as one batch until <see cref="Evaluate"/> (the batch's end), so a test sets a whole
    /// market up before the core looks at it; with <see cref="EvaluateEachEvent"/> every event ends its own batch.</summary>
    public bool EvaluateEachEvent { get; set; }

    public void Evaluate() => Core.EvaluateDirty();

    private void Deliver(ref MarketEvent evt) => Core.OnEvent(ref evt, _sequence++, endOfBatch: EvaluateEachEvent);

    private static string Format(double price) => price.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class RecordingSink : IDecisionRecordSink
{
    public List<DecisionRecord> All { get; } = [];

    /// <summary>While false, records are refused, as a full record ring refuses them.</summary>
    public bool Accepting { get; set; } = true;

    public bool Write(in DecisionRecord record)
    {
        if (Accepting) All.Add(record);
        return Accepting;
    }
}
