using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Tests.Venues;

/// <summary>What every venue's trading harness shares: the registry with BTC and ETH, the execution ring the client
/// publishes to and the updates read from it, an HTTP client, and fresh client order ids as the gateway makes them.</summary>
internal abstract class TradingHarness : IAsyncDisposable
{
    private static long _nextPosition = 1;
    private long _read = -1;

    protected TradingHarness(string venueName)
    {
        Venue = Registry.AddVenue(venueName);
        Btc = Registry.Intern("BTC", "USDT");
        Eth = Registry.Intern("ETH", "USDT");
    }

    public InstrumentRegistry Registry { get; } = new();
    public VenueId Venue { get; }
    public InstrumentId Btc { get; }
    public InstrumentId Eth { get; }
    public RingBuffer<ExecutionUpdate> Ring { get; } = RingBuffer<ExecutionUpdate>.CreateSingleProducer(4096);
    public HttpClient Http { get; } = new() { Timeout = TestGuard.Timeout };
    /// <summary>Every update read from the ring so far.</summary>
    public List<ExecutionUpdate> Updates { get; } = [];

    /// <summary>A fresh client order id, as the gateway would make it.</summary>
    public static ClientOrderId NextId() => ClientOrderId.ForLeg(Interlocked.Increment(ref _nextPosition), 0, 0);

    /// <summary>Reads what the ring has published since the last call.</summary>
    public void Drain()
    {
        while (_read < Ring.Cursor)
        {
            _read++;
            Updates.Add(Ring[_read]);
        }
    }

    /// <summary>Waits (bounded by <see cref="TestGuard.Timeout"/>) until an update matching <paramref name="match"/> has arrived.</summary>
    public async Task<ExecutionUpdate> WaitForAsync(Func<ExecutionUpdate, bool> match, string what)
    {
        await TestGuard.UntilAsync(() =>
        {
            Drain();
            return Updates.Any(match);
        }, what);
        return Updates.First(match);
    }

    protected abstract ValueTask DisposeClientAsync();
    protected abstract ValueTask DisposeSimulatorAsync();

    public async ValueTask DisposeAsync()
    {
        await DisposeClientAsync();
        Http.Dispose();
        await DisposeSimulatorAsync();
    }
}
