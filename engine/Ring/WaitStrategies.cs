namespace FundingArb.Ring;

/// <summary>Creates wait strategies from configuration.</summary>
public static class WaitStrategies
{
    /// <summary>What configuration gets when it names no strategy: right for a 2-core machine.</summary>
    public const WaitStrategyKind Default = WaitStrategyKind.Yielding;

    /// <summary>A new strategy of <paramref name="kind"/> with default tuning.</summary>
    public static IWaitStrategy Create(WaitStrategyKind kind = Default) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        // The yielding loop, giving the CPU back after 100 yields instead of 10 000: for consumers off the latency path.
        WaitStrategyKind.Sleeping => new YieldingWaitStrategy(spinTries: 100, yieldsBeforeSleep: 100, sleepMilliseconds: 1),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown wait strategy"),
    };

    /// <summary>
    /// Parses a configured name (case-insensitive; "busy-spin"/"busy_spin" accepted); null or empty
    /// gives <see cref="Default"/>. Written out by hand rather than via reflection, for native AOT.
    /// </summary>
    public static bool TryParse(string? name, out WaitStrategyKind kind)
    {
        kind = Default;
        if (string.IsNullOrWhiteSpace(name))
        {
            return true;
        }

        switch (name.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant())
        {
            case "busyspin":
                kind = WaitStrategyKind.BusySpin;
                return true;
            case "yielding":
                kind = WaitStrategyKind.Yielding;
                return true;
            case "sleeping":
                kind = WaitStrategyKind.Sleeping;
                return true;
            case "blocking":
                kind = WaitStrategyKind.Blocking;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Creates the strategy a configured name selects; throws with the accepted names if unknown.</summary>
    public static IWaitStrategy Create(string? name) => TryParse(name, out var kind)
        ? Create(kind)
        : throw new ArgumentException(
            $"unknown wait strategy '{name}'; expected one of BusySpin, Yielding, Sleeping, Blocking", nameof(name));
}
