namespace FundingArb.Market;

/// <summary>What rests on one side of a book up to a price.</summary>
/// <param name="Quantity">Total quantity, in the venue's unit (contracts on OKX).</param>
/// <param name="Notional">Σ price × quantity in quote currency per venue unit (multiply by contract size for OKX).</param>
/// <param name="Complete">False when the side was truncated for capacity inside the range read: the true depth may be larger.</param>
public readonly record struct BookDepth(Quantity Quantity, double Notional, bool Complete);
