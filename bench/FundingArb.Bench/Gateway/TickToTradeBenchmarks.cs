using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using FundingArb.Gateway;

namespace FundingArb.Bench.Gateway;

/// <summary>
/// The in-process part of tick-to-trade (<see cref="TickToTradeRig"/> describes the wiring and the market): per operation,
/// one funding frame's raw bytes are received (a Stopwatch stamp), parsed into a market-ring slot, decided by the core
/// (one intent), the intent taken off the intent ring, and an <see cref="ArbitrageAttempt"/> created and started, which
/// writes both legs' order frames back-to-back. No socket, no kernel, no other thread.
/// </summary>
/// <remarks>
/// <para>Every operation must really open a pair, so the market is reset between rounds: each invocation ticks the next of
/// <see cref="TickToTradeRig.Instruments"/> instruments, and <see cref="IterationSetup"/> (outside the measured time) puts
/// the ticked ones back to flat and ends their attempts. <c>[InvocationCount]</c> makes an iteration exactly one round;
/// should the engine ever invoke more, the rig resets inline and <see cref="Cleanup"/> reports it.</para>
/// <para>Rows: the baseline builds the two frames the conventional way (<see cref="ConventionalFrameActions"/>); ours
/// with the engine's send path (<see cref="VenueFrameActions"/>); and the first half alone (frame → intent on the ring)
/// to show where the time goes. Everything but the two order frames is the same code in all rows.</para>
/// <para>Setup (<see cref="TickToTradeCheck"/>) checks every flow, prints one pair of frames of each kind and the bytes
/// allocated per tick, and runs the flows for 2 s first: a short job's few one-round iterations would otherwise measure
/// tier-0 code.</para>
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(TickToTradeRig.Instruments)]
public class TickToTradeBenchmarks
{
    private TickToTradeRig _rig = null!;

    [Params(TickTrigger.BinanceMarkPrice, TickTrigger.OkxFundingRate)]
    public TickTrigger Trigger { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rig = new TickToTradeRig(Trigger);
        TickToTradeCheck.Run(_rig, Console.Out);
    }

    [IterationSetup]
    public void IterationSetup() => _rig.ResetAll();

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {Trigger}: {_rig.InlineResets} inline resets (expected 0); {_rig.Describe()}");
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "frame → intent → attempt → 2 frames, JsonSerializer + strings + HashData")]
    public ArbitrageAttempt Conventional() => _rig.TickNext(Stopwatch.GetTimestamp(), _rig.Conventional);

    [Benchmark(Description = "frame → intent → attempt → 2 frames, engine send path")]
    public ArbitrageAttempt Ours() => _rig.TickNext(Stopwatch.GetTimestamp(), _rig.Ours);

    [Benchmark(Description = "frame → intent on the ring (no attempt)")]
    public long FrameToIntent() => _rig.DecideNext(Stopwatch.GetTimestamp());
}
