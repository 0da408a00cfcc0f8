using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

[Collection(RingTestCollection.Name)]
public sealed class WaitStrategyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Blocking_strategy_never_loses_a_wake_up(bool multi)
    {
        // Ping-pong: each event is published only once the consumer has finished the previous one, so
        // the consumer is parking (or about to) every time a publish signals. A lost wake-up leaves it
        // parked for good and the guard fails the test instead of hanging.
        const int Rounds = 10_000;
        var blocking = new BlockingWaitStrategy();
        var ring = RingBufferTests.Create(multi, 16, blocking);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent, RecordingHandler>(ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        processor.Start("blocking-consumer");

        for (long i = 0; i < Rounds; i++)
        {
            long s = ring.Next();
            RecordingHandler.Fill(ref ring[s], s);
            ring.Publish(s);
            Guard.Until(() => processor.Sequence.Value >= s, $"the consumer to handle {s} (lost wake-up?)");
        }

        processor.Halt();
        Guard.Shutdown(processor, "consumer");
        Assert.Null(handler.Error);
        Assert.Equal(Rounds, handler.Count);
        Assert.Equal(0, blocking.WaiterCount);
    }

    [Fact]
    public void Blocking_strategy_wakes_every_parked_consumer()
    {
        var blocking = new BlockingWaitStrategy();
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, blocking);
        var handlers = new[] { new RecordingHandler(), new RecordingHandler(), new RecordingHandler() };
        var processors = handlers
            .Select(h => new BatchEventProcessor<TestEvent, RecordingHandler>(ring, ring.NewBarrier(), h))
            .ToArray();
        foreach (var p in processors)
        {
            ring.AddGatingSequences(p.Sequence);
            p.Start("parked-consumer");
        }

        Guard.Until(() => blocking.WaiterCount == processors.Length, "all consumers to park");
        long s = ring.Next();
        RecordingHandler.Fill(ref ring[s], s);
        ring.Publish(s);
        foreach (var p in processors)
        {
            Guard.Until(() => p.Sequence.Value == 0, "every consumer to wake and handle the event");
            p.Halt();
            Guard.Shutdown(p, "consumer");
        }

        Assert.All(handlers, h => Assert.Equal(1, h.Count));
    }

    [Fact]
    public void Yielding_strategy_sleeps_only_after_its_yield_budget_and_counts_it()
    {
        var yielding = new YieldingWaitStrategy(spinTries: 2, yieldsBeforeSleep: 5, sleepMilliseconds: 0);
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, yielding);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent, RecordingHandler>(ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        Assert.Equal(0, yielding.IdleSleeps);

        processor.Start("idle-yielding-consumer");
        Guard.Until(() => yielding.IdleSleeps > 0, "the idle consumer to report a sleep");
        processor.Halt();
        Guard.Shutdown(processor, "consumer");
    }

    [Fact]
    public void Yielding_strategy_returns_without_sleeping_when_data_is_already_there()
    {
        var yielding = new YieldingWaitStrategy(spinTries: 0, yieldsBeforeSleep: 0);
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, yielding);
        var barrier = ring.NewBarrier();
        ring.Publish(ring.Next(3));
        Assert.Equal(2, barrier.WaitFor(0));
        Assert.Equal(2, barrier.WaitFor(2));
        Assert.Equal(0, yielding.IdleSleeps);
        Assert.Equal(2, yielding.WaitFor(1, barrier.Dependents.Cursor, barrier.Dependents, barrier));
    }

    [Theory]
    [InlineData(WaitStrategyKind.BusySpin)]
    [InlineData(WaitStrategyKind.Yielding)]
    [InlineData(WaitStrategyKind.Sleeping)]
    [InlineData(WaitStrategyKind.Blocking)]
    public void Alerted_barrier_returns_the_alert_signal_not_an_exception(WaitStrategyKind kind)
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, WaitStrategies.Create(kind));
        var barrier = ring.NewBarrier();
        barrier.Alert();
        Assert.True(barrier.IsAlerted);
        Assert.Equal(SequenceBarrier.AlertSignal, barrier.WaitFor(0));
        barrier.ClearAlert();
        Assert.False(barrier.IsAlerted);
        ring.Publish(ring.Next());
        Assert.Equal(0, barrier.WaitFor(0));
    }

    [Fact]
    public void Alert_wakes_a_barrier_waiting_on_an_empty_ring()
    {
        var blocking = new BlockingWaitStrategy();
        var ring = RingBuffer<TestEvent>.CreateMultiProducer(16, blocking);
        var barrier = ring.NewBarrier();
        long result = 0;
        var waiter = Guard.Start("waiter", () => result = barrier.WaitFor(0));
        Guard.Until(() => blocking.WaiterCount == 1, "the waiter to park");
        barrier.Alert();
        Guard.Join(waiter, "parked waiter after Alert()");
        Assert.Equal(SequenceBarrier.AlertSignal, result);
    }

    [Fact]
    public void Barrier_waits_for_the_slowest_dependent_and_returns_the_highest_available()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var a = new Sequence(5);
        var b = new Sequence(3);
        ring.Publish(ring.Next(8));
        var barrier = ring.NewBarrier(a, b);
        Assert.Equal(3, barrier.WaitFor(2)); // batching: more than asked for, bounded by the slowest upstream
        Assert.Equal(3, barrier.GetAvailableNoWait(0));
        Assert.Equal(3, barrier.GetAvailableNoWait(4)); // nothing from 4: returns 4 - 1
        b.Set(6);
        Assert.Equal(5, barrier.WaitFor(4));
    }

    [Theory]
    [InlineData(null, WaitStrategyKind.Yielding)]
    [InlineData("", WaitStrategyKind.Yielding)]
    [InlineData("yielding", WaitStrategyKind.Yielding)]
    [InlineData("BusySpin", WaitStrategyKind.BusySpin)]
    [InlineData("busy-spin", WaitStrategyKind.BusySpin)]
    [InlineData("SLEEPING", WaitStrategyKind.Sleeping)]
    [InlineData(" blocking ", WaitStrategyKind.Blocking)]
    public void Configuration_names_select_a_strategy(string? name, WaitStrategyKind expected)
    {
        Assert.True(WaitStrategies.TryParse(name, out var kind));
        Assert.Equal(expected, kind);
        var strategy = WaitStrategies.Create(name);
        Assert.Equal(expected switch
        {
            WaitStrategyKind.BusySpin => typeof(BusySpinWaitStrategy),
            WaitStrategyKind.Yielding => typeof(YieldingWaitStrategy),
            WaitStrategyKind.Sleeping => typeof(YieldingWaitStrategy),
            _ => typeof(BlockingWaitStrategy),
        }, strategy.GetType());
        Assert.Equal(expected == WaitStrategyKind.Blocking, strategy.IsBlockingStrategy);
        if (expected == WaitStrategyKind.Sleeping) Assert.Equal(100, ((YieldingWaitStrategy)strategy).YieldsBeforeSleep);
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_accepted_names()
    {
        Assert.False(WaitStrategies.TryParse("spinny", out _));
        var ex = Assert.Throws<ArgumentException>(() => WaitStrategies.Create("spinny"));
        Assert.Contains("Yielding", ex.Message, StringComparison.Ordinal);
        Assert.IsType<YieldingWaitStrategy>(WaitStrategies.Create());
    }
}
