using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

[Collection(RingTestCollection.Name)]
public sealed class BatchEventProcessorTests
{
    private static BatchEventProcessor<TestEvent, RecordingHandler> NewProcessor(
        RingBuffer<TestEvent> ring, RecordingHandler handler, IExceptionHandler<TestEvent>? exceptions = null)
    {
        var processor = new BatchEventProcessor<TestEvent, RecordingHandler>(ring, ring.NewBarrier(), handler, exceptions);
        ring.AddGatingSequences(processor.Sequence);
        return processor;
    }

    private static void PublishRange(RingBuffer<TestEvent> ring, long count)
    {
        for (long i = 0; i < count; i++)
        {
            long s = ring.Next();
            RecordingHandler.Fill(ref ring[s], s);
            ring.Publish(s);
        }
    }

    [Theory]
    [InlineData(WaitStrategyKind.Yielding)]
    [InlineData(WaitStrategyKind.BusySpin)]
    [InlineData(WaitStrategyKind.Sleeping)]
    [InlineData(WaitStrategyKind.Blocking)]
    public void Consumer_sees_every_event_once_in_order_with_its_payload(WaitStrategyKind kind)
    {
        const long Count = 100_000;
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(1024, WaitStrategies.Create(kind));
        var handler = new RecordingHandler();
        var processor = NewProcessor(ring, handler);
        processor.Start($"consumer-{kind}");

        var producer = Guard.Start("producer", () => PublishRange(ring, Count));
        Guard.Join(producer, "producer");
        processor.Halt();
        Guard.Shutdown(processor, "consumer");

        Assert.Null(handler.Error);
        Assert.Equal(Count, handler.Count);
        Assert.Equal(Count - 1, processor.Sequence.Value);
        Assert.Equal(1, handler.Starts);
        Assert.Equal(1, handler.Shutdowns);
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void Tiny_ring_with_slow_consumer_never_overwrites_an_unconsumed_slot()
    {
        const long Count = 100_000;
        const int Size = 8;
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(Size, new YieldingWaitStrategy());
        var handler = new RecordingHandler { SpinPerEvent = 10 };
        var processor = NewProcessor(ring, handler);
        processor.Start("slow-consumer");

        string? producerError = null;
        var producer = Guard.Start("producer", () =>
        {
            for (long i = 0; i < Count; i++)
            {
                long s = ring.Next();
                // The slot we are about to overwrite held s - Size: the consumer must be done with it.
                long consumed = processor.Sequence.Value;
                if (consumed < s - Size)
                {
                    producerError ??= $"claimed {s} while the consumer was only at {consumed}";
                }

                RecordingHandler.Fill(ref ring[s], s);
                ring.Publish(s);
            }
        });
        Guard.Join(producer, "producer");
        processor.Halt();
        Guard.Shutdown(processor, "consumer");

        Assert.Null(producerError);
        Assert.Null(handler.Error);
        Assert.Equal(Count, handler.Count);
    }

    [Fact]
    public void Events_published_before_start_arrive_as_one_batch_with_end_of_batch_on_the_last()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var handler = new RecordingHandler(recordBatches: true);
        var processor = NewProcessor(ring, handler);
        PublishRange(ring, 10);

        processor.Start("batch-consumer");
        Guard.Until(() => processor.Sequence.Value == 9, "the consumer to reach sequence 9");
        processor.Halt();
        Guard.Shutdown(processor, "consumer");

        Assert.Null(handler.Error);
        Assert.Equal([10L], handler.BatchSizes);
        Assert.Equal([9L], handler.EndOfBatchSequences);
        Assert.Equal(10, handler.Count);
    }

    [Fact]
    public void Halt_before_run_drains_what_is_published_then_returns()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(64, new BlockingWaitStrategy());
        var handler = new RecordingHandler(recordBatches: true);
        var processor = NewProcessor(ring, handler);
        PublishRange(ring, 10);

        processor.Halt();
        processor.Run(); // on this thread: must return, having drained

