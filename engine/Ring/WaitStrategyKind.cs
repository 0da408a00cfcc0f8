namespace FundingArb.Ring;

/// <summary>The wait strategies configuration can choose by name.</summary>
public enum WaitStrategyKind
{
    /// <summary><see cref="BusySpinWaitStrategy"/>: dedicated core only.</summary>
    BusySpin,

    /// <summary><see cref="YieldingWaitStrategy"/>: the default.</summary>
    Yielding,

    /// <summary>A <see cref="YieldingWaitStrategy"/> that sleeps after 100 yields: low CPU, millisecond latency after idling
    /// (journal, metrics).</summary>
    Sleeping,

    /// <summary><see cref="BlockingWaitStrategy"/>: no CPU while idle, producers signal.</summary>
    Blocking,
}
