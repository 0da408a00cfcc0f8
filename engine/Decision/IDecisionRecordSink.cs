namespace FundingArb.Decision;

/// <summary>Where the decision core sends a record when a pair's verdict or reason changes. Called on the decision
/// thread: an implementation must not block or allocate (copy the struct onto a ring; format elsewhere).</summary>
public interface IDecisionRecordSink
{
    /// <returns>False when the record could not be taken (a full ring): the core then writes the change again at the
    /// next evaluation instead of believing it recorded.</returns>
    bool Write(in DecisionRecord record);
}
