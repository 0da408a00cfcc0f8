namespace FundingArb.Ring;

/// <summary>
/// Parks waiters on a monitor until a producer publishes (or the barrier is alerted): zero CPU while
/// idle, a few microseconds of wake-up latency.
/// </summary>
/// <remarks>
/// <para>Publishers signal only when a waiter is registered, so the publish path costs one fence and one
/// load while nobody is parked, instead of taking a lock on every publish.</para>
/// <para>No lost wake-up: the waiter registers (interlocked increment, a full fence) and then re-reads
/// the cursor and the alert flag under the lock; the publisher stores the cursor (or alert), fences, then
/// reads the waiter count. Whichever runs second sees the other's store, and because the publisher
/// pulses under the same lock the waiter checked under, the pulse cannot fall between check and wait.</para>
/// <para>Only the ring cursor is signalled. A chained consumer parks until the cursor passes its
/// sequence, then spins/yields until its upstream stages catch up.</para>
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private int _waiters;

    public bool IsBlockingStrategy => true;

    /// <summary>Threads parked (or about to park) right now; lets tests wait for a waiter deterministically.</summary>
    internal int WaiterCount => Volatile.Read(ref _waiters);

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        if (cursor.Value < sequence)
        {
            lock (_gate)
            {
                Interlocked.Increment(ref _waiters);
                try
                {
                    while (cursor.Value < sequence)
                    {
                        if (barrier.IsAlerted)
                        {
                            return SequenceBarrier.AlertSignal;
                        }

                        Monitor.Wait(_gate);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _waiters);
                }
            }
        }

        var backoff = default(SpinBackoff);
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return SequenceBarrier.AlertSignal;
            }

            backoff.Once();
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
        // Store-load fence: the caller's cursor/alert store must be visible before we read the waiter count.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiters) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
