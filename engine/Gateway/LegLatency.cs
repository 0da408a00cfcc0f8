using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>The gateway's latency histograms: per venue <see cref="LegInterval.DecisionToSend"/>,
/// <see cref="LegInterval.SendToAck"/> and <see cref="LegInterval.SendToFill"/>, plus one <see cref="LegSkew"/> and one
/// <see cref="TickToTrade"/> across venues. Intervals are engine-clock ticks (<see cref="TimeProvider.GetTimestamp"/>
/// differences), kept in nanoseconds and reported in microseconds.</summary>
/// <remarks>
/// <para>The <c>Record*</c> methods belong to the gateway thread: they allocate nothing and never throw — a value out
/// of range is clamped and counted (<see cref="LatencyHistogram"/>), a venue not given at construction is counted in
/// <see cref="UnknownVenueRecords"/> and dropped (latency bookkeeping must never stop an order).</para>
/// <para><see cref="Summary"/>, <see cref="TakeInterval"/> and <see cref="WriteHgrm"/> may run on any thread at any time.</para>
/// </remarks>
public sealed class LegLatency
{
    private const int IntervalsPerVenue = 3;

    private readonly LatencyHistogram?[] _legs = new LatencyHistogram?[VenueId.MaxVenues * IntervalsPerVenue];
    private readonly (VenueId Venue, string Name)[] _venues; // sorted by name, the report's order
    private long _unknownVenueRecords;

