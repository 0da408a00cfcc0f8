namespace FundingArb.Decision;

/// <summary>A sink for runs that keep no decision records: takes every record and keeps none.</summary>
public sealed class DiscardedDecisionRecords : IDecisionRecordSink
{
    public static DiscardedDecisionRecords Instance { get; } = new();

    public bool Write(in DecisionRecord record) => true;
}
