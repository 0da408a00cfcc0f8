namespace FundingArb.VenueSim.Matching;

public enum OrderSide
{
    Buy,
    Sell,
}
