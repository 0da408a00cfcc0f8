using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>One instrument on one venue, as the decision core holds it: funding, the live book, and the venue's trading
/// rules for it. Written only by the decision thread.</summary>
public sealed class Listing
{
    public Listing(VenueState venue, InstrumentId instrument, int bookCapacityPerSide = OrderBook.DefaultCapacity)
    {
        Venue = venue;
        Instrument = instrument;
        Book = new OrderBook(bookCapacityPerSide);
    }

    public VenueState Venue { get; }
    public InstrumentId Instrument { get; }
    public OrderBook Book { get; }
    public FundingState Funding;
    public TradingRules Rules { get; private set; }
    public InstrumentSpec? Spec { get; private set; }

    /// <summary>The funding interval in force: as the stream last said, else the metadata, else the venue's default;
    /// 0 when nothing says (the rate cannot then be normalised, and the pair is not traded).</summary>
    public int FundingIntervalHours =>
        Funding.Has(FundingFields.IntervalHours) && Funding.Latest.IntervalHours > 0 ? Funding.Latest.IntervalHours
        : Rules.FundingIntervalHours > 0 ? Rules.FundingIntervalHours
        : Venue.DefaultFundingIntervalHours;

    /// <summary>Merges instrument metadata (several answers may each carry part of it: Binance exchangeInfo and fundingInfo).</summary>
    public void ApplySpec(InstrumentSpec spec)
    {
        Spec = Spec is null ? spec : Spec.MergedWith(spec);
        Rules = new TradingRules(Spec);
    }
}
