using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One slot on the execution ring: an order, fill, position, funding or balance update from a venue's private
/// stream. Fields a kind does not use stay zero.</summary>
/// <remarks>Fills are counted from <see cref="LastFillQuantity"/>: the client delivers each trade id once, whatever the
/// venue repeats, and a fill arriving out of order is still a fill (its <see cref="CumulativeQuantity"/> may then be
/// behind one already seen).</remarks>
public struct ExecutionUpdate
{
    public ExecutionUpdateKind Kind;
    public VenueId Venue;
    /// <summary>None for a funding payment the venue does not attribute (Binance cross margin).</summary>
    public InstrumentId Instrument;
    public ClientOrderId ClientOrderId;
    public VenueAssignedId VenueOrderId;
    public VenueAssignedId TradeId;
    public OrderSide Side;
    public OrderStatus Status;
    public bool IsMaker;
    public bool ReduceOnly;
    public Quantity LastFillQuantity;
    public Price LastFillPrice;
    public Quantity CumulativeQuantity;
    public Price AveragePrice;
    /// <summary>Commission in <see cref="Asset"/>'s units, positive when paid (a rebate is negative).</summary>
    public Quantity Fee;
    /// <summary>Position: signed size in venue units (negative = short).</summary>
    public Quantity PositionQuantity;
    public Price EntryPrice;
    /// <summary>FundingPayment: signed amount received; Balance: wallet balance. Units of <see cref="Asset"/>.</summary>
    public Quantity Amount;
    /// <summary>FundingPayment: the wallet balance of <see cref="Asset"/> right after it, where the venue says (zero
    /// otherwise); two payments settled together for equal amounts differ in it.</summary>
    public Quantity WalletBalance;
    /// <summary>Settlement asset of <see cref="Fee"/> and <see cref="Amount"/> (e.g. USDT), ASCII.</summary>
    public AssetCode Asset;
    /// <summary>Venue transaction time, unix ms.</summary>
    public long UpdateTimeMs;
    /// <summary>Venue event time, unix ms.</summary>
    public long EventTimeMs;
    /// <summary>When the frame was received, engine clock ticks.</summary>
    public long ReceivedTimestamp;
    public ExecutionError Error;
}
