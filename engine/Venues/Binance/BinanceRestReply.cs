using FundingArb.Gateway;

namespace FundingArb.Venues.Binance;

/// <summary>A REST answer: the body when the venue said 200, otherwise the error (the venue's code and message, or the
/// transport's failure).</summary>
internal readonly record struct BinanceRestReply(int Status, byte[]? Body, ExecutionError Error)
{
    public bool IsOk => Status == 200 && Body is not null && !Error.IsError;
}
