using System.Diagnostics;
using System.Globalization;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

public sealed class LegLatencyTests
{
    private const long VirtualClockFrequency = 1_000_000_000L; // the replay clock: ticks are nanoseconds
    private const long WindowsStopwatchFrequency = 10_000_000L; // 100 ns ticks
    private const long AcpiTimerFrequency = 3_579_545L; // a tick that is not a whole number of nanoseconds

    private static readonly VenueId Binance = new(1);
    private static readonly VenueId Bybit = new(2);
    private static readonly VenueId Okx = new(3);

    private static LegLatency Create(long frequency) =>
        new(new Dictionary<VenueId, string> { [Okx] = "okx", [Binance] = "binance", [Bybit] = "bybit" }, frequency);

    private static long TicksOf(double microseconds, long frequency) => (long)Math.Round(microseconds * frequency / 1_000_000.0);

    [Theory]
    [InlineData(VirtualClockFrequency)]
    [InlineData(WindowsStopwatchFrequency)]
    public void Converts_engine_clock_ticks_to_microseconds_at_either_clock_frequency(long frequency)
    {
        var latency = Create(frequency);
        // Values below 2.048 µs are exact at three significant digits; 1.5 µs is a whole number of ticks at both rates.
        latency.RecordSendToAck(Bybit, TicksOf(1.5, frequency));
        latency.RecordSendToAck(Bybit, TicksOf(1.5, frequency));
        latency.RecordDecisionToSend(Binance, frequency / 1000); // one millisecond

        var summary = latency.Summary();

        var ack = summary.Legs["bybit"].SendToAck;
        Assert.Equal(2, ack.Count);
        Assert.Equal(1.5, ack.P50);
        Assert.Equal(1.5, ack.Max);
        var decision = summary.Legs["binance"].DecisionToSend;
        Assert.Equal(1, decision.Count);
        Assert.InRange(decision.Max, 1000, 1000 * 1.001);
        Assert.Equal(LatencySummary.Empty, summary.Legs["okx"].SendToFill);
    }

    [Fact]
    public void Converts_a_tick_that_is_not_a_whole_number_of_nanoseconds()
    {
        var latency = Create(AcpiTimerFrequency);
        latency.RecordTickToTrade(AcpiTimerFrequency); // one second

        var tickToTrade = latency.Summary().TickToTrade;

        Assert.InRange(tickToTrade.P50, 1_000_000 * 0.999, 1_000_000 * 1.001);
    }

    [Theory]
    [InlineData(VirtualClockFrequency)]
    [InlineData(WindowsStopwatchFrequency)]
    public void Percentiles_of_a_known_distribution(long frequency)
    {
        var latency = Create(frequency);
        // 1 µs, 2 µs, … 10 000 µs once each, shuffled: the p-th percentile is p % of 10 ms.
        var values = Enumerable.Range(1, 10_000).ToArray();
        new Random(7).Shuffle(values);
        foreach (var us in values) latency.RecordSendToFill(Okx, TicksOf(us, frequency));

        var fill = latency.Summary().Legs["okx"].SendToFill;

        Assert.Equal(10_000, fill.Count);
        AssertNear(5_000, fill.P50);
        AssertNear(9_900, fill.P99);
        AssertNear(9_990, fill.P999);
        AssertNear(10_000, fill.Max);
    }

    // HdrHistogram reports the highest value equivalent to the recorded one at three significant digits.
    private static void AssertNear(double expected, double actual) => Assert.InRange(actual, expected, expected * 1.001);

