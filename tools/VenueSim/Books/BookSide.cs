namespace FundingArb.VenueSim.Books;

public enum BookSide
{
    Bid,
    Ask,
}
