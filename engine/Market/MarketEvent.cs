namespace FundingArb.Market;

/// <summary>One ring slot on the market-data ring: feeds parse a frame straight into a claimed slot.</summary>
/// <remarks>A slot is reused: a parser must call <see cref="Reset"/> before writing so nothing of the previous
/// event leaks into the next (the inline level arrays are not cleared, only their counts, which is all readers use).</remarks>
public struct MarketEvent
{
    public MarketEventKind Kind;
    public VenueId Venue;
    public InstrumentId Instrument;
    /// <summary>The venue's event time, unix ms.</summary>
    public long ExchangeTimeMs;
    /// <summary>When the frame was received, in <see cref="TimeProvider.GetTimestamp"/> ticks of the engine clock.</summary>
    public long ReceivedTimestamp;
    public FundingUpdate Funding;
    public BookUpdate Book;
    /// <summary>For the gateway's kinds (<see cref="MarketEventKind.AttemptEnded"/> and after).</summary>
    public AttemptOutcome Outcome;

    public void Reset(MarketEventKind kind, VenueId venue, long receivedTimestamp)
    {
        Kind = kind;
        Venue = venue;
        Instrument = default;
        ExchangeTimeMs = 0;
        ReceivedTimestamp = receivedTimestamp;
        Funding = default;
        Outcome = default;
        Book.FirstUpdateId = 0;
        Book.UpdateId = 0;
        Book.PrevUpdateId = 0;
        Book.CrossSequence = 0;
        Book.Checksum = 0;
        Book.ComputedChecksum = 0;
        Book.Part = 0;
        Book.More = false;
        Book.BidCount = 0;
        Book.AskCount = 0;
    }
}
