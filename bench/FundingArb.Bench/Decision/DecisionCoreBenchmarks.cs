using BenchmarkDotNet.Attributes;
using FundingArb.Decision;
using FundingArb.Market;

namespace FundingArb.Bench.Decision;

/// <summary>
/// The decision core's cost per market event, 50 instruments on 3 or 5 venues in steady state
/// (<see cref="DecisionBenchMarket"/> describes the market): each event is delivered as its own batch
/// (<c>endOfBatch: true</c>), so it is applied and its instrument re-evaluated across every ordered venue pair —
/// 6 pairs on 3 venues, 20 on 5. The baseline applies the same events to the same listings without evaluating, so the
/// Ratio column is what evaluation costs on top of keeping the state.
/// </summary>
/// <remarks>Each invocation delivers <see cref="EventsPerInvoke"/> events, continuing round the pre-built cycle where
/// the last invocation stopped; OperationsPerInvoke makes Mean the time per event. No intent is sent and no record
/// written in steady state (setup checks it), so the gateway ring and record sink cost nothing here.</remarks>
[MemoryDiagnoser]
public class DecisionCoreBenchmarks
{
    public const int EventsPerInvoke = 1000;

    private DecisionBenchMarket _market = null!;
    private DecisionCore _core = null!;
    private MarketEvent[] _events = [];
    private int _next;

    [Params(3, 5)]
    public int Venues { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _market = new DecisionBenchMarket(Venues);
        _core = _market.Core;
        _events = _market.Events;
        _next = 0;

        // One whole cycle, to check steady state: no intent, no record, only the verdicts the market is built for.
        var sent = _core.IntentsSent;
        var written = _core.RecordsWritten;
        var before = Snapshot(_core);
        for (var i = 0; i < _events.Length; i++) _core.OnEvent(ref _events[i], _market.NextSequence(), endOfBatch: true);
        var after = Snapshot(_core);
        if (_core.IntentsSent != sent || _core.RecordsWritten != written)
            throw new InvalidOperationException($"Not steady: {_core.IntentsSent - sent} intents, {_core.RecordsWritten - written} records in a cycle.");
        var mix = new List<string>();
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            var n = after[(int)reason] - before[(int)reason];
            if (n == 0) continue;
            if (reason is not (RejectReason.NegativeDiff or RejectReason.BelowMinDiff or RejectReason.BelowMinEdge
                or RejectReason.InsufficientLiquidity or RejectReason.RiskLimit or RejectReason.Cooldown))
                throw new InvalidOperationException($"Unexpected verdict {reason} ×{n} in steady state.");
            mix.Add($"{reason} {n / (double)_events.Length:0.00}");
        }
        Console.WriteLine($"// {Venues} venues, {_events.Length} events a cycle; pair verdicts per event: {string.Join(", ", mix)}");
    }

    /// <summary>Baseline: the event applied to its listing's funding or book, as the core does, and nothing evaluated.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke)]
    public long ApplyOnly()
    {
        var events = _events;
        var core = _core;
        var i = _next;
        long applied = 0;
        for (var n = 0; n < EventsPerInvoke; n++)
        {
            ref var evt = ref events[i];
            var listing = core.ListingOf(evt.Venue, evt.Instrument);
            if (evt.Kind == MarketEventKind.Funding) listing.Funding.Apply(evt);
            else if (listing.Book.Apply(evt) == BookApplyResult.Applied) applied++;
            if (++i == events.Length) i = 0;
        }
        _next = i;
        return applied;
    }

    /// <summary>The event delivered to the core as a batch of one: applied, then every ordered pair of its instrument
    /// evaluated.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long ApplyAndEvaluate()
    {
        var events = _events;
        var core = _core;
        var i = _next;
        for (var n = 0; n < EventsPerInvoke; n++)
        {
            core.OnEvent(ref events[i], i, endOfBatch: true);
            if (++i == events.Length) i = 0;
        }
        _next = i;
        return core.Evaluations;
    }

    private static long[] Snapshot(DecisionCore core)
    {
        var counts = new long[Enum.GetValues<RejectReason>().Length];
        foreach (var reason in Enum.GetValues<RejectReason>()) counts[(int)reason] = core.Rejections(reason);
        return counts;
    }
}
