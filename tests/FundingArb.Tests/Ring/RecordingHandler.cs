using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

/// <summary>
/// Checks every event against what the test published and records batch structure. Records the first
/// problem instead of throwing, so a failure never stalls producers; tests assert on <see cref="Error"/>.
/// </summary>
internal sealed class RecordingHandler : IEventHandler<TestEvent>
{
    private readonly bool _recordBatches;
    private long _expected;

    public RecordingHandler(bool recordBatches = false, long firstExpected = 0)
    {
        _recordBatches = recordBatches;
        _expected = firstExpected;
    }

    public long Count;
    public string? Error;
    public int Starts;
    public int Shutdowns;
    public readonly List<long> BatchSizes = [];
    public readonly List<long> EndOfBatchSequences = [];
    public long SpinPerEvent;
    public Func<long, bool>? ThrowOn;

    public void OnStart() => Starts++;

    public void OnShutdown() => Shutdowns++;

    public void OnBatchStart(long batchSize)
    {
        if (_recordBatches)
        {
            BatchSizes.Add(batchSize);
        }
    }

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        if (ThrowOn is not null && ThrowOn(sequence))
        {
            throw new InvalidOperationException($"handler failure at {sequence}");
        }

        Check(ref evt, sequence, "on read");
        if (SpinPerEvent > 0)
        {
            // Slow consumer: gives the producer time to lap us if gating were broken, then re-checks.
            Thread.SpinWait((int)SpinPerEvent);
            Check(ref evt, sequence, "after slow processing (slot overwritten while in use)");
        }

        if (sequence != _expected)
        {
            Error ??= $"expected sequence {_expected}, got {sequence}";
        }

        _expected = sequence + 1;
        if (endOfBatch && _recordBatches)
        {
            EndOfBatchSequences.Add(sequence);
        }

        Count++;
    }

    private void Check(ref TestEvent evt, long sequence, string when)
    {
        if (evt.Sequence != sequence || evt.Checksum != TestEvent.ChecksumOf(sequence) || evt.Value != sequence * 7)
        {
            Error ??= $"slot for {sequence} holds sequence {evt.Sequence} / checksum {evt.Checksum} {when}";
        }
    }

    public static void Fill(ref TestEvent evt, long sequence)
    {
        evt.Sequence = sequence;
        evt.Value = sequence * 7;
        evt.Checksum = TestEvent.ChecksumOf(sequence);
    }
}
