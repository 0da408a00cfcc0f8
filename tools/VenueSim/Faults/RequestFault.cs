namespace FundingArb.VenueSim.Faults;

/// <summary>What the faults do to one request: hold the answer for <see cref="Delay"/>, and/or answer with
/// <see cref="Answer"/> (a server error, rate limit or reset) instead of, or after, carrying it out.</summary>
public readonly record struct RequestFault(FaultRule? Answer, TimeSpan Delay)
{
    public static readonly RequestFault None = new(null, TimeSpan.Zero);

    /// <summary>The request must still be carried out (no answer fault, or one that answers after executing).</summary>
    public bool Executes => Answer is null || Answer.Executed;

    /// <summary>Delivers a WebSocket API answer as the faults say: a reset drops the connection instead, a delay holds the
    /// answer (and the frames behind it) on the wall clock.</summary>
    public void Deliver(Streaming.StreamConnection connection, byte[] answer, TimeProvider wallClock)
    {
        if (Answer?.Kind == FaultKind.Reset) connection.Abort();
        else if (Delay > TimeSpan.Zero) connection.SendAfter(answer, Delay, wallClock);
        else connection.Send(answer);
    }
}
