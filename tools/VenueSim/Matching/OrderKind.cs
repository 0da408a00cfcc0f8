namespace FundingArb.VenueSim.Matching;

public enum OrderKind
{
    Limit,
    Market,
}
