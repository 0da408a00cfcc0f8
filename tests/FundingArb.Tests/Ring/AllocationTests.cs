using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

[Collection(RingTestCollection.Name)]
public sealed class AllocationTests
{
    private struct SumHandler : IEventHandler<TestEvent>
    {
        public long Count;
        public long Sum;
        public long Batches;

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            Sum += evt.Value;
            Count++;
        }

        public void OnBatchStart(long batchSize) => Batches++;

        public void OnStart()
        {
        }

        public void OnShutdown()
        {
        }
    }

    private static void Pump(RingBuffer<TestEvent> ring, EventPoller<TestEvent> poller, ref SumHandler handler, int events)
    {
        for (int i = 0; i < events; i++)
        {
            long s = ring.Next();
            ref var e = ref ring[s];
            e.Sequence = s;
            e.Value = i;
            ring.Publish(s);
            if ((i & 63) == 63)
            {
                poller.Poll(ref handler);
            }
        }

        while (poller.Poll(ref handler) == PollState.Processing)
        {
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Steady_state_claim_write_publish_consume_allocates_nothing(bool multi)
    {
        const int Events = 100_000;
        var ring = RingBufferTests.Create(multi, 1024, new YieldingWaitStrategy());
        var poller = ring.NewPoller();
        ring.AddGatingSequences(poller.Sequence);
        var handler = new SumHandler();

        Pump(ring, poller, ref handler, Events); // warm-up: JIT tiers, statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pump(ring, poller, ref handler, Events);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2L * Events, handler.Count);
        Assert.Equal(2L * ((long)Events * (Events - 1) / 2), handler.Sum);
    }

    [Fact]
    public void Batch_processor_loop_allocates_nothing_per_event()
    {
        // Run the processor on this thread (halt requested up front: it drains and returns), so the
        // per-thread allocation counter sees its whole loop.
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(1 << 16, new YieldingWaitStrategy());
        var processor = new BatchEventProcessor<TestEvent, SumHandler>(ring, ring.NewBarrier(), default);
        ring.AddGatingSequences(processor.Sequence);
        for (int round = 0; round < 3; round++)
        {
            long hi = ring.Next(ring.BufferSize);
            for (long s = hi - ring.BufferSize + 1; s <= hi; s++)
            {
                ring[s].Value = 1;
            }

            ring.Publish(hi - ring.BufferSize + 1, hi);
            processor.Halt();
            long before = GC.GetAllocatedBytesForCurrentThread();
            processor.Run();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round > 0)
            {
                Assert.Equal(0, allocated);
            }
        }

        Assert.Equal(3L << 16, processor.Handler.Count);
        Assert.Equal(3, processor.Handler.Batches);
    }
}
