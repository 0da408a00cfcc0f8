using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One instrument's position as a query returns it (start-up reconciliation, the monitor): signed size in
/// venue units (negative = short), entry and mark price, unrealised PnL in the margin asset.</summary>
public sealed record PositionReport(InstrumentId Instrument, string VenueSymbol, Quantity Quantity, Price EntryPrice, Price MarkPrice,
    Quantity UnrealizedPnl, long UpdateTimeMs);
