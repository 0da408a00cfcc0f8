using System.Diagnostics;
using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

/// <summary>
/// Failure guards for threaded tests: they only bound how long a broken implementation can hang a test;
/// they never decide success (nothing is timed).
/// </summary>
internal static class Guard
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static void Join(Thread thread, string what)
    {
        if (!thread.Join(Timeout))
        {
            Assert.Fail($"{what} did not finish within {Timeout.TotalSeconds} s (hang: lost wake-up, deadlock or livelock)");
        }
    }

    public static void Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Timeout)
            {
                Assert.Fail($"timed out after {Timeout.TotalSeconds} s waiting for {what}");
            }

            Thread.Yield();
        }
    }

    /// <summary>Joins a processor's thread; fails on timeout; rethrows a processor fault.</summary>
    public static void Shutdown<T, TH>(BatchEventProcessor<T, TH> processor, string what)
        where T : struct
        where TH : IEventHandler<T>
    {
        if (!processor.WaitForShutdown(Timeout))
        {
            Assert.Fail($"{what} did not stop within {Timeout.TotalSeconds} s of Halt()");
        }
    }

    public static Thread Start(string name, Action body)
    {
        var thread = new Thread(() => body()) { Name = name, IsBackground = true };
        thread.Start();
        return thread;
    }
}
