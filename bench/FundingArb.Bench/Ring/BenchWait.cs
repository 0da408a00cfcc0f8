using FundingArb.Ring;

namespace FundingArb.Bench.Ring;

/// <summary>
/// How the benchmark thread waits for the consumer to finish an invocation's events: the same
/// spin-then-yield for every case, and no delegate so nothing is allocated.
/// </summary>
internal static class BenchWait
{
    public static void Until(Sequence consumed, long target)
    {
        int spins = 0;
        while (consumed.Value < target)
        {
            Backoff(ref spins);
        }
    }

    public static void Until(ref long consumed, long target)
    {
        int spins = 0;
        while (Volatile.Read(ref consumed) < target)
        {
            Backoff(ref spins);
        }
    }

    private static void Backoff(ref int spins)
    {
        if (++spins < 100)
        {
            Thread.SpinWait(1);
        }
        else
        {
            Thread.Yield();
        }
    }
}
