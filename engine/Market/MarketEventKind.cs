namespace FundingArb.Market;

public enum MarketEventKind : byte
{
    None = 0,
    /// <summary>Funding rate, mark and/or index price; <see cref="FundingUpdate.Fields"/> says which are present.</summary>
    Funding = 1,
    /// <summary>A full book that replaces what came before (from a stream snapshot or a REST depth answer).</summary>
    BookSnapshot = 2,
    /// <summary>Changed levels to merge onto the book; a quantity of zero removes the level.</summary>
    BookDelta = 3,
}
