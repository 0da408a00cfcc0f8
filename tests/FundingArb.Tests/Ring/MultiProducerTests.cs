using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

[Collection(RingTestCollection.Name)]
public sealed class MultiProducerTests
{
    [Theory]
    [InlineData(4, 25_000, 1024, WaitStrategyKind.Yielding)]
    [InlineData(8, 5_000, 8, WaitStrategyKind.Yielding)] // tiny ring: producers wrap and gate constantly
    [InlineData(4, 10_000, 64, WaitStrategyKind.Blocking)]
    public void Each_event_arrives_exactly_once_and_each_producers_order_is_kept(
        int producers, int perProducer, int size, WaitStrategyKind kind)
    {
        var ring = RingBuffer<TestEvent>.CreateMultiProducer(size, WaitStrategies.Create(kind));
        var handler = new PerProducerHandler(producers, perProducer);
        var processor = new BatchEventProcessor<TestEvent, PerProducerHandler>(ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        processor.Start("mp-consumer");

        using var go = new ManualResetEventSlim(false);
        var threads = new Thread[producers];
        for (int p = 0; p < producers; p++)
        {
            int id = p;
            threads[p] = Guard.Start($"producer-{id}", () =>
            {
                go.Wait();
                long n = 0;
                while (n < perProducer)
                {
                    // Alternate single and batched claims so both paths race with each other.
                    int batch = (n % 3 == 0) ? (int)Math.Min(3, perProducer - n) : 1;
                    long hi = ring.Next(batch);
                    long lo = hi - batch + 1;
                    for (long s = lo; s <= hi; s++)
                    {
                        ref var e = ref ring[s];
                        e.ProducerId = id;
                        e.ProducerSeq = n++;
                        e.Checksum = TestEvent.ChecksumOf((id * 1_000_000L) + e.ProducerSeq);
                    }

                    if (batch == 1)
                    {
                        ring.Publish(hi);
                    }
                    else
                    {
                        ring.Publish(lo, hi);
                    }
                }
            });
        }

        go.Set();
        foreach (var t in threads)
        {
            Guard.Join(t, t.Name!);
        }

        processor.Halt();
        Guard.Shutdown(processor, "consumer");

        Assert.Null(handler.Error);
        Assert.Equal((long)producers * perProducer, handler.Count);
        for (int p = 0; p < producers; p++)
        {
            Assert.Equal(perProducer - 1, handler.LastSeen[p]);
        }
    }

    [Fact]
    public void TryNext_from_many_threads_never_hands_out_the_same_slot_twice()
    {
        const int Producers = 4;
        const int PerProducer = 20_000;
        var ring = RingBuffer<TestEvent>.CreateMultiProducer(16, new YieldingWaitStrategy());
        var handler = new PerProducerHandler(Producers, PerProducer);
        var processor = new BatchEventProcessor<TestEvent, PerProducerHandler>(ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        processor.Start("mp-consumer");

        var threads = new Thread[Producers];
        for (int p = 0; p < Producers; p++)
        {
            int id = p;
            threads[p] = Guard.Start($"try-producer-{id}", () =>
            {
                for (long n = 0; n < PerProducer; n++)
                {
                    long s;
                    while (!ring.TryNext(out s))
                    {
                        Thread.Yield();
                    }

                    ref var e = ref ring[s];
                    e.ProducerId = id;
                    e.ProducerSeq = n;
                    e.Checksum = TestEvent.ChecksumOf((id * 1_000_000L) + n);
                    ring.Publish(s);
                }
            });
        }

        foreach (var t in threads)
        {
            Guard.Join(t, t.Name!);
        }

        processor.Halt();
        Guard.Shutdown(processor, "consumer");
        Assert.Null(handler.Error);
        Assert.Equal(Producers * PerProducer, handler.Count);
    }

    private sealed class PerProducerHandler : IEventHandler<TestEvent>
    {
        private readonly int _perProducer;

        public PerProducerHandler(int producers, int perProducer)
        {
            _perProducer = perProducer;
            LastSeen = new long[producers];
            Array.Fill(LastSeen, -1);
        }

        public readonly long[] LastSeen;
        public long Count;
        public string? Error;

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            int id = evt.ProducerId;
            if ((uint)id >= (uint)LastSeen.Length || evt.ProducerSeq >= _perProducer)
            {
                Error ??= $"garbage at {sequence}: producer {id}, seq {evt.ProducerSeq}";
                return;
            }

            if (evt.Checksum != TestEvent.ChecksumOf((id * 1_000_000L) + evt.ProducerSeq))
            {
                Error ??= $"torn slot at {sequence}: producer {id}, seq {evt.ProducerSeq}, checksum {evt.Checksum}";
            }

            // Per-producer order preserved and each event exactly once: seqs arrive as 0, 1, 2, …
            if (evt.ProducerSeq != LastSeen[id] + 1)
            {
                Error ??= $"producer {id}: got {evt.ProducerSeq} after {LastSeen[id]} (lost, duplicated or reordered)";
            }

            LastSeen[id] = evt.ProducerSeq;
            Count++;
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnStart()
        {
        }

        public void OnShutdown()
        {
        }
    }
}
