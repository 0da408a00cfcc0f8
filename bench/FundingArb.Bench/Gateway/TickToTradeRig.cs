using System.Diagnostics;
using System.Globalization;
using System.Text;
using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Venues.Binance;
using FundingArb.Venues.Okx;

namespace FundingArb.Bench.Gateway;

/// <summary>The in-process part of tick-to-trade, wired as the live engine wires it but on one thread and with no socket:
/// a venue's funding frame (raw UTF-8) → its <see cref="FeedSession"/> (the venue's parser writing into slots claimed on
/// a multi-producer market ring, then published) → <see cref="DecisionCore.OnEvent"/> on each published slot (apply,
/// re-evaluate the instrument's pairs, an <see cref="OrderIntent"/> onto the single-producer intent ring and a decision
/// record into a record ring) → the intent read off its ring, the two legs' trading rules looked up and its age checked
/// as <c>OrderGateway.OnIntent</c> does → <c>new ArbitrageAttempt(…).Start()</c>, which places both legs back-to-back
/// through an <see cref="IAttemptActions"/> that writes each venue's real order frame.</summary>
/// <remarks>
/// <para><b>The market.</b> Two venues, Binance and OKX, and <see cref="Instruments"/> instruments listed on both
/// (realistic rules: tick 0.01, Binance lot 0.1 and min notional 5, OKX contracts of 0.1 with lot 1). Every listing has a
/// 40-level-a-side book around 100.005 (1 tick apart, 200 base a level) and funding of 0.01 % per 8 h on the other venue,
/// 0.012 % on the trigger venue, the next settlement 4 h away: each pair is BELOW_MIN_DIFF or NEGATIVE_DIFF. A tick is the
/// trigger venue's funding frame with the rate at 0.3 % per 8 h: the pair shorting that venue now passes every protection
/// (≈ 87 bps of funding over the 24 h hold against ≈ 20 bps of fees), and the core sends one intent for ≈ 1 000 USDT a
/// leg.</para>
/// <para><b>Between rounds</b> (<see cref="ResetAll"/>, never inside a measured span): each instrument ticked since the
/// last reset gets the flat funding frame back (the pair falls to BELOW_MIN_DIFF), then the core hears its attempt ended
/// without opening (<see cref="DecisionCore.OnAttemptEnded"/>), which releases the reservation; <see cref="DecisionConfig.Cooldown"/>
/// is 0, so the next open frame opens again. The record ring is drained. Each round ticks every instrument once, in
/// order, so consecutive ticks touch different instruments' state, as live ticks mostly do.</para>
/// <para><b>Config, apart from the defaults:</b> cooldown 0 (above); book and funding freshness 1 h instead of 30 s / 3 min,
/// so books set up once stay usable for the whole run (the same comparisons run); per-venue and total notional limits
/// 10⁹ so that a round's <see cref="Instruments"/> attempts, all in flight at once, fit. The engine clock is
/// <see cref="TimeProvider.System"/> (Stopwatch ticks), as live.</para>
/// </remarks>
public sealed class TickToTradeRig : IAsyncDisposable
{
    /// <summary>Instruments, hence ticks per round between two resets.</summary>
    public const int Instruments = 1024;
    public const int LevelsPerSide = 40;

    private static readonly TimeProvider Clock = TimeProvider.System;
    private static readonly Price Tick = Price.Parse("0.01");
    private static readonly Price BestBid = Price.Parse("100.00");
    private static readonly Quantity BinanceLevel = Quantity.Parse("200");
    private static readonly Quantity OkxLevel = Quantity.Parse("2000"); // contracts of 0.1

    private readonly InstrumentRegistry _registry = new();
    private readonly VenueId _binance;
    private readonly VenueId _okx;
    private readonly InstrumentId[] _instruments = new InstrumentId[Instruments];
    private readonly RingBuffer<MarketEvent> _market = RingBuffer<MarketEvent>.CreateMultiProducer(1 << 12);
    private readonly Sequence _marketReader = new();
    private readonly RingBuffer<OrderIntent> _intents = RingBuffer<OrderIntent>.CreateSingleProducer(1 << 10);
    private readonly Sequence _intentReader = new();
    private readonly FeedSession _binanceFeed;
    private readonly FeedSession _okxFeed;
    private readonly FeedSession _triggerFeed;
    private readonly byte[][] _openFrames = new byte[Instruments][];
    private readonly byte[][] _flatFrames = new byte[Instruments][];
    private readonly Dictionary<(VenueId, InstrumentId), TradingRules> _rules = [];
    private readonly GatewayConfig _gatewayConfig = GatewayConfig.Default;
    private readonly long _maxIntentAgeTicks;
    private readonly long[] _intentIds = new long[Instruments];
    private readonly ArbitrageAttempt?[] _attempts = new ArbitrageAttempt?[Instruments];
    private readonly BinanceExecutionClient _binanceClient;
    private readonly OkxExecutionClient _okxClient;
    private readonly HttpClient _http = new();
    private int _next;

