using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

[Collection(RingTestCollection.Name)]
public sealed class RingBufferTests
{
    public static TheoryData<int> InvalidSizes => [0, -1, -8, 3, 6, 12, 1000, int.MaxValue];

    [Theory]
    [MemberData(nameof(InvalidSizes))]
    public void Rejects_sizes_that_are_not_a_positive_power_of_two(int size)
    {
        var sp = Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEvent>.CreateSingleProducer(size, new BusySpinWaitStrategy()));
        Assert.Contains("power of two", sp.Message, StringComparison.Ordinal);
        var mp = Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEvent>.CreateMultiProducer(size, new BusySpinWaitStrategy()));
        Assert.Contains("power of two", mp.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(1024)]
    public void Accepts_powers_of_two(int size)
    {
        Assert.Equal(size, RingBuffer<TestEvent>.CreateSingleProducer(size).BufferSize);
        Assert.Equal(size, RingBuffer<TestEvent>.CreateMultiProducer(size).BufferSize);
    }

    [Fact]
    public void Claim_size_must_be_between_one_and_the_buffer_size()
    {
        foreach (var ring in new[] { RingBuffer<TestEvent>.CreateSingleProducer(8), RingBuffer<TestEvent>.CreateMultiProducer(8) })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(9));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(-1, out _));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(9, out _));
            Assert.Equal(7, ring.Next(8));
        }
    }

    [Fact]
    public void Slots_are_addressed_by_sequence_modulo_size_and_preallocated()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(4);
        ring[1].Value = 11;
        Assert.Equal(11, ring[5].Value);
        Assert.Equal(11, ring[1 + (4 * 1000)].Value);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref ring[2], ref ring[6]));
        Assert.False(System.Runtime.CompilerServices.Unsafe.AreSame(ref ring[2], ref ring[3]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryNext_fails_exactly_when_full_and_succeeds_after_the_consumer_advances(bool multi)
    {
        var ring = Create(multi, 8);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        Assert.Equal(8, ring.RemainingCapacity);

        for (int i = 0; i < 8; i++)
        {
            Assert.True(ring.TryNext(out long s), $"claim {i} of 8 failed on an empty ring");
            Assert.Equal(i, s);
            ring.Publish(s);
        }

        Assert.Equal(0, ring.RemainingCapacity);
        Assert.False(ring.TryNext(out _));
        Assert.False(ring.TryNext(1, out _));
        Assert.Equal(7, ring.Cursor);

        consumer.Set(0); // consumed one slot
        Assert.Equal(1, ring.RemainingCapacity);
        Assert.False(ring.TryNext(2, out _)); // two do not fit
        Assert.True(ring.TryNext(out long eighth));
        Assert.Equal(8, eighth);
        ring.Publish(eighth);
        Assert.False(ring.TryNext(out _));

        consumer.Set(5);
        Assert.Equal(5, ring.RemainingCapacity);
        Assert.True(ring.TryNext(5, out long hi));
        Assert.Equal(13, hi);
        ring.Publish(9, 13);
        Assert.False(ring.TryNext(out _));
        Assert.Equal(0, ring.RemainingCapacity);
    }

    [Fact]
    public void Gating_uses_the_slowest_of_several_consumers_and_removal_releases_it()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(4);
        var fast = new Sequence();
        var slow = new Sequence();
        ring.AddGatingSequences(fast, slow);
        for (int i = 0; i < 4; i++)
        {
            ring.Publish(ring.Next());
        }

        fast.Set(3);
        Assert.Equal(-1, ring.GetMinimumGatingSequence());
        Assert.False(ring.TryNext(out _));

        Assert.True(ring.RemoveGatingSequence(slow));
        Assert.False(ring.RemoveGatingSequence(slow));
        Assert.Equal(3, ring.GetMinimumGatingSequence());
        Assert.Equal(4, ring.RemainingCapacity);
        Assert.True(ring.TryNext(4, out long hi));
        Assert.Equal(7, hi);
    }

    [Fact]
    public void A_gating_sequence_added_to_a_running_ring_starts_at_the_cursor()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(4);
        for (int i = 0; i < 10; i++)
        {
            ring.Publish(ring.Next());
        }

        var late = new Sequence();
        ring.AddGatingSequences(late);
        Assert.Equal(9, late.Value);
        Assert.Equal(4, ring.RemainingCapacity);
    }

    [Fact]
    public void Without_gating_sequences_producers_never_wait()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(2);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(ring.TryNext(out long s));
            ring.Publish(s);
        }

        Assert.Equal(99, ring.Cursor);
    }

    [Fact]
    public void Multi_producer_consumers_stop_at_the_first_claimed_but_unpublished_slot()
    {
        var ring = RingBuffer<TestEvent>.CreateMultiProducer(8, new YieldingWaitStrategy());
        var poller = ring.NewPoller();
        ring.AddGatingSequences(poller.Sequence);
        Assert.True(ring.TryNext(4, out long hi));
        Assert.Equal(3, hi);
        Assert.Equal(3, ring.Cursor); // claimed, not published
        foreach (long s in new long[] { 0, 1, 3 })
        {
            RecordingHandler.Fill(ref ring[s], s);
            ring.Publish(s);
        }

        Assert.True(ring.IsPublished(3));
        Assert.False(ring.IsPublished(2));
        Assert.Equal(1, ring.Sequencer.GetHighestPublishedSequence(0, 3));
        Assert.Equal(1, ring.NewBarrier().GetAvailableNoWait(0));

        var handler = new RecordingHandler(recordBatches: true);
        Assert.Equal(PollState.Processing, poller.Poll(ref handler));
        Assert.Equal(2, handler.Count);
        Assert.Equal(PollState.Gating, poller.Poll(ref handler));
        Assert.Equal(1, poller.Sequence.Value);

        RecordingHandler.Fill(ref ring[2], 2);
        ring.Publish(2);
        Assert.Equal(PollState.Processing, poller.Poll(ref handler));
        Assert.Equal(PollState.Idle, poller.Poll(ref handler));
        Assert.Null(handler.Error);
        Assert.Equal(4, handler.Count);
        Assert.Equal([2L, 2L], handler.BatchSizes);
        Assert.Equal([1L, 3L], handler.EndOfBatchSequences);
    }

    [Fact]
    public void Multi_producer_availability_flags_distinguish_laps()
    {
        var ring = RingBuffer<TestEvent>.CreateMultiProducer(4);
        for (int i = 0; i < 4; i++)
        {
            ring.Publish(ring.Next());
        }

        // Slot 0 was published for sequence 0; sequence 4 maps to the same slot one lap later.
        Assert.True(ring.IsPublished(0));
        Assert.False(ring.IsPublished(4));
        long s4 = ring.Next();
        Assert.Equal(4, s4);
        Assert.False(ring.IsPublished(4));
        ring.Publish(s4);
        Assert.True(ring.IsPublished(4));
        Assert.False(ring.IsPublished(0));
    }

    [Fact]
    public void Poller_reports_idle_gating_and_respects_max_events()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16);
        var upstream = new Sequence();
        var first = ring.NewPoller();
        var second = ring.NewPoller(upstream);
        ring.AddGatingSequences(first.Sequence, second.Sequence);
        var h1 = new RecordingHandler(recordBatches: true);
        var h2 = new RecordingHandler(recordBatches: true);

        Assert.Equal(PollState.Idle, first.Poll(ref h1));
        for (long i = 0; i < 10; i++)
        {
            long s = ring.Next();
            RecordingHandler.Fill(ref ring[s], s);
            ring.Publish(s);
        }

        Assert.Equal(PollState.Processing, first.Poll(ref h1, maxEvents: 4));
        Assert.Equal(PollState.Processing, first.Poll(ref h1));
        Assert.Equal(PollState.Idle, first.Poll(ref h1));
        Assert.Equal([4L, 6L], h1.BatchSizes);
        Assert.Equal([3L, 9L], h1.EndOfBatchSequences);

        // The second poller depends on `upstream`, which has not moved: published but gated.
        Assert.Equal(PollState.Gating, second.Poll(ref h2));
        upstream.Set(6);
        Assert.Equal(PollState.Processing, second.Poll(ref h2));
        Assert.Equal(6, second.Sequence.Value);
        Assert.Equal(PollState.Gating, second.Poll(ref h2));
        Assert.Null(h1.Error);
        Assert.Null(h2.Error);
        Assert.Throws<ArgumentOutOfRangeException>(() => first.Poll(ref h1, maxEvents: 0));
    }

    [Fact]
    public void Poller_leaves_a_failing_event_unconsumed()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8);
        var poller = ring.NewPoller();
        ring.AddGatingSequences(poller.Sequence);
        for (long i = 0; i < 5; i++)
        {
            long s = ring.Next();
            RecordingHandler.Fill(ref ring[s], s);
            ring.Publish(s);
        }

        var handler = new RecordingHandler { ThrowOn = s => s == 2 };
        Assert.Throws<InvalidOperationException>(() => poller.Poll(ref handler));
        Assert.Equal(1, poller.Sequence.Value);
        Assert.Equal(2, handler.Count);
    }

    internal static RingBuffer<TestEvent> Create(bool multi, int size, IWaitStrategy? wait = null) => multi
        ? RingBuffer<TestEvent>.CreateMultiProducer(size, wait ?? new YieldingWaitStrategy())
        : RingBuffer<TestEvent>.CreateSingleProducer(size, wait ?? new YieldingWaitStrategy());
}
