using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using FundingArb.Gateway;
using HdrHistogram;

namespace FundingArb.Bench.Gateway;

/// <summary>
/// The distribution of one tick-to-trade (the span <see cref="TickToTradeBenchmarks"/> measures on average): each
/// invocation runs <see cref="Samples"/> ticks and records each one's Stopwatch span — from the receive stamp handed to
/// the feed with the frame, to both order frames written — into an HdrHistogram; <see cref="Cleanup"/> prints the last
/// invocation's percentiles (µs) and the gen-0 collections that ran during it.
/// </summary>
/// <remarks>The rig's reset between rounds of <see cref="TickToTradeRig.Instruments"/> ticks runs inside the invocation but
/// outside every recorded span, so BenchmarkDotNet's Mean for these rows (per sample, reset included) is not the
/// tick-to-trade time: read the printed histogram. The stamp that opens a span is the one the engine itself starts
/// tick-to-trade from (<see cref="FundingArb.Decision.OrderIntent.TriggerReceivedTimestamp"/>); the span ends where
/// <c>OrderGateway</c> records its tick-to-trade, right after <see cref="ArbitrageAttempt.Start"/>.</remarks>
[MemoryDiagnoser]
[InvocationCount(1)]
public class TickToTradeLatencyBenchmarks
{
    public const int Samples = 100_000;

    private TickToTradeRig _rig = null!;
    private readonly LongHistogram _histogram = new(1, 10_000_000_000L, 3); // 1 ns … 10 s, 3 significant digits
    private int _collections;
    private int _slow;

    /// <summary>Spans longer than this are counted apart: a collection or the OS taking the core lands there.</summary>
    private const long SlowNs = 50_000;

    [Params(TickTrigger.BinanceMarkPrice, TickTrigger.OkxFundingRate)]
    public TickTrigger Trigger { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rig = new TickToTradeRig(Trigger);
        TickToTradeCheck.Run(_rig, TextWriter.Null);
    }

    [GlobalCleanup(Target = nameof(Conventional))]
    public void CleanupConventional() => Cleanup("conventional");

    [GlobalCleanup(Target = nameof(Ours))]
    public void CleanupOurs() => Cleanup("ours");

    private void Cleanup(string name)
    {
        static string Us(long ns) => (ns / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
        var h = _histogram;
        Console.WriteLine($"// HDR {Trigger} {name}: n={h.TotalCount} p50={Us(h.GetValueAtPercentile(50))} p90={Us(h.GetValueAtPercentile(90))} " +
                          $"p99={Us(h.GetValueAtPercentile(99))} p99.9={Us(h.GetValueAtPercentile(99.9))} p99.99={Us(h.GetValueAtPercentile(99.99))} max={Us(h.GetMaxValue())} µs; " +
                          $"mean={Us((long)h.GetMean())} µs; gen-0 GCs during the run: {_collections}; spans over {SlowNs / 1000} µs: {_slow}; inline resets {_rig.InlineResets}");
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples, Description = "HdrHistogram: conventional frames")]
    public long Conventional() => Run(_rig.Conventional);

    [Benchmark(OperationsPerInvoke = Samples, Description = "HdrHistogram: engine send path")]
    public long Ours() => Run(_rig.Ours);

    private long Run(IAttemptActions actions)
    {
        var rig = _rig;
        var histogram = _histogram;
        histogram.Reset();
        _rig.ResetAll();
        var toNs = 1e9 / Stopwatch.Frequency;
        var gen0 = GC.CollectionCount(0);
        var slow = 0;
        for (var n = 0; n < Samples; n++)
        {
            if (rig.RoundDone) rig.ResetAll();
            var start = Stopwatch.GetTimestamp();
            rig.TickNext(start, actions);
            var end = Stopwatch.GetTimestamp();
            var ns = (long)((end - start) * toNs);
            histogram.RecordValue(ns);
            if (ns > SlowNs) slow++;
        }
        _slow = slow;
        _collections = GC.CollectionCount(0) - gen0;
        return histogram.TotalCount;
    }
}
