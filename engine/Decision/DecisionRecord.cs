using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>What the decision core concluded about one ordered pair (long on <see cref="Long"/>, short on
/// <see cref="Short"/>) of one instrument, with every component of the edge it computed: the answer to "why did it
/// (not) trade?". Components not reached before the pair was rejected are NaN (written as null).</summary>
/// <remarks>Fractions of notional are kept in bps: 1 bp = 0.0001. Costs are positive numbers that the edge subtracts;
/// the edge is funding − fees − slippage − basis.</remarks>
public struct DecisionRecord
{
    /// <summary>Unix ns on the engine clock (the replay clock in replay).</summary>
    public long Time;
    public InstrumentId Instrument;
    public VenueId Long;
    public VenueId Short;
    public Verdict Verdict;
    public RejectReason Reason;
    /// <summary>Normalised funding diff, short rate per hour minus long rate per hour, as a fraction per hour.</summary>
    public double DiffPerHour;
    /// <summary>Funding expected over the planned hold, counted settlement by settlement on each venue.</summary>
    public double FundingBps;
    /// <summary>Taker fees of the four fills (open and close, both venues).</summary>
    public double FeesBps;
    /// <summary>Walking each book for the size: VWAP against its mid, both legs.</summary>
    public double SlippageBps;
    /// <summary>Entry basis counted as a cost: the long venue's mid above the short venue's, else 0 (a favourable gap is
    /// not counted as income).</summary>
    public double BasisBps;
    /// <summary>Funding − fees − slippage − basis.</summary>
    public double EdgeBps;
    /// <summary>The edge in quote currency, at <see cref="Notional"/>.</summary>
    public double EdgeQuote;
    /// <summary>Notional per leg, quote currency.</summary>
    public double Notional;
    /// <summary>Base quantity of each leg; zero when no size was reached.</summary>
    public Quantity BaseQuantity;

    public void Reset(long time, InstrumentId instrument, VenueId longVenue, VenueId shortVenue)
    {
        Time = time;
        Instrument = instrument;
        Long = longVenue;
        Short = shortVenue;
        Verdict = Verdict.Reject;
        Reason = RejectReason.None;
        DiffPerHour = FundingBps = FeesBps = SlippageBps = BasisBps = EdgeBps = EdgeQuote = Notional = double.NaN;
        BaseQuantity = Quantity.Zero;
    }
}
