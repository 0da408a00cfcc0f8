using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Gateway;

/// <summary>Puts a private stream's parsed updates on the execution ring, each once: duplicates and overtaken updates are
/// dropped by the <see cref="ExecutionDeduplicator"/> and counted. Owned by the stream's one receive loop (the ring's single
/// producer).</summary>
public sealed class ExecutionPublisher(RingBuffer<ExecutionUpdate> ring, FeedCounters counters)
{
    private readonly ExecutionDeduplicator _dedupe = new();
    private long _published;
    private long _resyncs;

    public long Published => Volatile.Read(ref _published);
    /// <summary>StreamResynced updates published (times the stream was subscribed again after a gap).</summary>
    public long Resyncs => Volatile.Read(ref _resyncs);
    public long Duplicates => _dedupe.Duplicates;
    public long Stale => _dedupe.Stale;

    public void Publish(ReadOnlySpan<ExecutionUpdate> updates)
    {
        var published = 0;
        foreach (ref readonly var update in updates)
        {
            if (!_dedupe.Accept(update))
            {
                counters.Count(FrameIssue.Duplicate);
                continue;
            }
            // Parsed into the parser's scratch and copied here: a duplicate must not take a ring slot it cannot give back.
            var sequence = ring.Next();
            ring[sequence] = update;
            ring.Publish(sequence);
            published++;
        }
        counters.CountEvents(published);
        Interlocked.Add(ref _published, published);
    }

    /// <summary>The stream is subscribed again after a gap: the gateway reconciles on
    /// <see cref="ExecutionUpdateKind.StreamResynced"/>.</summary>
    public void PublishResynced(VenueId venue, long receivedTimestamp)
    {
        var sequence = ring.Next();
        ring[sequence] = new ExecutionUpdate { Kind = ExecutionUpdateKind.StreamResynced, Venue = venue, ReceivedTimestamp = receivedTimestamp };
        ring.Publish(sequence);
        // Counted as an event like any other update on the ring: the counters' events match what was published.
        counters.CountEvents(1);
        Interlocked.Increment(ref _published);
        Interlocked.Increment(ref _resyncs);
    }
}