    public TickToTradeRig(TickTrigger trigger)
    {
        Trigger = trigger;
        _binance = _registry.AddVenue(BinanceMarketData.VenueName);
        _okx = _registry.AddVenue(OkxMarketData.VenueName);
        var binanceSymbols = new Dictionary<InstrumentId, string>();
        var okxSymbols = new Dictionary<InstrumentId, string>();
        for (var i = 0; i < Instruments; i++)
        {
            var name = "C" + i.ToString("D4", CultureInfo.InvariantCulture);
            var id = _instruments[i] = _registry.Intern(name, "USDT");
            _registry.MapSymbol(_binance, binanceSymbols[id] = name + "USDT", id);
            _registry.MapSymbol(_okx, okxSymbols[id] = name + "-USDT-SWAP", id);
        }

        _market.AddGatingSequences(_marketReader);
        _intents.AddGatingSequences(_intentReader);
        Decision = DecisionConfig.Default with
        {
            Cooldown = TimeSpan.Zero,
            MaxBookAge = TimeSpan.FromHours(1),
            MaxFundingAge = TimeSpan.FromHours(1),
            MaxNotionalPerVenue = 1e9,
            MaxNotionalTotal = 1e9,
        };
        Core = new DecisionCore(Decision, _registry, [_binance, _okx], Clock, Records, _intents);
        _maxIntentAgeTicks = (long)(_gatewayConfig.MaxIntentAge.TotalSeconds * Clock.TimestampFrequency);

        var binanceVenue = Venue(BinanceMarketData.VenueName);
        var okxVenue = Venue(OkxMarketData.VenueName);
        var sink = new RingEventSink(_market); // one receiving thread here; live, one sink per connection thread
        _binanceFeed = new FeedSession(_binance, binanceVenue.CreateParser(_binance, _registry), binanceVenue.CreateBookSync(), sink, new FeedCounters());
        _okxFeed = new FeedSession(_okx, okxVenue.CreateParser(_okx, _registry), okxVenue.CreateBookSync(), sink, new FeedCounters());
        _triggerFeed = trigger == TickTrigger.BinanceMarkPrice ? _binanceFeed : _okxFeed;

        var binanceCredentials = new ApiCredentials("sim-binance-key", "sim-binance-secret");
        _binanceClient = new BinanceExecutionClient(_binance, _registry, binanceCredentials,
            new BinanceExecutionOptions
            {
                Endpoints = BinanceExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new BinanceRateLimits(int.MaxValue / 2, int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), _http, Clock);
        _okxClient = new OkxExecutionClient(_okx, _registry, new ApiCredentials("sim-okx-key", "sim-okx-secret", "sim-okx-passphrase"),
            new OkxExecutionOptions
            {
                Endpoints = OkxExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new OkxRateLimits(int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), _http, Clock);
        Ours = new VenueFrameActions(Clock, _binance, _binanceClient, _okxClient);
        Conventional = new ConventionalFrameActions(Clock, _binance, binanceCredentials, binanceSymbols, okxSymbols);

        // Metadata: the same spec for the core, the gateway's rules and the clients' checks.
        for (var i = 0; i < Instruments; i++)
        {
            var id = _instruments[i];
            var binanceSpec = new InstrumentSpec
            {
                VenueSymbol = binanceSymbols[id], TickSize = Tick, LotStep = Quantity.Parse("0.1"), MinQuantity = Quantity.Parse("0.1"),
                MinNotional = 5, ContractSize = Quantity.Parse("1"), IsTrading = true,
            };
            var okxSpec = new InstrumentSpec
            {
                VenueSymbol = okxSymbols[id], TickSize = Tick, LotStep = Quantity.Parse("1"), MinQuantity = Quantity.Parse("1"),
                ContractSize = Quantity.Parse("0.1"), IsTrading = true,
            };
            Core.ApplySpec(_binance, id, binanceSpec);
            Core.ApplySpec(_okx, id, okxSpec);
            _rules[(_binance, id)] = new TradingRules(binanceSpec);
            _rules[(_okx, id)] = new TradingRules(okxSpec);
            _binanceClient.AddInstrument(id, binanceSpec);
            _okxClient.AddInstrument(id, okxSpec);
        }

        // Frames, their times from the wall clock: the next settlement 4 h away (an 8 h interval: the last one 4 h ago).
        var nowMs = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var nextMs = nowMs - nowMs % 60_000 + 4 * 3_600_000L;
        var otherFlat = new byte[Instruments][];
        for (var i = 0; i < Instruments; i++)
        {
            var (binanceName, okxName) = (binanceSymbols[_instruments[i]], okxSymbols[_instruments[i]]);
            var triggerIsBinance = trigger == TickTrigger.BinanceMarkPrice;
            _openFrames[i] = triggerIsBinance ? BinanceMarkPrice(binanceName, "0.00300000", nowMs, nextMs) : OkxFundingRate(okxName, "0.003", nowMs, nextMs);
            _flatFrames[i] = triggerIsBinance ? BinanceMarkPrice(binanceName, "0.00012000", nowMs, nextMs) : OkxFundingRate(okxName, "0.00012", nowMs, nextMs);
            otherFlat[i] = triggerIsBinance ? OkxFundingRate(okxName, "0.0001", nowMs, nextMs) : BinanceMarkPrice(binanceName, "0.00010000", nowMs, nextMs);
        }

        // Start-up: both venues' funding (frames, through the feeds) and a snapshot per listing; evaluated once.
        var otherFeed = trigger == TickTrigger.BinanceMarkPrice ? _okxFeed : _binanceFeed;
        var book = new MarketEvent();
        for (var i = 0; i < Instruments; i++)
        {
            Feed(_triggerFeed, _flatFrames[i], Stopwatch.GetTimestamp());
            Feed(otherFeed, otherFlat[i], Stopwatch.GetTimestamp());
            BuildSnapshot(ref book, _binance, _instruments[i], BinanceLevel);
            Core.OnEvent(ref book, 0, endOfBatch: false);
            BuildSnapshot(ref book, _okx, _instruments[i], OkxLevel);
            Core.OnEvent(ref book, 0, endOfBatch: true);
        }
        if (Core.IntentsSent != 0) throw new InvalidOperationException($"The flat market sent {Core.IntentsSent} intents.");
        if (Core.Rejections(RejectReason.BelowMinDiff) == 0) throw new InvalidOperationException($"The flat market was never BELOW_MIN_DIFF: {Describe()}");
        Records.Drain();
    }

    public TickTrigger Trigger { get; }
    public DecisionConfig Decision { get; }
    public DecisionCore Core { get; }
    public DrainedRecordRing Records { get; } = new();
    public VenueFrameActions Ours { get; }
    public ConventionalFrameActions Conventional { get; }
    public int OpenFrameLength => _openFrames[0].Length;

    /// <summary>Every instrument has been ticked since the last <see cref="ResetAll"/>.</summary>
    public bool RoundDone => _next == Instruments;

    /// <summary>Rounds reset by <see cref="TickNext"/> itself because the caller had not (0 when the harness resets between rounds).</summary>
    public long InlineResets { get; private set; }

    /// <summary>One tick-to-trade: the next instrument's open frame received at <paramref name="receivedTimestamp"/>
    /// (engine clock) → parsed, decided, its intent taken off the ring → an attempt started, both order frames written by
    /// <paramref name="actions"/>.</summary>
    public ArbitrageAttempt TickNext(long receivedTimestamp, IAttemptActions actions)
    {
        if (_next == Instruments) InlineReset();
        var i = _next++;
        _triggerFeed.OnFrame(_openFrames[i], receivedTimestamp);
        Consume();
        var sequence = _intentReader.Value + 1;
        if (sequence > _intents.Cursor) throw NoIntent(i);
        // As OrderGateway.OnIntent, handed the slot by reference by its poller.
        ref readonly var intent = ref _intents[sequence];
        if (!_rules.TryGetValue((intent.LongVenue, intent.Instrument), out var longRules)
            || !_rules.TryGetValue((intent.ShortVenue, intent.Instrument), out var shortRules))
            throw new InvalidOperationException("No trading rules for a leg.");
        if (actions.Now - intent.DecisionTimestamp > _maxIntentAgeTicks) throw new InvalidOperationException("Stale intent.");
        var attempt = new ArbitrageAttempt(intent, longRules, shortRules, _gatewayConfig, actions);
        attempt.Start();
        _intentIds[i] = intent.IntentId;
        _intentReader.Set(sequence);
        _attempts[i] = attempt;
        return attempt;
    }

    /// <summary>The first half only: the next instrument's open frame parsed and decided, the intent taken off its ring;
    /// no attempt.</summary>
    public long DecideNext(long receivedTimestamp)
    {
        if (_next == Instruments) InlineReset();
        var i = _next++;
        _triggerFeed.OnFrame(_openFrames[i], receivedTimestamp);
        Consume();
        var sequence = _intentReader.Value + 1;
        if (sequence > _intents.Cursor) throw NoIntent(i);
        var id = _intentIds[i] = _intents[sequence].IntentId;
        _intentReader.Set(sequence);
        return id;
    }

    /// <summary>Puts every instrument ticked since the last reset back to flat and ends its attempt unopened (see the
    /// remarks): not part of any measured span.</summary>
    public void ResetAll()
    {
        for (var i = 0; i < _next; i++)
        {
            Feed(_triggerFeed, _flatFrames[i], Stopwatch.GetTimestamp());
            if (_intentIds[i] != 0) Core.OnAttemptEnded(_intentIds[i], opened: false);
            _intentIds[i] = 0;
            _attempts[i] = null;
        }
        if (_intents.Cursor != _intentReader.Value) throw new InvalidOperationException("The reset sent an intent.");
        if (Records.Dropped != 0) throw new InvalidOperationException($"{Records.Dropped} decision records dropped: the record ring is too small for a round.");
        Records.Drain();
        _next = 0;
    }

    private void InlineReset()
    {
        InlineResets++;
        ResetAll();
    }

    private InvalidOperationException NoIntent(int i) =>
        new($"Instrument {i}: the open frame sent no intent. {Describe()}");

    public string Describe()
    {
        var parts = new List<string>();
        foreach (var reason in Enum.GetValues<RejectReason>())
            if (Core.Rejections(reason) is var n and > 0) parts.Add($"{reason} {n}");
        return $"{Core.Evaluations} evaluations, {Core.IntentsSent} intents: {string.Join(", ", parts)}";
    }

    private void Feed(FeedSession feed, byte[] frame, long receivedTimestamp)
    {
        var result = feed.OnFrame(frame, receivedTimestamp);
        if (!result.IsUsable) throw new InvalidOperationException($"Frame refused ({result.Issue}): {Encoding.UTF8.GetString(frame)}");
        Consume();
    }

    /// <summary>What the core's event processor does with a batch: every published slot by reference, the last one
    /// ending the batch (so the core evaluates once per frame).</summary>
    private void Consume()
    {
        var cursor = _market.Cursor;
        for (var s = _marketReader.Value + 1; s <= cursor; s++) Core.OnEvent(ref _market[s], s, endOfBatch: s == cursor);
        _marketReader.Set(cursor);
    }

    private static void BuildSnapshot(ref MarketEvent evt, VenueId venue, InstrumentId instrument, Quantity level)
    {
        evt.Reset(MarketEventKind.BookSnapshot, venue, Stopwatch.GetTimestamp());
        evt.Instrument = instrument;
        evt.ExchangeTimeMs = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        evt.Book.UpdateId = 1;
        evt.Book.Part = 0;
        evt.Book.More = false;
        for (var depth = 0; depth < LevelsPerSide; depth++)
        {
            if (!evt.Book.TryAdd(BookSideKind.Bid, new Price(BestBid.Raw - depth * Tick.Raw), level)
                || !evt.Book.TryAdd(BookSideKind.Ask, new Price(BestBid.Raw + (depth + 1) * Tick.Raw), level))
                throw new InvalidOperationException("Book part full.");
        }
    }

    /// <summary>A <c>&lt;symbol&gt;@markPrice@1s</c> frame as the combined stream delivers it (the docs' example's shape).</summary>
    private static byte[] BinanceMarkPrice(string symbol, string rate, long nowMs, long nextMs) => Encoding.UTF8.GetBytes(
        $$$"""{"stream":"{{{symbol.ToLowerInvariant()}}}@markPrice@1s","data":{"e":"markPriceUpdate","E":{{{nowMs}}},"s":"{{{symbol}}}","p":"100.00500000","i":"100.00412345","P":"100.00471234","r":"{{{rate}}}","T":{{{nextMs}}}}}""");

    /// <summary>A <c>funding-rate</c> push in the shape of the docs' example.</summary>
    private static byte[] OkxFundingRate(string instId, string rate, long nowMs, long nextMs) => Encoding.UTF8.GetBytes(
        $$$"""{"arg":{"channel":"funding-rate","instId":"{{{instId}}}"},"data":[{"formulaType":"noRate","fundingRate":"{{{rate}}}","fundingTime":"{{{nextMs}}}","impactValue":"","instId":"{{{instId}}}","instType":"SWAP","interestRate":"","method":"current_period","maxFundingRate":"0.00375","minFundingRate":"-0.00375","nextFundingRate":"","nextFundingTime":"{{{nextMs + 8 * 3_600_000L}}}","premium":"0.0001233824646391","settFundingRate":"0.0001699799259033","settState":"settled","ts":"{{{nowMs}}}"}]}""");

    private static IMarketDataVenue Venue(string name) =>
        VenueDirectory.TryGet(name, out var venue) ? venue : throw new InvalidOperationException($"Venue {name} is not registered.");

    public async ValueTask DisposeAsync()
    {
        await _binanceClient.DisposeAsync();
        await _okxClient.DisposeAsync();
        _http.Dispose();
    }
}
