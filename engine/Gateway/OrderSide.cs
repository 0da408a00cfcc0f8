namespace FundingArb.Gateway;

/// <summary>Buy or sell; 0 is none, so a zeroed ring slot never names a side.</summary>
public enum OrderSide : byte
{
    None = 0,
    Buy = 1,
    Sell = 2,
}
