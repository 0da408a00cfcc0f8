namespace FundingArb.Market;

public enum BookSideKind : byte
{
    Bid = 0,
    Ask = 1,
}
