using FundingArb.Market;

namespace FundingArb.Positions;

/// <summary>A hedged position as the gateway hands it over once every entry check passed (SPEC protection 8): the actual
/// filled quantities (venue units, after any trim) and average entry prices, never the intended ones.</summary>
public sealed record OpenPosition(
    long PositionId,
    InstrumentId Instrument,
    VenueId LongVenue,
    VenueId ShortVenue,
    Quantity LongQuantity,
    Quantity ShortQuantity,
    Quantity LongBaseQuantity,
    Quantity ShortBaseQuantity,
    Price LongAveragePrice,
    Price ShortAveragePrice,
    long OpenedTimestamp);
