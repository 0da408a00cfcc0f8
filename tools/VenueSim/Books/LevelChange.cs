namespace FundingArb.VenueSim.Books;

/// <summary>One price level's new absolute quantity; 0 removes the level (as every venue's diff stream says it).</summary>
public readonly record struct LevelChange(BookSide Side, decimal Price, decimal Quantity);