    [Fact]
    public void Clamps_negative_and_overlong_intervals_and_counts_them_without_throwing()
    {
        var latency = Create(WindowsStopwatchFrequency);
        latency.RecordSendToAck(Binance, -5);
        latency.RecordSendToAck(Binance, 2 * 3600 * WindowsStopwatchFrequency); // two hours
        latency.RecordSendToAck(Binance, long.MaxValue); // would overflow ticks × 100 ns
        latency.RecordLegSkew(long.MinValue);

        var ack = latency.Leg(Binance, LegInterval.SendToAck);
        Assert.Equal(1, ack.NegativeClamped);
        Assert.Equal(2, ack.OverflowClamped);
        Assert.Equal(1, latency.LegSkew.NegativeClamped);
        Assert.Equal(2, latency.NegativeClamped);
        Assert.Equal(2, latency.OverflowClamped);
        var summary = latency.Summary();
        Assert.Equal(3, summary.Legs["binance"].SendToAck.Count);
        AssertNear(LatencyHistogram.MaxTrackableNanoseconds / 1_000.0, summary.Legs["binance"].SendToAck.Max); // 30 min, in µs
        Assert.Equal(new LatencySummary(1, 0, 0, 0, 0), summary.LegSkew);
    }

    [Fact]
    public void A_venue_not_given_at_construction_is_counted_and_dropped()
    {
        var latency = Create(VirtualClockFrequency);
        latency.RecordSendToAck(new VenueId(9), 100);
        latency.RecordSendToAck(VenueId.None, 100);
        latency.Record(Binance, (LegInterval)7, 100);

        Assert.Equal(3, latency.UnknownVenueRecords);
        Assert.All(latency.Histograms(), h => Assert.Equal(0, h.Cumulative().Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => latency.Leg(new VenueId(9), LegInterval.SendToAck));
    }

    [Fact]
    public void Recording_allocates_nothing_once_warm()
    {
        var latency = Create(Stopwatch.Frequency);
        var n = 0L;

        var bytes = SteadyStateAllocation.BytesPerRound(() =>
        {
            n++;
            latency.RecordDecisionToSend(Binance, n % 5_000);
            latency.RecordSendToAck(Bybit, n * 977 % 50_000_000);
            latency.RecordSendToFill(Okx, n * 7919 % 2_000_000_000);
            latency.RecordLegSkew(-n); // the clamping paths too
            latency.RecordTickToTrade(long.MaxValue - n);
            latency.Record(new VenueId(12), LegInterval.SendToAck, n);
        }, iterations: 20_000);

        Assert.Equal(0, bytes);
        Assert.True(latency.Summary().Legs["bybit"].SendToAck.Count > 20_000);
    }

    [Fact]
    public void An_interval_holds_what_was_recorded_since_the_last_one_and_leaves_the_cumulative_whole()
    {
        var latency = Create(VirtualClockFrequency);
        for (var i = 0; i < 10; i++) latency.RecordTickToTrade(1_000);
        Assert.Equal(10, latency.TakeInterval().TickToTrade.Count);
        Assert.Equal(10, latency.Summary().TickToTrade.Count); // read in between: the next interval still gets its values
        for (var i = 0; i < 5; i++) latency.RecordTickToTrade(2_000);

        var interval = latency.TakeInterval().TickToTrade;

        Assert.Equal(5, interval.Count);
        Assert.Equal(2.0, interval.P50);
        Assert.Equal(0, latency.TakeInterval().TickToTrade.Count);
        var cumulative = latency.Summary().TickToTrade;
        Assert.Equal(15, cumulative.Count);
        Assert.Equal(1.0, cumulative.P50);
        Assert.Equal(2.0, cumulative.Max);
    }

    [Fact]
    public void Snapshots_taken_on_another_thread_while_recording_lose_and_double_count_nothing()
    {
        var latency = Create(VirtualClockFrequency);
        const int Values = 200_000;
        var done = 0;
        var intervalCounts = 0L;
        var reader = new Thread(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                intervalCounts += latency.TakeInterval().Legs["bybit"].SendToAck.Count;
                latency.Summary();
            }
        });
        reader.Start();
        for (var i = 0; i < Values; i++) latency.RecordSendToAck(Bybit, 1_000 + i % 1_000);
        Volatile.Write(ref done, 1);
        reader.Join();
        intervalCounts += latency.TakeInterval().Legs["bybit"].SendToAck.Count;

