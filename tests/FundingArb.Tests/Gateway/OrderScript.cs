using FundingArb.Gateway;

namespace FundingArb.Tests.Gateway;

/// <summary>How the scripted venue treats one order: its answer, what fills, and when things arrive.</summary>
internal sealed record OrderScript
{
    /// <summary>The answer is this error (none: the order is accepted).</summary>
    public ExecutionErrorKind Error { get; init; }
    /// <summary>With an outcome-unknown <see cref="Error"/>: the venue took the order anyway.</summary>
    public bool TakenDespiteError { get; init; }
    public long RetryAfterMs { get; init; }
    /// <summary>Fraction of the quantity that fills at once (rounded down to the lot).</summary>
    public double FillFraction { get; init; } = 1;
    /// <summary>The unfilled rest stays live on the book until cancelled (else it expires at once, as IOC does).</summary>
    public bool Rests { get; init; }
    /// <summary>A resting order fills completely just as the cancel reaches the venue (the cancel race).</summary>
    public bool FillsOnCancel { get; init; }
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromMilliseconds(5);
    public TimeSpan StreamDelay { get; init; } = TimeSpan.FromMilliseconds(3);
    /// <summary>The stream sends the terminal status before the fill, and repeats the status.</summary>
    public bool ScrambledUpdates { get; init; }

    public static OrderScript Fills { get; } = new();
    public static OrderScript Rejected(ExecutionErrorKind kind, long retryAfterMs = 0) => new() { Error = kind, RetryAfterMs = retryAfterMs, FillFraction = 0 };
    public static OrderScript Partial(double fraction) => new() { FillFraction = fraction };
}
