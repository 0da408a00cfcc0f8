namespace FundingArb.Market;

/// <summary>Readings of the engine clock in the units the contracts use. Every timestamp in the engine comes
/// from one <see cref="TimeProvider"/>: the system one live, a virtual one in replay and tests.</summary>
public static class UnixTime
{
    private const long NanosPerTick = 100;

    /// <summary>Wall time in unix nanoseconds; exact on an <see cref="IUnixNanosecondClock"/>, 100 ns resolution otherwise.</summary>
    public static long UnixNanoseconds(this TimeProvider clock) =>
        clock is IUnixNanosecondClock exact
            ? exact.UnixNanoseconds
            : (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * NanosPerTick;

    public static long UnixMilliseconds(this TimeProvider clock) => clock.UnixNanoseconds() / 1_000_000;

    /// <summary>Microseconds between two <see cref="TimeProvider.GetTimestamp"/> readings of the same clock.</summary>
    public static double ElapsedMicroseconds(this TimeProvider clock, long startTimestamp, long endTimestamp) =>
        (endTimestamp - startTimestamp) * 1_000_000.0 / clock.TimestampFrequency;
}
