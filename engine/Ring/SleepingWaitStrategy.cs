namespace FundingArb.Ring;

/// <summary>
/// Low-CPU strategy: a few spins, a few yields, then <c>Thread.Sleep</c> until data arrives.
/// </summary>
/// <remarks>
/// For consumers off the latency path (journal, metrics): an idle consumer costs almost nothing, and
/// the price is up to one sleep (about a millisecond) of latency after an idle spell. Producers pay
/// nothing to signal it.
/// </remarks>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    public const int DefaultSpinTries = 100;
    public const int DefaultYieldTries = 100;
    public const int DefaultSleepMilliseconds = 1;

    private readonly int _spinTries;
    private readonly int _yieldTries;
    private readonly int _sleepMilliseconds;

    public SleepingWaitStrategy(
        int spinTries = DefaultSpinTries,
        int yieldTries = DefaultYieldTries,
        int sleepMilliseconds = DefaultSleepMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        ArgumentOutOfRangeException.ThrowIfNegative(yieldTries);
        ArgumentOutOfRangeException.ThrowIfNegative(sleepMilliseconds);
        _spinTries = spinTries;
        _yieldTries = yieldTries;
        _sleepMilliseconds = sleepMilliseconds;
    }

    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        int spins = _spinTries;
        int yields = _yieldTries;
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
                Thread.Sleep(_sleepMilliseconds);
            }
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
