namespace FundingArb.Ring;

/// <summary>How a consumer waits once it has caught up with what is available.</summary>
/// <remarks>
/// Only called on the slow path (the consumer found nothing new), so interface dispatch is fine here and
/// lets configuration choose the strategy at run time.
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>
    /// True when waiters park and must be woken: producers then call <see cref="SignalAllWhenBlocking"/>
    /// after publishing. Read once at construction so non-blocking strategies cost nothing per publish.
    /// </summary>
    bool IsBlockingStrategy { get; }

    /// <summary>
    /// Waits until <paramref name="dependents"/> reach <paramref name="sequence"/> and returns their
    /// minimum (which may be higher, enabling batching), or <see cref="SequenceBarrier.AlertSignal"/>
    /// as soon as <paramref name="barrier"/> is alerted. Never returns anything else below
    /// <paramref name="sequence"/>.
    /// </summary>
    long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier);

    /// <summary>Wakes parked waiters; called after a publish and by <see cref="SequenceBarrier.Alert"/>.</summary>
    void SignalAllWhenBlocking();
}
