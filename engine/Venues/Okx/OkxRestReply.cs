using FundingArb.Gateway;

namespace FundingArb.Venues.Okx;

/// <summary>A REST answer: the body when the venue said 200 with code "0" (or "1"/"2", whose per-order reasons are in
/// the body's <c>sCode</c>s), otherwise the error (the venue's code and message, or the transport's failure).</summary>
internal readonly record struct OkxRestReply(int Status, byte[]? Body, ExecutionError Error)
{
    public bool IsOk => Status == 200 && Body is not null && !Error.IsError;
}
