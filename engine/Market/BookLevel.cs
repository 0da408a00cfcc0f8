namespace FundingArb.Market;

/// <summary>One price level: the venue's quantity (contracts on OKX) resting at a price.</summary>
public struct BookLevel
{
    public Price Price;
    public Quantity Quantity;

    public BookLevel(Price price, Quantity quantity)
    {
        Price = price;
        Quantity = quantity;
    }
}
