using System.Runtime.ExceptionServices;

namespace FundingArb.Ring;

/// <summary>
/// Runs a consumer loop: waits on its barrier, hands every available event to the handler as one batch,
/// then publishes its own <see cref="Sequence"/> once per batch.
/// </summary>
/// <remarks>
/// <para><typeparamref name="THandler"/> is a type parameter so a struct or sealed handler is called
/// directly (and inlined for a struct). The handler lives in the processor; reach it via <see cref="Handler"/>.</para>
/// <para><b>Halt semantics.</b> <see cref="Halt"/> alerts the barrier. When the loop observes the alert
/// (at once if waiting; after the current batch if busy) it takes one snapshot of what is readable —
/// everything published to the ring, or for a chained stage everything its upstream stages have
/// finished — handles it, advances <see cref="Sequence"/>, calls <c>OnShutdown</c> and returns. Anything
/// published by a thread before that thread (or one it synchronised with) called <see cref="Halt"/> is
/// therefore handled; events published concurrently with the halt may or may not be. To drain a
/// pipeline fully, stop the producers, then halt stage by stage, waiting for each stage to stop before
/// halting the next. A <see cref="Halt"/> before <see cref="Run"/> starts is kept: that run drains and
/// returns at once. The halt request is consumed when the loop returns, so the processor can be run again.</para>
/// <para><b>Exceptions.</b> If the handler throws from <c>OnEvent</c>/<c>OnBatchStart</c>, the optional
/// <see cref="IExceptionHandler{T}"/> decides: true skips the event (counted as consumed) and carries on.
/// Without one, or when it returns false, the processor faults: its sequence stays on the last event
/// handled successfully (the failing event is not consumed, so producers gate on it and the ring
/// eventually fills — a dead consumer must not be skipped silently), <c>OnShutdown</c> is called,
/// <see cref="Fault"/> is set, and <see cref="Run"/> rethrows the original exception. On a thread
/// started with <see cref="Start"/> the exception is caught at the top of the thread (so a background
/// thread does not tear the process down mid-state) and <see cref="WaitForShutdown"/> rethrows it to the
/// joining thread; the host should also watch <see cref="Fault"/>/<see cref="IsRunning"/>. Exceptions
/// from <c>OnStart</c> and <c>OnShutdown</c> fault it the same way.</para>
/// </remarks>
public sealed class BatchEventProcessor<T, THandler> : IEventProcessor
    where T : struct
    where THandler : IEventHandler<T>
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IExceptionHandler<T>? _exceptionHandler;
    private readonly Sequence _sequence = new();
    private THandler _handler;
    private int _running;
    private Exception? _fault;
    private Thread? _thread;

    /// <param name="barrier">This processor's own barrier (from <see cref="RingBuffer{T}.NewBarrier"/>); halting alerts it.</param>
    public BatchEventProcessor(
        RingBuffer<T> ring, SequenceBarrier barrier, THandler handler, IExceptionHandler<T>? exceptionHandler = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _exceptionHandler = exceptionHandler;
    }

    public Sequence Sequence => _sequence;

    /// <summary>The handler instance the processor calls (by reference: a struct handler's state lives here).</summary>
    public ref THandler Handler => ref _handler;

    public bool IsRunning => Volatile.Read(ref _running) != 0;

    public Exception? Fault => Volatile.Read(ref _fault);

    public SequenceBarrier Barrier => _barrier;

    /// <summary>Requests a drain-and-stop (see the class remarks for exactly what is drained).</summary>
    public void Halt() => _barrier.Alert();

    /// <summary>Runs the loop on the calling thread until halted or faulted.</summary>
    /// <exception cref="InvalidOperationException">The processor is already running.</exception>
    public void Run()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new InvalidOperationException("The processor is already running.");
        }

        Volatile.Write(ref _fault, null);
        Exception? failure = null;
        try
        {
            _handler.OnStart();
            failure = ProcessEvents();
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        try
        {
            _handler.OnShutdown();
        }
        catch (Exception ex)
        {
            failure ??= ex;
        }

        _barrier.ClearAlert();
        if (failure is not null)
        {
            Volatile.Write(ref _fault, failure);
        }

        Volatile.Write(ref _running, 0);
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Runs the loop on a new background thread named <paramref name="threadName"/> and returns it.</summary>
    public Thread Start(string threadName)
    {
        ArgumentNullException.ThrowIfNull(threadName);
        if (IsRunning || _thread is { IsAlive: true })
        {
            throw new InvalidOperationException("The processor is already running.");
        }

        var thread = new Thread(RunOnThread) { Name = threadName, IsBackground = true };
        _thread = thread;
        thread.Start();
        return thread;
    }

    /// <summary>
    /// Joins the thread from <see cref="Start"/>. Returns false if it is still running after
    /// <paramref name="timeout"/>; rethrows the handler exception if the processor faulted.
    /// </summary>
    public bool WaitForShutdown(TimeSpan timeout)
    {
        var thread = _thread ?? throw new InvalidOperationException("The processor was not started with Start().");
        if (!thread.Join(timeout))
        {
            return false;
        }

        if (Fault is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        return true;
    }

    private void RunOnThread()
    {
        try
        {
            Run();
        }
        catch (Exception)
        {
            // Recorded in Fault by Run(); WaitForShutdown rethrows it to whoever joins.
        }
    }

    // Returns the exception that faulted the processor, or null after a clean halt.
    private Exception? ProcessEvents()
    {
        long next = _sequence.Value + 1;
        while (true)
        {
            long available = _barrier.WaitFor(next);
            bool halting = available == SequenceBarrier.AlertSignal;
            if (halting)
            {
                available = _barrier.GetAvailableNoWait(next);
            }

            if (available >= next)
            {
                var failure = ProcessBatch(next, available);
                if (failure is not null)
                {
                    return failure;
                }

                next = available + 1;
            }

            if (halting)
            {
                return null;
            }
        }
    }

    private Exception? ProcessBatch(long lo, long hi)
    {
        long s = lo;
        try
        {
            _handler.OnBatchStart(hi - lo + 1);
        }
        catch (Exception ex)
        {
            if (!Skip(ex, lo))
            {
                return ex;
            }
        }

        while (true)
        {
            try
            {
                for (; s <= hi; s++)
                {
                    _handler.OnEvent(ref _ring[s], s, s == hi);
                }

                break;
            }
            catch (Exception ex)
            {
                if (!Skip(ex, s))
                {
                    // Everything before the failing event is done; the failing one is not consumed.
                    _sequence.Set(s - 1);
                    return ex;
                }

                s++;
            }
        }

        // One release store per batch: producers and downstream stages see the whole batch at once.
        _sequence.Set(hi);
        return null;
    }

    private bool Skip(Exception exception, long sequence) =>
        _exceptionHandler is not null && _exceptionHandler.OnEventException(exception, sequence, ref _ring[sequence]);
}
