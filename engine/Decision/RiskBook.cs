using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>The exposure the decision core may still add: open and in-flight positions per pair, notional per pair, per
/// venue and in total, cooldowns after failed attempts, and the kill switch. Owned by the decision thread.</summary>
/// <remarks>A pair is an instrument and two venues, whichever way round: long A / short B and long B / short A share
/// their limits, since one would unwind the other. Notional is quote currency per leg: a position of N on each leg
/// adds N to the pair, N to each of its two venues and N to the total.</remarks>
public sealed class RiskBook
{
    private readonly DecisionConfig _config;
    private readonly double[] _venueNotional = new double[VenueId.MaxVenues];
    private int[] _openPerPair = [];
    private double[] _notionalPerPair = [];
    private long[] _cooldownUntil = []; // engine-clock timestamp; 0: none
    private int[] _attemptsPerListing = []; // [instrument index × MaxVenues + venue index]: attempts sent, not yet ended

    public RiskBook(DecisionConfig config)
    {
        _config = config;
    }

    public double TotalNotional { get; private set; }
    public bool KillSwitchEngaged { get; private set; }

    /// <summary>No new position opens until <see cref="ReleaseKillSwitch"/> (an emergency close failed, or the operator
    /// said so). Positions already open are not touched.</summary>
    public void EngageKillSwitch() => KillSwitchEngaged = true;
    public void ReleaseKillSwitch() => KillSwitchEngaged = false;

    public int OpenPositions(InstrumentId instrument, VenueId a, VenueId b) =>
        PairIndex(instrument, a, b) is var i && i < _openPerPair.Length ? _openPerPair[i] : 0;

    public double VenueNotional(VenueId venue) => _venueNotional[venue.Index];

    /// <summary>The largest notional per leg a new position on this pair may have; 0 or less: none.</summary>
    public double Headroom(InstrumentId instrument, VenueId a, VenueId b)
    {
        var i = PairIndex(instrument, a, b);
        var pairNotional = i < _notionalPerPair.Length ? _notionalPerPair[i] : 0;
        var room = _config.MaxNotionalPerPair - pairNotional;
        room = Math.Min(room, _config.MaxNotionalPerVenue - _venueNotional[a.Index]);
        room = Math.Min(room, _config.MaxNotionalPerVenue - _venueNotional[b.Index]);
        return Math.Min(room, _config.MaxNotionalTotal - TotalNotional);
    }

    public bool IsPairFull(InstrumentId instrument, VenueId a, VenueId b) =>
        OpenPositions(instrument, a, b) >= _config.MaxOpenPositionsPerPair;

    /// <summary>An attempt is on its way on either listing: its orders will take liquidity the books do not show yet,
    /// so no second attempt is judged on those books until it ends.</summary>
    public bool HasAttemptInFlight(InstrumentId instrument, VenueId a, VenueId b) =>
        AttemptsOn(instrument, a) > 0 || AttemptsOn(instrument, b) > 0;

    public void AttemptStarted(InstrumentId instrument, VenueId a, VenueId b)
    {
        var ia = EnsureListing(instrument, a); // before indexing: growing replaces the array
        var ib = EnsureListing(instrument, b);
        _attemptsPerListing[ia]++;
        _attemptsPerListing[ib]++;
    }

    public void AttemptEnded(InstrumentId instrument, VenueId a, VenueId b)
    {
        _attemptsPerListing[ListingIndex(instrument, a)]--;
        _attemptsPerListing[ListingIndex(instrument, b)]--;
    }

    private int AttemptsOn(InstrumentId instrument, VenueId venue) =>
        ListingIndex(instrument, venue) is var i && i < _attemptsPerListing.Length ? _attemptsPerListing[i] : 0;

    private static int ListingIndex(InstrumentId instrument, VenueId venue) => instrument.Index * VenueId.MaxVenues + venue.Index;

    private int EnsureListing(InstrumentId instrument, VenueId venue)
    {
        var i = ListingIndex(instrument, venue);
        if (i >= _attemptsPerListing.Length) Array.Resize(ref _attemptsPerListing, Math.Max(i + 1, _attemptsPerListing.Length * 2));
        return i;
    }

    public bool InCooldown(InstrumentId instrument, VenueId a, VenueId b, long nowTimestamp) =>
        PairIndex(instrument, a, b) is var i && i < _cooldownUntil.Length && nowTimestamp < _cooldownUntil[i];

    /// <summary>A position of <paramref name="notional"/> per leg is on its way or open.</summary>
    public void Add(InstrumentId instrument, VenueId a, VenueId b, double notional)
    {
        var i = Ensure(instrument, a, b);
        _openPerPair[i]++;
        _notionalPerPair[i] += notional;
        _venueNotional[a.Index] += notional;
        _venueNotional[b.Index] += notional;
        TotalNotional += notional;
    }

    /// <summary>A position counted by <see cref="Add"/> is gone: closed flat, or never opened.</summary>
    public void Remove(InstrumentId instrument, VenueId a, VenueId b, double notional)
    {
        var i = Ensure(instrument, a, b);
        if (_openPerPair[i] == 0) throw new InvalidOperationException("No position is counted on this pair.");
        _openPerPair[i]--;
        _notionalPerPair[i] = _openPerPair[i] == 0 ? 0 : Math.Max(0, _notionalPerPair[i] - notional);
        _venueNotional[a.Index] = Math.Max(0, _venueNotional[a.Index] - notional);
        _venueNotional[b.Index] = Math.Max(0, _venueNotional[b.Index] - notional);
        TotalNotional = Math.Max(0, TotalNotional - notional);
    }

    public void StartCooldown(InstrumentId instrument, VenueId a, VenueId b, long untilTimestamp)
    {
        var i = Ensure(instrument, a, b);
        _cooldownUntil[i] = Math.Max(_cooldownUntil[i], untilTimestamp);
    }

    private static int PairIndex(InstrumentId instrument, VenueId a, VenueId b)
    {
        var (lo, hi) = a.Value < b.Value ? (a.Index, b.Index) : (b.Index, a.Index);
        return (instrument.Index * VenueId.MaxVenues + lo) * VenueId.MaxVenues + hi;
    }

    private int Ensure(InstrumentId instrument, VenueId a, VenueId b)
    {
        var i = PairIndex(instrument, a, b);
        if (i >= _openPerPair.Length)
        {
            var size = Math.Max(i + 1, _openPerPair.Length * 2);
            Array.Resize(ref _openPerPair, size);
            Array.Resize(ref _notionalPerPair, size);
            Array.Resize(ref _cooldownUntil, size);
        }
        return i;
    }
}
