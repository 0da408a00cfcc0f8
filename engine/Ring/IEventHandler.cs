namespace FundingArb.Ring;

/// <summary>
/// Consumes events in place from a ring. Implement it on a struct or a sealed class: processors and
/// pollers take the handler as a generic type parameter, so calls are direct and can be inlined.
/// </summary>
/// <remarks>
/// Every member is required (no default interface methods): a default method called on a struct
/// handler through the generic constraint boxes it, i.e. allocates, once per batch.
/// </remarks>
public interface IEventHandler<T> where T : struct
{
    /// <summary>
    /// Handles one event. <paramref name="endOfBatch"/> is true on the last event currently available:
    /// flush buffered work then, since the next event may be a long time coming.
    /// </summary>
    /// <param name="evt">The slot itself; it is reused once the handler's sequence moves past it, so copy what must outlive the call.</param>
    void OnEvent(ref T evt, long sequence, bool endOfBatch);

    /// <summary>Called before the first <see cref="OnEvent"/> of each batch with the number of events in it.</summary>
    void OnBatchStart(long batchSize);

    /// <summary>Called once on the consumer thread before the first event.</summary>
    void OnStart();

    /// <summary>Called once on the consumer thread after the last event; no event follows.</summary>
    void OnShutdown();
}
