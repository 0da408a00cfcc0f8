using FundingArb.Decision;

namespace FundingArb.Bench.Decision;

/// <summary>A decision-record sink that drops every record: the benchmark measures the decision, not the record ring
/// behind it. In steady state the core writes a record only when a pair's verdict changes, which it never does here.</summary>
public sealed class NullRecordSink : IDecisionRecordSink
{
    public long Written { get; private set; }

    public bool Write(in DecisionRecord record)
    {
        Written++;
        return true;
    }
}
