namespace FundingArb.VenueSim.Accounts;

/// <summary>A one-way (net) position in one instrument: signed quantity (long &gt; 0) in venue units and the average
/// entry price of what is open.</summary>
public sealed class PositionState
{
    public decimal Quantity { get; set; }
    public decimal EntryPrice { get; set; }
    public int Leverage { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>PnL realized on this symbol so far (the private streams report it as "accumulated realized").</summary>
    public decimal AccumulatedRealized { get; set; }

    /// <summary>Applies a fill and returns the PnL realized by the part that closed (in quote, including contract size).</summary>
    public decimal Apply(bool buy, decimal quantity, decimal price, decimal contractSize)
    {
        var signed = buy ? quantity : -quantity;
        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signed))
        {
            var total = Math.Abs(Quantity) + quantity;
            EntryPrice = (Math.Abs(Quantity) * EntryPrice + quantity * price) / total;
            Quantity += signed;
            return 0;
        }
        var closing = Math.Min(Math.Abs(Quantity), quantity);
        var realized = closing * (price - EntryPrice) * Math.Sign(Quantity) * contractSize;
        Quantity += signed;
        AccumulatedRealized += realized;
        if (Quantity == 0) EntryPrice = 0;
        else if (quantity > closing) EntryPrice = price; // flipped: what is open now was opened at this fill
        return realized;
    }
}
