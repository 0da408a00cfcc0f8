namespace FundingArb.Decision;

/// <summary>Where the decision core sends a record when a pair's verdict or reason changes. Called on the decision
/// thread: an implementation must not block or allocate (copy the struct onto a ring; format elsewhere).</summary>
public interface IDecisionRecordSink
{
    void Write(in DecisionRecord record);
}
