using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

public sealed class WakeOnPublishWaitStrategyTests
{
    [Fact]
    public void Every_publish_wakes_the_consumer_on_single_and_multi_producer_rings()
    {
        var wakes = 0;
        var strategy = new WakeOnPublishWaitStrategy(() => wakes++);
        var single = RingBuffer<long>.CreateSingleProducer(8, strategy);
        var multi = RingBuffer<long>.CreateMultiProducer(8, strategy);
        foreach (var ring in new[] { single, multi })
        {
            var sequence = ring.Next();
            ring[sequence] = 42;
            ring.Publish(sequence);
        }
        Assert.Equal(2, wakes);
    }
}
