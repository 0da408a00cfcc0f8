namespace FundingArb.Ring;

/// <summary>Decides what a <see cref="BatchEventProcessor{T, THandler}"/> does when its handler throws.</summary>
/// <remarks>Exceptions are exceptional here, not control flow: this runs off the hot path.</remarks>
public interface IExceptionHandler<T> where T : struct
{
    /// <summary>
    /// Called on the consumer thread with the exception and the event being handled. Return true to
    /// count the event as consumed and carry on with the next; false to fault the processor (it stops
    /// without consuming this event; see <see cref="BatchEventProcessor{T, THandler}"/>).
    /// </summary>
    bool OnEventException(Exception exception, long sequence, ref T evt);
}
