using FundingArb.Ring;

namespace FundingArb.Decision;

/// <summary>Takes decision records off the decision thread: <see cref="Write"/> copies the struct into a ring slot, and
/// a writer thread formats the records to their stream in batches. The decision thread never waits: when the ring is
/// full (the disk is stalling), the record is counted in <see cref="Dropped"/> and the verdict still stands.</summary>
public sealed class DecisionRecordRing : IDecisionRecordSink
{
    private readonly RingBuffer<DecisionRecord> _ring;
    private readonly BatchEventProcessor<DecisionRecord, Formatter> _writer;

    public DecisionRecordRing(DecisionRecordWriter output, int capacity = 4096)
    {
        // Blocking: the writer thread sleeps between bursts instead of spinning on one of two cores.
        _ring = RingBuffer<DecisionRecord>.CreateSingleProducer(capacity, new BlockingWaitStrategy());
        _writer = new BatchEventProcessor<DecisionRecord, Formatter>(_ring, _ring.NewBarrier(), new Formatter(output));
        _ring.AddGatingSequences(_writer.Sequence);
    }

    public long Dropped { get; private set; }

    public void Start() => _writer.Start("decision-records");

    /// <summary>Writes what is queued and stops the writer thread. Call after the decision thread has stopped.</summary>
    public void Stop(TimeSpan timeout)
    {
        _writer.Halt();
        _writer.WaitForShutdown(timeout);
    }

    public bool Write(in DecisionRecord record)
    {
        if (!_ring.TryNext(out var sequence))
        {
            Dropped++;
            return false;
        }
        _ring[sequence] = record;
        _ring.Publish(sequence);
        return true;
    }

    private sealed class Formatter(DecisionRecordWriter output) : IEventHandler<DecisionRecord>
    {
        public void OnEvent(ref DecisionRecord evt, long sequence, bool endOfBatch)
        {
            output.Write(evt);
            if (endOfBatch) output.Flush();
        }

        public void OnBatchStart(long batchSize) { }
        public void OnStart() { }
        public void OnShutdown() => output.Flush();
    }
}
