namespace FundingArb.Ring;

/// <summary>
/// Spins with a CPU pause until the sequence is available: lowest latency, one core at 100 % forever.
/// </summary>
/// <remarks>
/// Only for a consumer pinned to a dedicated core. On the 2-core target another busy thread (producer,
/// GC, OS) competes for the same core and a spinning waiter delays the very thread it waits for;
/// prefer <see cref="YieldingWaitStrategy"/> there.
/// </remarks>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return SequenceBarrier.AlertSignal;
            }

            Thread.SpinWait(1);
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
