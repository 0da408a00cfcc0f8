using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Scenarios;

/// <summary>What the scenario says about one instrument at one moment: mark and index price, the funding rate in
/// force (the one the next settlement pays), and the book shape.</summary>
public readonly record struct MarketPoint(decimal Mark, decimal Index, decimal FundingRate, BookShape Book);
