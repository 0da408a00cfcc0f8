namespace FundingArb.Market;

public enum BookApplyResult : byte
{
    Applied = 0,
    /// <summary>A delta for a book with no snapshot: nothing to apply it to; the book stays unusable.</summary>
    IgnoredNoSnapshot = 1,
    /// <summary>The parts of a frame did not arrive in order, or something came between them: the book was invalidated.</summary>
    PartsBroken = 2,
    /// <summary>The feed said the book is lost (<see cref="MarketEventKind.BookInvalidated"/>).</summary>
    Invalidated = 3,
}
