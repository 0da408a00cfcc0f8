namespace FundingArb.Gateway;

/// <summary>The offset of a venue's clock from ours, for signed requests' timestamps. Each synchronisation round takes a
/// few server-time samples; the one with the smallest round trip wins (its midpoint is the least uncertain), and the round
/// replaces the offset when it ends.</summary>
/// <remarks>One round at a time (the caller's refresh loop); <see cref="NowUnixMs"/> is read from any thread.</remarks>
public sealed class ClockOffset(TimeProvider clock)
{
    /// <summary>The longest round trip a sample may take and still be used.</summary>
    public static readonly TimeSpan MaxRoundTrip = TimeSpan.FromSeconds(5);

    private long _offsetMs;
    private long _bestRoundTripTicks = long.MaxValue;
    private long _bestOffsetMs;
    private long _rounds;

    public TimeProvider Clock => clock;

    /// <summary>Venue time minus ours, ms.</summary>
    public long OffsetMs => Volatile.Read(ref _offsetMs);

    /// <summary>Completed rounds (tests and status).</summary>
    public long Rounds => Volatile.Read(ref _rounds);

    /// <summary>The venue's clock now, unix ms, as best we know it.</summary>
    public long NowUnixMs() => clock.GetUtcNow().ToUnixTimeMilliseconds() + Volatile.Read(ref _offsetMs);

    public void BeginRound() => _bestRoundTripTicks = long.MaxValue;

    /// <summary>One sample: our timestamps (<see cref="TimeProvider.GetTimestamp"/>) around the request, and the server
    /// time in its answer.</summary>
    public void AddSample(long sentTimestamp, long receivedTimestamp, long serverUnixMs)
    {
        var roundTrip = receivedTimestamp - sentTimestamp;
        if (roundTrip < 0 || roundTrip >= _bestRoundTripTicks) return;
        // A sample that took longer than a signature's whole window (a stalled process, a paused VM) says nothing
        // about the offset within it: half its round trip is the error. Such a round keeps the offset it had.
        if (clock.GetElapsedTime(sentTimestamp, receivedTimestamp) > MaxRoundTrip) return;
        _bestRoundTripTicks = roundTrip;
        // The server read its clock about half-way through the round trip.
        var halfTripMs = (long)(clock.GetElapsedTime(sentTimestamp, receivedTimestamp).TotalMilliseconds / 2);
        // Our wall clock when the answer arrived, not now: time spent since (parsing, a busy thread) is not offset.
        var localAtReceiveMs = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)clock.GetElapsedTime(receivedTimestamp).TotalMilliseconds;
        _bestOffsetMs = serverUnixMs + halfTripMs - localAtReceiveMs;
    }

    /// <summary>Applies the round's best sample; false (offset unchanged) if it had none.</summary>
    public bool EndRound()
    {
        if (_bestRoundTripTicks == long.MaxValue) return false;
        Volatile.Write(ref _offsetMs, _bestOffsetMs);
        Interlocked.Increment(ref _rounds);
        return true;
    }
}
