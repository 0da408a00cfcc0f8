using System.Runtime.CompilerServices;

namespace FundingArb.Gateway;

/// <summary>The send side of one client's trading WebSocket: the send gate, the request ids, the request timeout and the
/// send template every venue's order request follows — wait the gate, arm a pending reply, write the venue's frame, send,
/// await the answer (or the timeout sweep, or the drop). Steady state allocates nothing: the frame is written by a static
/// delegate from a state struct, and the state machine is pooled.</summary>
/// <remarks>The gate also serialises whatever else shares the client's frame buffers and signing key (REST signing),
/// so the client takes it for those too.</remarks>
public sealed class SocketRequestSender : IAsyncDisposable
{
    private readonly PrivateSocket _socket;
    private readonly TimeProvider _time;
    private readonly long _timeoutTicks;
    private readonly ExecutionError _busy;
    private readonly ExecutionError _notSent;
    private readonly ExecutionError _unknown;
    private readonly ExecutionError _timedOut;
    private long _nextRequestId;
    private Action<int>? _late;
    private ITimer? _sweep;

    /// <param name="busy">The refusal when every reply slot is in flight (RateLimited; the request is not sent).</param>
    /// <param name="notSent">The failure when no byte of the frame was written, or writing it threw (Disconnected).</param>
    /// <param name="unknown">The failure when the send broke once writing may have begun (Disconnected).</param>
    /// <param name="timedOut">The failure of a request left unanswered past <paramref name="requestTimeout"/> (Timeout).</param>
    public SocketRequestSender(PrivateSocket socket, PendingReplies pending, TimeProvider time, TimeSpan requestTimeout,
        ReadOnlySpan<byte> busy, ReadOnlySpan<byte> notSent, ReadOnlySpan<byte> unknown, ReadOnlySpan<byte> timedOut)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(time);
        _socket = socket;
        Pending = pending;
        _time = time;
        _timeoutTicks = (long)(requestTimeout.TotalSeconds * time.TimestampFrequency);
        _busy = ExecutionError.Local(ExecutionErrorKind.RateLimited, busy);
        _notSent = ExecutionError.Local(ExecutionErrorKind.Disconnected, notSent);
        _unknown = ExecutionError.Local(ExecutionErrorKind.Disconnected, unknown);
        _timedOut = ExecutionError.Local(ExecutionErrorKind.Timeout, timedOut);
    }

    /// <summary>Serialises the frame buffer and signing; every send passes it.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public PendingReplies Pending { get; }

    /// <summary>A caller that gives up before its request is written gets this, never an exception: nothing was sent.</summary>
    public static OrderReport CanceledBeforeSend() =>
        OrderReport.Failed(ExecutionError.Local(ExecutionErrorKind.CanceledBeforeSend, "canceled by the caller before it was sent; not sent"u8));

    /// <summary>Sends the frame <paramref name="writeFrame"/> writes for the request id (under the gate) and returns the
    /// answer, or why there is none.</summary>
    /// <remarks>The caller's token counts only until the request is armed: from then on it goes out and is awaited
    /// whatever the token says. A send cancelled half-way would abort the connection every other request uses, and an
    /// armed slot must be completed and awaited before it can serve another request. The wait ends by the answer, the
    /// timeout sweep (<see cref="StartTimeoutSweep"/>) or the drop.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // always suspends on the reply: pooled, no box per order
    public async ValueTask<OrderReport> SendAsync<TState>(TState state, Func<TState, long, ReadOnlyMemory<byte>> writeFrame,
        CancellationToken cancellationToken)
    {
        try
        {
            await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return CanceledBeforeSend();
        }
        PendingReply reply;
        try
        {
            var id = ++_nextRequestId;
            if (!Pending.TryArm(id, _time.GetTimestamp() + _timeoutTicks, out reply)) return OrderReport.Failed(_busy);
            try
            {
                var outcome = await _socket.TrySendAsync(writeFrame(state, id), CancellationToken.None).ConfigureAwait(false);
                if (outcome == SendOutcome.NotSent) Pending.TryComplete(id, OrderReport.Failed(_notSent));
                else if (outcome == SendOutcome.Unknown) Pending.TryComplete(id, OrderReport.Failed(_unknown));
            }
            catch (Exception)
            {
                // Writing the frame failed before any send: completed here and awaited below, so the slot is never leaked.
                Pending.TryComplete(id, OrderReport.Failed(_notSent));
            }
        }
        finally
        {
            Gate.Release();
        }
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="write"/> under the send gate — for a REST request signed with the key, or written into
    /// the buffers, the socket's frames use — and returns what it wrote; <c>Entered</c> false, nothing written, when the
    /// caller gave up before the gate was had (report <see cref="CanceledBeforeSend"/>).</summary>
    public async ValueTask<(bool Entered, TResult Written)> UnderGateAsync<TState, TResult>(TState state, Func<TState, TResult> write,
        CancellationToken cancellationToken)
    {
        try
        {
            await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return (false, default!);
        }
        try
        {
            return (true, write(state));
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>From now on, once a second, fails the requests past their deadline and tells <paramref name="late"/> how
    /// many when there were any: what a silent link means (drop it or not) is the venue's call.</summary>
    public void StartTimeoutSweep(Action<int> late)
    {
        ArgumentNullException.ThrowIfNull(late);
        _late = late;
        _sweep = _time.CreateTimer(static s => ((SocketRequestSender)s!).Sweep(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private void Sweep()
    {
        var failed = Pending.FailWaiting(_time.GetTimestamp(), _timedOut);
        if (failed > 0) _late!(failed);
    }

    /// <summary>Fails every request still waiting: the client is stopping.</summary>
    public void FailAll() => Pending.FailWaiting(long.MaxValue, ExecutionError.Local(ExecutionErrorKind.Disconnected, "client stopped"u8));

    /// <summary>Stops the timeout sweep. The gate stays usable (and undisposed): a send or signing still running releases
    /// it when it ends.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sweep is not null) await _sweep.DisposeAsync().ConfigureAwait(false);
    }
}
