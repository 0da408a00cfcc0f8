using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>Every entry protection for one ordered pair — long on one listing, short on the other — in the order
/// <see cref="RejectReason"/> gives. Fills the decision record with each component it reaches and, when the pair
/// passes, the order intent. Pure arithmetic over state it is handed: no allocation, no clock reads.</summary>
public sealed class EntryCheck
{
    private const double Bps = 10_000;

    private readonly DecisionConfig _config;
    private readonly long _maxFundingAgeTicks;
    private readonly long _maxBookAgeTicks;
    private readonly long _holdMs;
    private readonly long _blackoutBeforeMs;
    private readonly long _blackoutAfterMs;

    /// <param name="timestampFrequency">Ticks per second of the engine clock (<see cref="TimeProvider.TimestampFrequency"/>).</param>
    public EntryCheck(DecisionConfig config, long timestampFrequency)
    {
        var problems = config.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid decision config: " + string.Join("; ", problems), nameof(config));
        _config = config;
        _maxFundingAgeTicks = ToTicks(config.MaxFundingAge, timestampFrequency);
        _maxBookAgeTicks = ToTicks(config.MaxBookAge, timestampFrequency);
        _holdMs = (long)config.PlannedHold.TotalMilliseconds;
        _blackoutBeforeMs = (long)config.SettlementBlackoutBefore.TotalMilliseconds;
        _blackoutAfterMs = (long)config.SettlementBlackoutAfter.TotalMilliseconds;
    }

    public DecisionConfig Config => _config;

    /// <param name="nowTimestamp">Engine-clock ticks, for data ages and cooldowns.</param>
    /// <param name="nowMs">Unix ms, for settlement times.</param>
    /// <returns><see cref="RejectReason.None"/> when the pair should open; <paramref name="intent"/> is then filled but
    /// for its id and timestamps.</returns>
    public RejectReason Evaluate(Listing longSide, Listing shortSide, RiskBook risk, long nowTimestamp, long nowMs,
        ref DecisionRecord record, ref OrderIntent intent)
    {
        // 0. Funding a diff can be computed from.
        if (!IsFundingFresh(longSide, nowTimestamp, nowMs) || !IsFundingFresh(shortSide, nowTimestamp, nowMs))
            return RejectReason.StaleData;
        var longLeg = new FundingLeg(longSide.Funding.Latest.Rate.ToDouble(),
            new SettlementSchedule(longSide.Funding.Latest.NextFundingTimeMs, longSide.FundingIntervalHours));
        var shortLeg = new FundingLeg(shortSide.Funding.Latest.Rate.ToDouble(),
            new SettlementSchedule(shortSide.Funding.Latest.NextFundingTimeMs, shortSide.FundingIntervalHours));

        // 1–2. The normalised diff pays us, by enough.
        var diff = ExpectedFunding.DiffPerHour(longLeg, shortLeg);
        record.DiffPerHour = diff;
        if (!(diff > 0)) return RejectReason.NegativeDiff;
        if (diff < _config.MinDiffPerHour) return RejectReason.BelowMinDiff;

        // 3. Timing: outside both venues' blackout windows, and a settlement that pays us within the planned hold.
        if (InBlackout(longLeg.Schedule, nowMs) || InBlackout(shortLeg.Schedule, nowMs)) return RejectReason.SettlementWindow;
        var firstPaying = long.MaxValue;
        if (shortLeg.RatePerSettlement > 0) firstPaying = shortLeg.Schedule.FirstAfter(nowMs);
        if (longLeg.RatePerSettlement < 0) firstPaying = Math.Min(firstPaying, longLeg.Schedule.FirstAfter(nowMs));
        if (firstPaying >= nowMs + _holdMs) return RejectReason.HoldTooShort;
        var funding = ExpectedFunding.OverHold(longLeg, shortLeg, nowMs, nowMs + _holdMs);
        record.FundingBps = funding * Bps;

        // Venues and books the rest is computed from.
        if (!longSide.Venue.IsUp || !shortSide.Venue.IsUp || longSide.Rules.IsHalted || shortSide.Rules.IsHalted)
            return RejectReason.VenueDown;
        if (!longSide.IsBookUsable || !shortSide.IsBookUsable) return RejectReason.BookOutOfSync;
        var longBook = longSide.Book;
        var shortBook = shortSide.Book;
        if (!longBook.TryGetMid(out var longMid) || !shortBook.TryGetMid(out var shortMid))
            return RejectReason.BookOutOfSync;
        if (nowTimestamp - longBook.ReceivedTimestamp > _maxBookAgeTicks || nowTimestamp - shortBook.ReceivedTimestamp > _maxBookAgeTicks)
            return RejectReason.StaleData;

        // Size: the same base quantity on both legs, on a lot both accept, within the risk limits.
        if (!longSide.Rules.CanTrade || !shortSide.Rules.CanTrade) return RejectReason.StaleData; // no metadata yet
        var instrument = longSide.Instrument;
        if (risk.IsPairFull(instrument, longSide.Venue.Id, shortSide.Venue.Id)
            || risk.HasAttemptInFlight(instrument, longSide.Venue.Id, shortSide.Venue.Id)) return RejectReason.RiskLimit;
        var notionalCap = Math.Min(_config.TargetNotional, risk.Headroom(instrument, longSide.Venue.Id, shortSide.Venue.Id));
        var reference = (longMid + shortMid) / 2;
        var step = CommonLot.Step(longSide.Rules.LotStepBase, shortSide.Rules.LotStepBase);
        if (notionalCap <= 0 || step.IsZero) return RejectReason.RiskLimit;
        var quantity = new Quantity((long)Math.Min(Math.Floor(notionalCap / reference * Quantity.One), long.MaxValue)).RoundDown(step);
        var longLimit = FloorPrice(longMid * (1 + _config.SlippageTolerance)).RoundDown(longSide.Rules.TickSize);
        var shortLimit = CeilingPrice(shortMid * (1 - _config.SlippageTolerance)).RoundUp(shortSide.Rules.TickSize);
        if (!quantity.IsPositive || !longLimit.IsPositive || !shortLimit.IsPositive
            || quantity < longSide.Rules.MinQuantityBase || quantity < shortSide.Rules.MinQuantityBase
            || quantity.NotionalAt(new Price((long)(Math.Min(longMid, longLimit.ToDouble()) * Price.One))) < longSide.Rules.MinNotional
            || quantity.NotionalAt(shortLimit) < shortSide.Rules.MinNotional)
            return RejectReason.RiskLimit;
        var notional = quantity.ToDouble() * reference;
        record.BaseQuantity = quantity;
        record.Notional = notional;

        // 2. Net edge: funding − four taker fees − slippage walking each book − entry basis.
        var longQuantity = longSide.Rules.ToVenueQuantity(quantity);
        var shortQuantity = shortSide.Rules.ToVenueQuantity(quantity);
        if (!longBook.Asks.TryWalk(longQuantity, out var longAverage, out var longWorst)
            || !shortBook.Bids.TryWalk(shortQuantity, out var shortAverage, out var shortWorst))
            return RejectReason.InsufficientLiquidity; // the known book cannot fill the size at any price
        var fees = 2 * (longSide.Venue.TakerFeeRate + shortSide.Venue.TakerFeeRate);
        var slippage = (longAverage - longMid + (shortMid - shortAverage)) / reference;
        // An adverse entry basis (buying dearer than we sell) is a cost; a favourable one is not counted as income: it is
        // only earned if the gap closes by the exit, and a structural gap between venues comes back out when we close.
        var basis = Math.Max(0, (longMid - shortMid) / reference);
        var edge = funding - fees - slippage - basis;
        record.FeesBps = fees * Bps;
        record.SlippageBps = slippage * Bps;
        record.BasisBps = basis * Bps;
        record.EdgeBps = edge * Bps;
        record.EdgeQuote = edge * notional;
        if (!(record.EdgeBps >= _config.MinEdgeBps)) return RejectReason.BelowMinEdge;

        // 4. Liquidity on the side each leg takes: the walk stays inside the limit price, and the order is a small share
        // of the depth near mid and deep enough far from it.
        if (longWorst > longLimit || shortWorst < shortLimit) return RejectReason.InsufficientLiquidity;
        if (!IsDeepEnough(longSide, longBook.Asks, longMid, +1, notional) || !IsDeepEnough(shortSide, shortBook.Bids, shortMid, -1, notional))
            return RejectReason.InsufficientLiquidity;

        // The engine's own state: the pair would open.
        if (risk.InCooldown(instrument, longSide.Venue.Id, shortSide.Venue.Id, nowTimestamp)) return RejectReason.Cooldown;
        if (risk.KillSwitchEngaged) return RejectReason.KillSwitch;

        intent.Instrument = instrument;
        intent.LongVenue = longSide.Venue.Id;
        intent.ShortVenue = shortSide.Venue.Id;
        intent.BaseQuantity = quantity;
        intent.LongQuantity = longQuantity;
        intent.ShortQuantity = shortQuantity;
        intent.LongLimitPrice = longLimit;
        intent.ShortLimitPrice = shortLimit;
        intent.Notional = notional;
        intent.ExpectedEdgeBps = record.EdgeBps;
        intent.DiffPerHour = diff;
        return RejectReason.None;
    }