        Assert.Equal(Values, intervalCounts);
        Assert.Equal(Values, latency.Summary().Legs["bybit"].SendToAck.Count);
    }

    [Fact]
    public void Names_venues_through_the_registry_and_orders_them_by_name()
    {
        var registry = new InstrumentRegistry();
        var okx = registry.AddVenue("okx");
        registry.AddVenue("binance");
        var latency = new LegLatency(registry, VirtualClockFrequency);
        latency.RecordSendToFill(okx, 5_000);

        var summary = latency.Summary();

        Assert.Equal(["binance", "okx"], summary.Legs.Keys);
        Assert.Equal(1, summary.Legs["okx"].SendToFill.Count);
        Assert.Equal(0, summary.Legs["binance"].SendToFill.Count);
    }

    [Fact]
    public void Refuses_venue_names_that_cannot_name_a_file_or_are_given_twice()
    {
        Assert.Throws<ArgumentException>(() => new LegLatency(new Dictionary<VenueId, string> { [Binance] = "a/b" }, VirtualClockFrequency));
        Assert.Throws<ArgumentException>(() => new LegLatency(new Dictionary<VenueId, string> { [Binance] = "x", [Bybit] = "x" }, VirtualClockFrequency));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LegLatency(new Dictionary<VenueId, string> { [VenueId.None] = "x" }, VirtualClockFrequency));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(0));
    }

    [Fact]
    public void Writes_one_parseable_hgrm_file_per_histogram_in_microseconds()
    {
        var latency = Create(VirtualClockFrequency);
        for (var us = 1; us <= 1_000; us++) latency.RecordSendToAck(Binance, us * 1_000L);
        latency.RecordLegSkew(250_000); // 250 µs
        var directory = Path.Combine(Path.GetTempPath(), "leg-latency-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = latency.WriteHgrm(directory);

            var expected = new[] { "binance", "bybit", "okx" }
                .SelectMany(v => new[] { "decisionToSend", "sendToAck", "sendToFill" }.Select(i => $"{v}.{i}.hgrm"))
                .Append("legSkew.hgrm").Append("tickToTrade.hgrm").Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
            Assert.Equal(expected.Length, written.Count);

            var ack = ParseHgrm(File.ReadAllLines(Path.Combine(directory, "binance.sendToAck.hgrm")));
            Assert.NotEmpty(ack);
            Assert.Equal(1_000, ack[^1].TotalCount);
            AssertNear(1_000, ack[^1].Value); // microseconds: the last line is the maximum
            Assert.Equal(1.0, ack[^1].Percentile);
            Assert.All(ack.Zip(ack.Skip(1)), p => Assert.True(p.First.Percentile <= p.Second.Percentile));
            var fiftieth = ack.First(row => row.Percentile >= 0.5);
            AssertNear(500, fiftieth.Value);

            var skew = ParseHgrm(File.ReadAllLines(Path.Combine(directory, "legSkew.hgrm")));
            AssertNear(250, skew[^1].Value);
            Assert.Contains("Value", File.ReadAllLines(Path.Combine(directory, "tickToTrade.hgrm"))[0]); // empty: still a header
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The rows of HdrHistogram's percentile distribution: a header naming Value and Percentile, rows of
    /// value, percentile, total count, 1/(1-percentile), then '#' footer lines.</summary>
    private static List<(double Value, double Percentile, long TotalCount)> ParseHgrm(string[] lines)
    {
        var header = lines.First(l => l.Trim().Length > 0);
        Assert.Contains("Value", header);
        Assert.Contains("Percentile", header);
        var rows = new List<(double, double, long)>();
        foreach (var line in lines.SkipWhile(l => l != header).Skip(1))
        {
            if (line.Trim().Length == 0) continue;
            if (line.StartsWith('#')) break;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(fields.Length >= 3, $"Not a distribution row: '{line}'");
            rows.Add((double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[2], CultureInfo.InvariantCulture)));
        }
        Assert.Contains(lines, l => l.StartsWith("#[Max", StringComparison.Ordinal));
        return rows;
    }
}