        Assert.Null(handler.Error);
        Assert.Equal(10, handler.Count);
        Assert.Equal([10L], handler.BatchSizes);
        Assert.Equal(1, handler.Shutdowns);
        Assert.False(processor.IsRunning);

        // The halt was consumed: the processor can run again and continues where it stopped.
        PublishRange2(ring, 10, 5);
        processor.Halt();
        processor.Run();
        Assert.Null(handler.Error);
        Assert.Equal(15, handler.Count);
        Assert.Equal(14, processor.Sequence.Value);
        Assert.Equal(2, handler.Starts);
    }

    private static void PublishRange2(RingBuffer<TestEvent> ring, long first, long count)
    {
        for (long i = 0; i < count; i++)
        {
            long s = ring.Next();
            Assert.Equal(first + i, s);
            RecordingHandler.Fill(ref ring[s], s);
            ring.Publish(s);
        }
    }

    [Theory]
    [InlineData(WaitStrategyKind.Yielding)]
    [InlineData(WaitStrategyKind.BusySpin)]
    [InlineData(WaitStrategyKind.Sleeping)]
    [InlineData(WaitStrategyKind.Blocking)]
    public void Halt_drains_everything_published_before_it_and_calls_OnShutdown(WaitStrategyKind kind)
    {
        for (int round = 0; round < 20; round++)
        {
            var ring = RingBuffer<TestEvent>.CreateSingleProducer(256, WaitStrategies.Create(kind));
            var handler = new RecordingHandler();
            var processor = NewProcessor(ring, handler);
            var thread = processor.Start("draining-consumer");
            PublishRange(ring, 2_000);
            processor.Halt(); // right after the last publish, usually while the consumer is mid-batch

            Guard.Shutdown(processor, $"consumer (round {round})");
            Assert.False(thread.IsAlive);
            Assert.Null(handler.Error);
            Assert.Equal(2_000, handler.Count);
            Assert.Equal(1, handler.Shutdowns);
            Assert.False(processor.IsRunning);
        }
    }

    [Theory]
    [InlineData(WaitStrategyKind.Yielding)]
    [InlineData(WaitStrategyKind.BusySpin)]
    [InlineData(WaitStrategyKind.Sleeping)]
    [InlineData(WaitStrategyKind.Blocking)]
    public void Halting_an_idle_processor_returns_promptly(WaitStrategyKind kind)
    {
        var strategy = WaitStrategies.Create(kind);
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, strategy);
        var handler = new RecordingHandler();
        var processor = NewProcessor(ring, handler);
        processor.Start("idle-consumer");
        Guard.Until(() => processor.IsRunning, "the processor to start");
        if (strategy is BlockingWaitStrategy blocking)
        {
            // Make sure it is really parked on the monitor: Halt must wake it.
            Guard.Until(() => blocking.WaiterCount == 1, "the consumer to park");
        }

        processor.Halt();
        Guard.Shutdown(processor, $"idle consumer ({kind})");
        Assert.Equal(0, handler.Count);
        Assert.Equal(1, handler.Shutdowns);
    }

    [Fact]
    public void Running_twice_at_once_is_rejected()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16);
        var processor = NewProcessor(ring, new RecordingHandler());
        processor.Start("consumer");
        Guard.Until(() => processor.IsRunning, "the processor to start");
        Assert.Throws<InvalidOperationException>(processor.Run);
        Assert.Throws<InvalidOperationException>(() => processor.Start("second"));
        processor.Halt();
        Guard.Shutdown(processor, "consumer");
    }

    [Fact]
    public void A_throwing_handler_faults_the_processor_without_consuming_the_failing_event()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var handler = new RecordingHandler { ThrowOn = s => s == 5 };
        var processor = NewProcessor(ring, handler);
        PublishRange(ring, 10);
        processor.Start("faulting-consumer");

        var thrown = Assert.Throws<InvalidOperationException>(() => processor.WaitForShutdown(Guard.Timeout));
        Assert.Equal("handler failure at 5", thrown.Message);
        Assert.Same(thrown, processor.Fault);
        Assert.Equal(4, processor.Sequence.Value);
        Assert.Equal(5, handler.Count);
        Assert.Equal(1, handler.Shutdowns);
        Assert.False(processor.IsRunning);

        // Producers now gate on the dead consumer instead of overwriting event 5.
        Assert.Equal(16 - 5, ring.RemainingCapacity);
    }

    [Fact]
    public void Run_rethrows_the_handler_exception_on_the_calling_thread()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16);
        var handler = new RecordingHandler { ThrowOn = s => s == 3 };
        var processor = NewProcessor(ring, handler);
        PublishRange(ring, 6);
        processor.Halt();
        var thrown = Assert.Throws<InvalidOperationException>(processor.Run);
        Assert.Equal("handler failure at 3", thrown.Message);
        Assert.Equal(2, processor.Sequence.Value);
        Assert.Equal(1, handler.Shutdowns);
    }

    [Fact]
    public void An_exception_handler_can_skip_the_failing_event_and_carry_on()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16);
        var handler = new RecordingHandler { ThrowOn = s => s is 2 or 7 };
        var exceptions = new SkippingExceptionHandler();
        var processor = NewProcessor(ring, handler, exceptions);
        PublishRange(ring, 10);
        processor.Halt();
        processor.Run();

        Assert.Null(processor.Fault);
        Assert.Equal([2L, 7L], exceptions.Sequences);
        Assert.Equal(9, processor.Sequence.Value);
        Assert.Equal(8, handler.Count);
    }

    [Fact]
    public void Chained_stage_never_overtakes_its_upstream_stage()
    {
        const long Count = 50_000;
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var stage1 = new BatchEventProcessor<TestEvent, Stage1Handler>(ring, ring.NewBarrier(), new Stage1Handler());
        var stage2Handler = new Stage2Handler(stage1.Sequence);
        var stage2 = new BatchEventProcessor<TestEvent, Stage2Handler>(ring, ring.NewBarrier(stage1.Sequence), stage2Handler);
        ring.AddGatingSequences(stage2.Sequence); // the last stage gates producers
        stage1.Start("stage-1");
        stage2.Start("stage-2");

        var producer = Guard.Start("producer", () =>
        {
            for (long i = 0; i < Count; i++)
            {
                long s = ring.Next();
                RecordingHandler.Fill(ref ring[s], s);
                ring[s].Stage1 = -1; // a reused slot must not carry the previous lap's mark
                ring.Publish(s);
            }
        });
        Guard.Join(producer, "producer");
        stage1.Halt();
        Guard.Shutdown(stage1, "stage 1");
        stage2.Halt();
        Guard.Shutdown(stage2, "stage 2");

        Assert.Null(stage2Handler.Error);
        Assert.Equal(Count, stage2Handler.Count);
        Assert.Equal(Count - 1, stage1.Sequence.Value);
        Assert.Equal(Count - 1, stage2.Sequence.Value);
    }

    private sealed class SkippingExceptionHandler : IExceptionHandler<TestEvent>
    {
        public readonly List<long> Sequences = [];

        public bool OnEventException(Exception exception, long sequence, ref TestEvent evt)
        {
            Sequences.Add(sequence);
            return true;
        }
    }

    private sealed class Stage1Handler : IEventHandler<TestEvent>
    {
        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            if ((sequence & 127) == 0)
            {
                Thread.SpinWait(200); // now and then slow, so stage 2 catches up and must wait
            }

            evt.Stage1 = evt.Value * 3;
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

    private sealed class Stage2Handler(Sequence upstream) : IEventHandler<TestEvent>
    {
        public long Count;
        public string? Error;

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            long upstreamAt = upstream.Value;
            if (upstreamAt < sequence)
            {
                Error ??= $"stage 2 handled {sequence} while stage 1 was at {upstreamAt}";
            }

            if (evt.Sequence != sequence || evt.Stage1 != evt.Value * 3)
            {
                Error ??= $"stage 2 saw {sequence} without stage 1's result (stage1 field {evt.Stage1})";
            }

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