    private bool IsFundingFresh(Listing listing, long nowTimestamp, long nowMs)
    {
        ref readonly var funding = ref listing.Funding;
        return funding.Has(FundingFields.Rate | FundingFields.NextFundingTime)
               && listing.FundingIntervalHours is >= 1 and <= 24
               && nowTimestamp - funding.RateTimestamp <= _maxFundingAgeTicks
               && nowMs < funding.Latest.NextFundingTimeMs; // past it, the rate we hold was for a settlement already paid
    }

    private bool InBlackout(in SettlementSchedule schedule, long nowMs) =>
        schedule.NextSettlementMs - nowMs < _blackoutBeforeMs
        || nowMs - (schedule.NextSettlementMs - schedule.IntervalMs) < _blackoutAfterMs;

    /// <param name="direction">+1 for asks (prices above mid), −1 for bids.</param>
    private bool IsDeepEnough(Listing listing, BookSide side, double mid, int direction, double notional)
    {
        var contract = listing.Rules.ContractSize.ToDouble();
        var nearNeeded = notional / _config.MaxImpactNear;
        var farNeeded = notional / _config.MaxImpactFar;
        var near = side.NotionalThrough(BandLimit(mid, direction * _config.NearBand), nearNeeded / contract) * contract;
        if (near < nearNeeded) return false;
        var far = side.NotionalThrough(BandLimit(mid, direction * _config.FarBand), farNeeded / contract) * contract;
        return far >= farNeeded;
    }

    // The band's edge rounded outward, so a level exactly on it counts.
    private static Price BandLimit(double mid, double offset) =>
        offset > 0 ? CeilingPrice(mid * (1 + offset)) : FloorPrice(mid * (1 + offset));

    private static Price FloorPrice(double price) => new((long)Math.Floor(price * Price.One));
    private static Price CeilingPrice(double price) => new((long)Math.Ceiling(price * Price.One));

    private static long ToTicks(TimeSpan span, long frequency) => (long)(span.TotalSeconds * frequency);
}
