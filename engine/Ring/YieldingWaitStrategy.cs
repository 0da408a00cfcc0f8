namespace FundingArb.Ring;

/// <summary>
/// The default strategy for the 2-core target: spin briefly, then <see cref="Thread.Yield"/>, and only
/// after a long idle stretch sleep — counting every sleep in <see cref="IdleSleeps"/>.
/// </summary>
/// <remarks>
/// Yielding keeps latency in the microseconds while letting the producer (or anything else runnable)
/// use this core. Sleeping costs about a millisecond of wake-up latency, so it is reserved for a
/// consumer that has seen nothing for <see cref="YieldsBeforeSleep"/> yields (milliseconds at least);
/// <see cref="IdleSleeps"/> makes that visible in status/metrics instead of it silently hurting
/// tick-to-trade. Does not use <see cref="SpinWait.SpinOnce()"/>, which sleeps far too early.
/// </remarks>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    public const int DefaultSpinTries = 100;
    public const int DefaultYieldsBeforeSleep = 10_000;
    public const int DefaultSleepMilliseconds = 1;

    private readonly int _spinTries;
    private readonly int _yieldsBeforeSleep;
    private readonly int _sleepMilliseconds;
    private long _idleSleeps;

    /// <param name="spinTries">Pause-spins before the first yield.</param>
    /// <param name="yieldsBeforeSleep">Yields before the first sleep, per wait.</param>
    /// <param name="sleepMilliseconds">Sleep length once idle: 1 gives the CPU back; 0 only yields again (on Linux <c>Sleep(0)</c> is a yield).</param>
    public YieldingWaitStrategy(
        int spinTries = DefaultSpinTries,
        int yieldsBeforeSleep = DefaultYieldsBeforeSleep,
        int sleepMilliseconds = DefaultSleepMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        ArgumentOutOfRangeException.ThrowIfNegative(yieldsBeforeSleep);
        ArgumentOutOfRangeException.ThrowIfNegative(sleepMilliseconds);
        _spinTries = spinTries;
        _yieldsBeforeSleep = yieldsBeforeSleep;
        _sleepMilliseconds = sleepMilliseconds;
    }

    public int SpinTries => _spinTries;
    public int YieldsBeforeSleep => _yieldsBeforeSleep;
    public int SleepMilliseconds => _sleepMilliseconds;

    /// <summary>How many times a waiter fell through to sleeping (all waiters using this instance).</summary>
    public long IdleSleeps => Volatile.Read(ref _idleSleeps);

    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        int spins = _spinTries;
        int yields = _yieldsBeforeSleep;
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return SequenceBarrier.AlertSignal;
            }

            if (spins > 0)
            {
                spins--;
                Thread.SpinWait(1);
            }
            else if (yields > 0)
            {
                yields--;
                Thread.Yield();
            }
            else
            {
                Interlocked.Increment(ref _idleSleeps);
                Thread.Sleep(_sleepMilliseconds);
            }
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
