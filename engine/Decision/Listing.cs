using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>One instrument on one venue, as the decision core holds it: funding, the live book, and the venue's trading
/// rules for it. Written only by the decision thread.</summary>
public sealed class Listing
{
    private readonly int _bookCapacityPerSide;
    private OrderBook? _book;

    public Listing(VenueState venue, InstrumentId instrument, int bookCapacityPerSide = OrderBook.DefaultCapacity)
    {
        Venue = venue;
        Instrument = instrument;
        _bookCapacityPerSide = bookCapacityPerSide;
    }

    public VenueState Venue { get; }
    public InstrumentId Instrument { get; }

    /// <summary>Created with the first book event: a venue's metadata lists hundreds of instruments the engine never
    /// subscribes to, and their listings should cost a few bytes, not two preallocated book sides.</summary>
    public OrderBook Book => _book ??= new OrderBook(_bookCapacityPerSide);

    /// <summary>A usable book: one has arrived and is in sync.</summary>
    public bool IsBookUsable => _book is { IsUsable: true };

    /// <summary>Some market data (funding or book) has arrived for this listing: until then, metadata alone does not make
    /// its pairs worth a decision record.</summary>
    public bool HasMarketData { get; private set; }
    public FundingState Funding;
    private TradingRules _rules;

    /// <summary>By reference: the decision thread reads the rules many times per evaluation and must not copy them.</summary>
    public ref readonly TradingRules Rules => ref _rules;
    public InstrumentSpec? Spec { get; private set; }

    /// <summary>The funding interval in force: as the stream last said, else the metadata, else the venue's default;
    /// 0 when nothing says (the rate cannot then be normalised, and the pair is not traded).</summary>
    public int FundingIntervalHours =>
        Funding.Has(FundingFields.IntervalHours) && Funding.Latest.IntervalHours > 0 ? Funding.Latest.IntervalHours
        : Rules.FundingIntervalHours > 0 ? Rules.FundingIntervalHours
        : Venue.DefaultFundingIntervalHours;

    public void Apply(in MarketEvent evt)
    {
        if (evt.Kind == MarketEventKind.Funding) Funding.Apply(evt);
        else Book.Apply(evt);
        HasMarketData = true;
    }

    /// <summary>Merges instrument metadata (several answers may each carry part of it: Binance exchangeInfo and fundingInfo).</summary>
    public void ApplySpec(InstrumentSpec spec)
    {
        Spec = Spec is null ? spec : Spec.MergedWith(spec);
        _rules = new TradingRules(Spec);
    }
}
