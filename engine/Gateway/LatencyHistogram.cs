using HdrHistogram;

namespace FundingArb.Gateway;

/// <summary>One latency series (e.g. Binance's send-to-ack): intervals of the engine clock recorded by one thread, in
/// nanoseconds, into an HdrHistogram <see cref="Recorder"/>; read from any thread as a cumulative summary, as the
/// interval since the last <see cref="TakeInterval"/>, or as a percentile distribution (<c>.hgrm</c>).</summary>
/// <remarks>
/// <para>Recording is wait-free and allocates nothing: the recorder's writer side is two interlocked increments around
/// a counter increment. Readers never touch the histogram being written: they swap it out under the recorder's phaser
/// and fold it into <c>_cumulative</c> and <c>_sinceInterval</c> under <c>_readGate</c>, so the cumulative view and
/// the interval view both see every value once whichever is read first.</para>
/// <para>An interval is never thrown away and never throws: a negative one (a clock stepped back, a caller's mixed-up
/// timestamps) is recorded as 0 and one longer than <see cref="MaxTrackableNanoseconds"/> as that; both are counted
/// (<see cref="NegativeClamped"/>, <see cref="OverflowClamped"/>) so that they show rather than skew the percentiles
/// unnoticed.</para>
/// <para>Memory: four histograms of 256 KiB each (3 significant digits from 1 ns to 30 min), allocated once.</para>
/// <para>Native AOT: the HdrHistogram members used here publish without trim or AOT warnings. Its log decoding
/// (<c>HistogramLogReader</c>, <c>HistogramEncoding.Decode*</c>) finds histogram constructors by reflection (IL2070
/// once the whole assembly is rooted): do not call it from the engine; the <c>.hgrm</c> text needs none of it.</para>
/// </remarks>
public sealed class LatencyHistogram
{
    /// <summary>Thirty minutes: a leg is verified within 30 s, so anything near this is a stall to count, not to resolve.</summary>
    /// <remarks>Not an hour: HdrHistogram 2.5.0 computes a bucket's width as <c>1 &lt;&lt; shift</c> in 32-bit
    /// arithmetic, which overflows for values of 2^41 ns (36.6 min) and more (a recorded hour reads back as 59.9 min,
    /// its "highest equivalent value" below its lowest). Below 2^41 every bucket is right.</remarks>
    public const long MaxTrackableNanoseconds = 1_800_000_000_000L;

    private const int SignificantDigits = 3;
    private const long NanosecondsPerSecond = 1_000_000_000L;
    private const double NanosecondsPerMicrosecond = 1_000.0;

    private readonly Recorder _recorder;
    private readonly Lock _readGate = new();
    private readonly LongHistogram _cumulative;
    private readonly LongHistogram _sinceInterval;
    private HistogramBase? _recycled; // the recorder's last interval, handed back so that draining allocates nothing

    // Ticks to nanoseconds: an exact multiplication when a tick is a whole number of nanoseconds (10^9 Hz on the
    // virtual clock and Stopwatch on Linux, 10^7 Hz on Windows), a double multiplication otherwise.
    private readonly long _wholeNanosecondsPerTick;
    private readonly double _nanosecondsPerTick;
    private readonly long _maxTicks;

    private long _negativeClamped;
    private long _overflowClamped;

