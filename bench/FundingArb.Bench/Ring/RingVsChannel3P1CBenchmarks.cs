using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using FundingArb.Ring;

namespace FundingArb.Bench.Ring;

/// <summary>
/// Three producers, one consumer, 64-byte events: the multi-producer ring (Yielding consumer) against a
/// bounded <see cref="Channel"/> (SingleReader, not SingleWriter) of the same capacity. Each invocation
/// has every producer write <see cref="PerProducer"/> events and returns once the consumer has seen
/// them all; Mean is per event. 5 busy threads on 2 cores: this measures behaviour under
/// oversubscription as much as raw speed.
/// </summary>
/// <remarks>
/// Ring producers are dedicated threads released by a semaphore per invocation (a ring producer spins
/// and yields when the ring is full, so it must not sit on a thread-pool thread). Channel producers are
/// idiomatic async tasks awaiting <c>WriteAsync</c>.
/// </remarks>
[MemoryDiagnoser]
public class RingVsChannel3P1CBenchmarks
{
    public const int Producers = 3;
    public const int PerProducer = 1 << 18;
    public const int Events = Producers * PerProducer;
    public const int Capacity = 1 << 14;

    private RingBuffer<BenchEvent> _ring = null!;
    private BatchEventProcessor<BenchEvent, SumHandler>? _processor;
    private readonly SemaphoreSlim _go = new(0);
    private Thread[] _producers = [];
    private volatile bool _stopping;
    private long _ringTarget = -1;

    private Channel<BenchEvent> _channel = null!;
    private Task? _channelConsumer;
    private ChannelConsumer _drain = null!;
    private long _channelProduced;

    [GlobalSetup(Target = nameof(RingMultiProducer))]
    public void SetupRing()
    {
        _ring = RingBuffer<BenchEvent>.CreateMultiProducer(Capacity, new YieldingWaitStrategy());
        _processor = new BatchEventProcessor<BenchEvent, SumHandler>(_ring, _ring.NewBarrier(), default);
        _ring.AddGatingSequences(_processor.Sequence);
        _processor.Start("bench-mp-consumer");
        _producers = new Thread[Producers];
        for (int p = 0; p < Producers; p++)
        {
            _producers[p] = new Thread(ProduceRing) { Name = $"bench-mp-producer-{p}", IsBackground = true };
            _producers[p].Start();
        }
    }

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        _channel = System.Threading.Channels.Channel.CreateBounded<BenchEvent>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        _drain = new ChannelConsumer();
        _channelConsumer = Task.Run(() => _drain.RunAsync(_channel.Reader));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_processor is not null)
        {
            _stopping = true;
            _go.Release(Producers);
            foreach (var t in _producers)
            {
                t.Join(TimeSpan.FromSeconds(10));
            }

            _processor.Halt();
            _processor.WaitForShutdown(TimeSpan.FromSeconds(10));
        }

        if (_channelConsumer is not null)
        {
            _channel.Writer.Complete();
            _channelConsumer.Wait(TimeSpan.FromSeconds(10));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public async Task Channel()
    {
        var a = Task.Run(ProduceChannelAsync);
        var b = Task.Run(ProduceChannelAsync);
        var c = Task.Run(ProduceChannelAsync);
        await Task.WhenAll(a, b, c).ConfigureAwait(false);
        _channelProduced += Events;
        BenchWait.Until(ref _drain.Consumed, _channelProduced);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long RingMultiProducer()
    {
        _ringTarget += Events;
        _go.Release(Producers);
        var consumed = _processor!.Sequence;
        BenchWait.Until(consumed, _ringTarget);
        return _ringTarget;
    }

    private void ProduceRing()
    {
        var ring = _ring;
        while (true)
        {
            _go.Wait();
            if (_stopping)
            {
                return;
            }

            for (int i = 0; i < PerProducer; i++)
            {
                long s = ring.Next();
                ref var e = ref ring[s];
                e.Sequence = s;
                e.Value = i;
                e.Timestamp = i;
                ring.Publish(s);
            }
        }
    }

    private async Task ProduceChannelAsync()
    {
        var writer = _channel.Writer;
        for (int i = 0; i < PerProducer; i++)
        {
            await writer.WriteAsync(new BenchEvent { Sequence = i, Value = i, Timestamp = i }).ConfigureAwait(false);
        }
    }
}
