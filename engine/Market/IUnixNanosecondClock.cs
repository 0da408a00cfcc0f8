namespace FundingArb.Market;

/// <summary>A clock that knows the time to the nanosecond (the virtual clock, whose time is a capture's <c>t</c>);
/// <see cref="UnixTime"/> reads it directly instead of through <see cref="DateTimeOffset"/>'s 100 ns ticks.</summary>
public interface IUnixNanosecondClock
{
    long UnixNanoseconds { get; }
}
