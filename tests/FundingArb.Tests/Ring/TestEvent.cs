namespace FundingArb.Tests.Ring;

/// <summary>The slot type the ring tests publish: enough fields to detect loss, reordering and overwrites.</summary>
internal struct TestEvent
{
    public long Sequence;
    public long Value;
    public long Checksum;
    public int ProducerId;
    public long ProducerSeq;
    public long Stage1;

    /// <summary>A value derived from the sequence that a later event in the same slot would not reproduce.</summary>
    public static long ChecksumOf(long sequence) => (sequence * unchecked((long)0x9E3779B97F4A7C15UL)) ^ 0x5DEECE66DL;
}
