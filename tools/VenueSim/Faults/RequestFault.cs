namespace FundingArb.VenueSim.Faults;

/// <summary>What the faults do to one request: hold the answer for <see cref="Delay"/>, and/or answer with
/// <see cref="Answer"/> (a server error, rate limit or reset) instead of, or after, carrying it out.</summary>
public readonly record struct RequestFault(FaultRule? Answer, TimeSpan Delay)
{
    public static readonly RequestFault None = new(null, TimeSpan.Zero);

    /// <summary>The request must still be carried out (no answer fault, or one that answers after executing).</summary>
    public bool Executes => Answer is null || Answer.Executed;
}
