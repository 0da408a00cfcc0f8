using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using FundingArb.Ring;

namespace FundingArb.Bench.Ring;

/// <summary>
/// One producer (the benchmark thread), one consumer thread, 64-byte events: our ring (single
/// producer) against a bounded <see cref="Channel"/> of the same capacity. Each invocation moves
/// <see cref="Events"/> events end to end (it returns once the consumer has seen the last one), and
/// OperationsPerInvoke makes Mean the time per event.
/// </summary>
/// <remarks>
/// The channel is used idiomatically: <c>await WriteAsync</c> on the producer side,
/// <c>WaitToReadAsync</c> + <c>TryRead</c> on a consumer task. Each case starts only its own consumer
/// so an idle spinning consumer of another case never steals a core.
/// </remarks>
[MemoryDiagnoser]
public class RingVsChannel1P1CBenchmarks
{
    public const int Events = 1 << 20;
    public const int Capacity = 1 << 14;

    private RingBuffer<BenchEvent> _ring = null!;
    private BatchEventProcessor<BenchEvent, SumHandler>? _processor;
    private long _published = -1;

    private Channel<BenchEvent> _channel = null!;
    private Task? _channelConsumer;
    private ChannelConsumer _drain = null!;
    private long _channelProduced;

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupYielding() => StartRing(new YieldingWaitStrategy());

    [GlobalSetup(Target = nameof(RingBusySpin))]
    public void SetupBusySpin() => StartRing(new BusySpinWaitStrategy());

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        _channel = System.Threading.Channels.Channel.CreateBounded<BenchEvent>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
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
        var writer = _channel.Writer;
        for (int i = 0; i < Events; i++)
        {
            await writer.WriteAsync(new BenchEvent { Sequence = i, Value = i, Timestamp = i }).ConfigureAwait(false);
        }

        _channelProduced += Events;
        BenchWait.Until(ref _drain.Consumed, _channelProduced);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long RingYielding() => RunRing();

    [Benchmark(OperationsPerInvoke = Events)]
    public long RingBusySpin() => RunRing();

    private void StartRing(IWaitStrategy waitStrategy)
    {
        _ring = RingBuffer<BenchEvent>.CreateSingleProducer(Capacity, waitStrategy);
        _processor = new BatchEventProcessor<BenchEvent, SumHandler>(_ring, _ring.NewBarrier(), default);
        _ring.AddGatingSequences(_processor.Sequence);
        _processor.Start("bench-ring-consumer");
    }

    private long RunRing()
    {
        var ring = _ring;
        long s = -1;
        for (int i = 0; i < Events; i++)
        {
            s = ring.Next();
            ref var e = ref ring[s];
            e.Sequence = s;
            e.Value = i;
            e.Timestamp = i;
            ring.Publish(s);
        }

        _published = s;
        var consumed = _processor!.Sequence;
        BenchWait.Until(consumed, s);
        return _published;
    }
}
