namespace FundingArb.Ring;

/// <summary>For a ring read by a poller that parks on its own signal (the gateway reads intents, execution updates and
/// its inbox on one thread): every publish calls <c>wake</c>, so the consumer reacts at once instead of at its next
/// timed poll. A consumer that does wait on the ring itself spins, then yields.</summary>
/// <remarks>The wake is a cheap set of an event the consumer resets; producers pay it on every publish, which suits
/// rings that carry tens of events a second (intents, private-stream updates), not the market-data ring.</remarks>
public sealed class WakeOnPublishWaitStrategy(Action wake) : IWaitStrategy
{
    private readonly YieldingWaitStrategy _fallback = new(sleepMilliseconds: 0);

    public bool IsBlockingStrategy => true;

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier) =>
        _fallback.WaitFor(sequence, cursor, dependents, barrier);

    public void SignalAllWhenBlocking() => wake();
}
