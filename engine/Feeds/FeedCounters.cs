namespace FundingArb.Feeds;

/// <summary>Counts of frames a venue's feeds received and of those that were malformed or dropped, per reason.</summary>
/// <remarks>Incremented from receive threads, read by status and report: plain interlocked counters, no lock.</remarks>
public sealed class FeedCounters
{
    private readonly long[] _byIssue = new long[256];
    private long _received;
    private long _events;

    public long Received => Volatile.Read(ref _received);
    public long Events => Volatile.Read(ref _events);
    public long Malformed => Sum(malformed: true);
    public long Dropped => Sum(malformed: false);

    public long this[FrameIssue issue] => Volatile.Read(ref _byIssue[(int)issue]);

    public static bool IsMalformed(FrameIssue issue) => issue != FrameIssue.None && issue < FrameIssue.FirstDropped;

    public void CountReceived() => Interlocked.Increment(ref _received);
    public void CountEvents(int events) => Interlocked.Add(ref _events, events);

    public void Count(FrameIssue issue)
    {
        if (issue != FrameIssue.None) Interlocked.Increment(ref _byIssue[(int)issue]);
    }

    private long Sum(bool malformed)
    {
        long total = 0;
        for (var i = 1; i < _byIssue.Length; i++)
            if (IsMalformed((FrameIssue)i) == malformed) total += Volatile.Read(ref _byIssue[i]);
        return total;
    }
}