    /// <param name="venueNames">The venues that will trade, by id, with the names the report and file names use
    /// (lower case, e.g. <c>binance</c>).</param>
    /// <param name="timestampFrequency">Ticks per second of the engine clock: 10^9 on the virtual clock,
    /// <see cref="System.Diagnostics.Stopwatch.Frequency"/> live.</param>
    public LegLatency(IReadOnlyDictionary<VenueId, string> venueNames, long timestampFrequency)
    {
        ArgumentNullException.ThrowIfNull(venueNames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        TimestampFrequency = timestampFrequency;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (venue, name) in venueNames)
        {
            if (venue.IsNone || venue.Index >= VenueId.MaxVenues)
                throw new ArgumentOutOfRangeException(nameof(venueNames), venue, "Not a registered venue id.");
            // The name becomes a JSON key and part of a file name.
            if (string.IsNullOrEmpty(name) || name.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                throw new ArgumentException($"Venue name '{name}' for {venue} cannot name a file; use the venue's registry name, e.g. 'binance'.", nameof(venueNames));
            if (!names.Add(name))
                throw new ArgumentException($"Venue name '{name}' is given to two venues.", nameof(venueNames));
            for (var interval = 0; interval < IntervalsPerVenue; interval++)
                _legs[Slot(venue, (LegInterval)interval)] = new LatencyHistogram($"{name}.{IntervalName((LegInterval)interval)}", timestampFrequency);
        }
        _venues = [.. venueNames.Select(v => (v.Key, v.Value)).OrderBy(v => v.Value, StringComparer.Ordinal)];
        LegSkew = new LatencyHistogram("legSkew", timestampFrequency);
        TickToTrade = new LatencyHistogram("tickToTrade", timestampFrequency);
    }

    /// <summary>Every venue registered so far, named as the registry names them.</summary>
    public LegLatency(InstrumentRegistry registry, long timestampFrequency)
        : this(VenuesOf(registry), timestampFrequency)
    {
    }

    public long TimestampFrequency { get; }

    /// <summary>From the first leg's send to the second's within one attempt (later minus earlier): how far apart the
    /// "back-to-back" sends really went out.</summary>
    public LatencyHistogram LegSkew { get; }

    /// <summary>From receiving the market frame that triggered an attempt to sending its first leg.</summary>
    public LatencyHistogram TickToTrade { get; }

    /// <summary>Records for a venue that was not given at construction, dropped.</summary>
    public long UnknownVenueRecords => Volatile.Read(ref _unknownVenueRecords);

    /// <summary>Negative intervals recorded as 0, over every histogram.</summary>
    public long NegativeClamped => Histograms().Sum(h => h.NegativeClamped);

    /// <summary>Intervals longer than <see cref="LatencyHistogram.MaxTrackableNanoseconds"/> recorded as that, over every histogram.</summary>
    public long OverflowClamped => Histograms().Sum(h => h.OverflowClamped);

    /// <summary>Gateway thread: one leg interval of <paramref name="elapsedTicks"/> engine-clock ticks on <paramref name="venue"/>.</summary>
    public void Record(VenueId venue, LegInterval interval, long elapsedTicks)
    {
        var slot = (uint)venue.Index < VenueId.MaxVenues && (uint)interval < IntervalsPerVenue ? Slot(venue, interval) : -1;
        if (slot >= 0 && _legs[slot] is { } histogram) histogram.Record(elapsedTicks);
        else Interlocked.Increment(ref _unknownVenueRecords);
    }

    public void RecordDecisionToSend(VenueId venue, long elapsedTicks) => Record(venue, LegInterval.DecisionToSend, elapsedTicks);
    public void RecordSendToAck(VenueId venue, long elapsedTicks) => Record(venue, LegInterval.SendToAck, elapsedTicks);
    public void RecordSendToFill(VenueId venue, long elapsedTicks) => Record(venue, LegInterval.SendToFill, elapsedTicks);
    public void RecordLegSkew(long elapsedTicks) => LegSkew.Record(elapsedTicks);
    public void RecordTickToTrade(long elapsedTicks) => TickToTrade.Record(elapsedTicks);

    /// <summary>The histogram of one venue's leg interval.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The venue was not given at construction.</exception>
    public LatencyHistogram Leg(VenueId venue, LegInterval interval) =>
        (uint)venue.Index < VenueId.MaxVenues && (uint)interval < IntervalsPerVenue && _legs[Slot(venue, interval)] is { } histogram
            ? histogram
            : throw new ArgumentOutOfRangeException(nameof(venue), venue, "No latency is kept for this venue.");

    /// <summary>Everything recorded since construction, as the run report's <c>latency</c> object.</summary>
    public LatencyReport Summary() => Report(static h => h.Cumulative());

    /// <summary>What was recorded since the previous call, for the status view; leaves <see cref="Summary"/> whole.</summary>
    public LatencyReport TakeInterval() => Report(static h => h.TakeInterval());

    /// <summary>Writes one <c>.hgrm</c> percentile distribution (microseconds) per histogram into
    /// <paramref name="directory"/>, creating it: <c>binance.decisionToSend.hgrm</c>, …, <c>legSkew.hgrm</c>,
    /// <c>tickToTrade.hgrm</c>. Returns the files' paths.</summary>
    public IReadOnlyList<string> WriteHgrm(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var histogram in Histograms())
        {
            var path = Path.Combine(directory, histogram.Name + ".hgrm");
            using (var writer = new StreamWriter(path, append: false))
                histogram.WritePercentileDistribution(writer);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Every histogram: venues by name, each in <see cref="LegInterval"/> order, then leg skew and tick-to-trade.</summary>
    public IEnumerable<LatencyHistogram> Histograms()
    {
        foreach (var (venue, _) in _venues)
            for (var interval = 0; interval < IntervalsPerVenue; interval++)
                yield return _legs[Slot(venue, (LegInterval)interval)]!;
        yield return LegSkew;
        yield return TickToTrade;
    }

    /// <summary>The report's spelling of an interval: <c>decisionToSend</c>, <c>sendToAck</c>, <c>sendToFill</c>.</summary>
    public static string IntervalName(LegInterval interval) => interval switch
    {
        LegInterval.DecisionToSend => "decisionToSend",
        LegInterval.SendToAck => "sendToAck",
        LegInterval.SendToFill => "sendToFill",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Not a leg interval."),
    };

    private LatencyReport Report(Func<LatencyHistogram, LatencySummary> summarize)
    {
        var legs = new SortedDictionary<string, VenueLegLatency>(StringComparer.Ordinal);
        foreach (var (venue, name) in _venues)
        {
            legs.Add(name, new VenueLegLatency(
                summarize(Leg(venue, LegInterval.DecisionToSend)),
                summarize(Leg(venue, LegInterval.SendToAck)),
                summarize(Leg(venue, LegInterval.SendToFill))));
        }
        return new LatencyReport(legs, summarize(LegSkew), summarize(TickToTrade));
    }

    private static int Slot(VenueId venue, LegInterval interval) => venue.Index * IntervalsPerVenue + (int)interval;

    private static Dictionary<VenueId, string> VenuesOf(InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var venues = new Dictionary<VenueId, string>();
        for (var i = 1; i <= registry.VenueCount; i++)
        {
            var venue = new VenueId((byte)i);
            venues.Add(venue, registry.VenueName(venue));
        }
        return venues;
    }
}
