using FundingArb.Decision;
using FundingArb.Ring;

namespace FundingArb.Bench.Gateway;

/// <summary>The decision thread's half of <see cref="DecisionRecordRing"/>: the record copied into a slot of a
/// single-producer ring with a blocking wait strategy and published — what the live core pays per record. There is no
/// writer thread: the benchmark drains the ring between rounds, outside the measured span (the live writer formats the
/// records on another thread).</summary>
public sealed class DrainedRecordRing : IDecisionRecordSink
{
    private readonly RingBuffer<DecisionRecord> _ring = RingBuffer<DecisionRecord>.CreateSingleProducer(4096, new BlockingWaitStrategy());
    private readonly Sequence _reader = new();

    public DrainedRecordRing() => _ring.AddGatingSequences(_reader);

    public long Written { get; private set; }
    public long Dropped { get; private set; }

    public bool Write(in DecisionRecord record)
    {
        if (!_ring.TryNext(out var sequence))
        {
            Dropped++;
            return false;
        }
        _ring[sequence] = record;
        _ring.Publish(sequence);
        Written++;
        return true;
    }

    /// <summary>What the writer thread would do: take everything published.</summary>
    public void Drain() => _reader.Set(_ring.Cursor);
}