    /// <param name="name">The series' name, which is also its <c>.hgrm</c> file's name: <c>binance.sendToAck</c>, <c>legSkew</c>.</param>
    /// <param name="timestampFrequency">Ticks per second of the engine clock (<see cref="TimeProvider.TimestampFrequency"/>).</param>
    public LatencyHistogram(string name, long timestampFrequency)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        Name = name;
        TimestampFrequency = timestampFrequency;
        if (NanosecondsPerSecond % timestampFrequency == 0)
        {
            _wholeNanosecondsPerTick = NanosecondsPerSecond / timestampFrequency;
            _maxTicks = MaxTrackableNanoseconds / _wholeNanosecondsPerTick;
        }
        else
        {
            _nanosecondsPerTick = (double)NanosecondsPerSecond / timestampFrequency;
            _maxTicks = (long)Math.Min(MaxTrackableNanoseconds / _nanosecondsPerTick, long.MaxValue);
        }
        _recorder = new Recorder(1, MaxTrackableNanoseconds, SignificantDigits, static (id, lowest, highest, digits) => new LongHistogram(id, lowest, highest, digits));
        _cumulative = new LongHistogram(1, MaxTrackableNanoseconds, SignificantDigits);
        _sinceInterval = new LongHistogram(1, MaxTrackableNanoseconds, SignificantDigits);
    }

    public string Name { get; }
    public long TimestampFrequency { get; }

    /// <summary>Intervals recorded as 0 because they were negative.</summary>
    public long NegativeClamped => Volatile.Read(ref _negativeClamped);

    /// <summary>Intervals recorded as <see cref="MaxTrackableNanoseconds"/> because they were longer.</summary>
    public long OverflowClamped => Volatile.Read(ref _overflowClamped);

    /// <summary>Records one interval of <paramref name="elapsedTicks"/> engine-clock ticks. One thread only (the gateway's);
    /// allocates nothing, never throws.</summary>
    public void Record(long elapsedTicks)
    {
        long nanoseconds;
        if (elapsedTicks < 0)
        {
            Interlocked.Increment(ref _negativeClamped);
            nanoseconds = 0;
        }
        else if (elapsedTicks > _maxTicks)
        {
            Interlocked.Increment(ref _overflowClamped);
            nanoseconds = MaxTrackableNanoseconds;
        }
        else
        {
            nanoseconds = _wholeNanosecondsPerTick != 0
                ? elapsedTicks * _wholeNanosecondsPerTick
                : Math.Min((long)(elapsedTicks * _nanosecondsPerTick), MaxTrackableNanoseconds);
        }
        _recorder.RecordValue(nanoseconds);
    }

    /// <summary>Everything recorded since construction. Any thread.</summary>
    public LatencySummary Cumulative()
    {
        lock (_readGate)
        {
            Drain();
            return Summarize(_cumulative);
        }
    }

    /// <summary>What was recorded since the previous call (since construction for the first), for a status view that
    /// shows the latest interval. Any thread; does not disturb <see cref="Cumulative"/>.</summary>
    public LatencySummary TakeInterval()
    {
        lock (_readGate)
        {
            Drain();
            var interval = Summarize(_sinceInterval);
            _sinceInterval.Reset();
            return interval;
        }
    }

    /// <summary>Writes HdrHistogram's percentile distribution of everything recorded so far, values in microseconds:
    /// the <c>.hgrm</c> text that HdrHistogram's plotters read. Any thread.</summary>
    public void WritePercentileDistribution(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_readGate)
        {
            Drain();
            _cumulative.OutputPercentileDistribution(writer, outputValueUnitScalingRatio: NanosecondsPerMicrosecond);
        }
    }

    // Under _readGate: swaps out what the recorder holds and folds it into both read-side views.
    private void Drain()
    {
        var interval = _recorder.GetIntervalHistogram(_recycled);
        _cumulative.Add(interval);
        _sinceInterval.Add(interval);
        _recycled = interval;
    }

    private static LatencySummary Summarize(HistogramBase histogram)
    {
        var count = histogram.TotalCount;
        if (count == 0) return LatencySummary.Empty;
        return new LatencySummary(
            count,
            Microseconds(histogram.GetValueAtPercentile(50)),
            Microseconds(histogram.GetValueAtPercentile(99)),
            Microseconds(histogram.GetValueAtPercentile(99.9)),
            Microseconds(histogram.GetMaxValue()));
    }

    private static double Microseconds(long nanoseconds) => nanoseconds / NanosecondsPerMicrosecond;
}
