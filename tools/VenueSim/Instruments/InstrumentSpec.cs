namespace FundingArb.VenueSim.Instruments;

/// <summary>One venue's perpetual as the scenario defines it: its trading rules, funding schedule and fees.
/// Quantities are in the venue's own unit (base asset on Binance and Bybit, contracts on OKX, one contract being
/// <see cref="ContractSize"/> base), so notional = qty × <see cref="ContractSize"/> × price everywhere.</summary>
public sealed record InstrumentSpec
{
    public required VenueKind Venue { get; init; }
    public required string Symbol { get; init; }
    public required string BaseAsset { get; init; }
    public required string QuoteAsset { get; init; }
    public required decimal TickSize { get; init; }
    public required decimal StepSize { get; init; }
    public required decimal MinQty { get; init; }
    public required decimal MaxQty { get; init; }
    public required decimal MinNotional { get; init; }
    public required decimal ContractSize { get; init; }
    public required TimeSpan FundingInterval { get; init; }
    /// <summary>Per-settlement rate bounds; null when the scenario leaves the venue's default in force.</summary>
    public decimal? FundingRateCap { get; init; }
    public decimal? FundingRateFloor { get; init; }
    /// <summary>Interest component per funding interval, as venues quote it next to the rate.</summary>
    public required decimal InterestRate { get; init; }
    public required int MaxLeverage { get; init; }
    public required decimal MaintenanceMarginRate { get; init; }
    public required decimal TakerFeeRate { get; init; }
    public required decimal MakerFeeRate { get; init; }
    /// <summary>Limit prices must lie within [mark × down, mark × up] (the venues' percent-price filter).</summary>
    public required decimal PercentPriceUp { get; init; }
    public required decimal PercentPriceDown { get; init; }
    public required BookShape Book { get; init; }

    public int PricePrecision => DecimalPlaces(TickSize);
    public int QuantityPrecision => DecimalPlaces(StepSize);

    /// <summary>Digits after the point in <paramref name="value"/>'s shortest exact form ("0.10" and "0.1" both give 1).</summary>
    public static int DecimalPlaces(decimal value)
    {
        value /= 1.000000000000000000000000000000000m; // drop trailing zeros of the scale
        return (decimal.GetBits(value)[3] >> 16) & 0xFF;
    }
}
