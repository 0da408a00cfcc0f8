namespace FundingArb.Tests;

/// <summary>Measures what a hot-path step allocates once warm, robustly on a busy 2-core machine.</summary>
/// <remarks>Tiered compilation may promote a method part-way through a measured loop, and the runtime can allocate a
/// few bytes on the calling thread when it does: a one-time cost, not the step's. So the loop runs
/// <paramref name="rounds"/> times and the quietest round counts. Any allocation per step — at least one 24-byte object
/// — shows in every round and cannot hide.</remarks>
public static class SteadyStateAllocation
{
    public static long BytesPerRound(Action step, int iterations, int rounds = 3)
    {
        for (var i = 0; i < iterations; i++) step(); // warm-up: a whole round
        var quietest = long.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterations; i++) step();
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return quietest;
    }
}
