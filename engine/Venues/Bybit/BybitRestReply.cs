using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>A REST answer: the whole envelope (<c>{"retCode","retMsg","result","retExtInfo","time"}</c>) when the venue
/// said retCode 0, otherwise the error (the venue's code and message, or the transport's failure).</summary>
internal readonly record struct BybitRestReply(int Status, byte[]? Body, ExecutionError Error)
{
    public bool IsOk => Status == 200 && Body is not null && !Error.IsError;
}
