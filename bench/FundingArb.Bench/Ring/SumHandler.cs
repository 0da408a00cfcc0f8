using FundingArb.Ring;

namespace FundingArb.Bench.Ring;

/// <summary>Minimal consumer work (read one field of each event) so the benchmark measures the transport.</summary>
public struct SumHandler : IEventHandler<BenchEvent>
{
    public long Sum;

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch) => Sum += evt.Value;

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
