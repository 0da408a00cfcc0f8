using System.Threading.Channels;

namespace FundingArb.Bench.Ring;

/// <summary>The channel side of the ring-vs-channel benchmarks: drains the reader and publishes its progress once per
/// drained batch, as the ring's batch processor publishes its sequence once per batch.</summary>
internal sealed class ChannelConsumer
{
    /// <summary>Events consumed so far; a field so producers can wait on it by reference.</summary>
    public long Consumed;

    public async Task RunAsync(ChannelReader<BenchEvent> reader)
    {
        long count = 0;
        long sum = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                sum += e.Value;
                count++;
            }

            Volatile.Write(ref Consumed, count);
        }

        GC.KeepAlive(sum);
    }
}
