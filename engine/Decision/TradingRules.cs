using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>What one venue accepts in an order for one instrument, in base units, from its instrument metadata. OKX
/// quotes and trades contracts: its lot step and minimum are converted with the contract size, so both legs of a pair
/// can be sized in the same unit.</summary>
public readonly struct TradingRules
{
    public TradingRules(InstrumentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ContractSize = spec.ContractSize ?? new Quantity(Quantity.One);
        TickSize = spec.TickSize ?? Price.Zero;
        LotStepBase = spec.LotStep is { } lot ? ToBase(lot, ContractSize) : Quantity.Zero;
        MinQuantityBase = spec.MinQuantity is { } min ? ToBase(min, ContractSize) : Quantity.Zero;
        MinNotional = spec.MinNotional ?? 0;
        FundingIntervalHours = spec.FundingIntervalHours ?? 0;
        IsHalted = spec.IsTrading == false;
    }

    /// <summary>Base units per venue quantity unit: OKX <c>ctVal</c>, 1 elsewhere.</summary>
    public Quantity ContractSize { get; }
    public Price TickSize { get; }
    /// <summary>The venue's lot step in base units; zero when unknown or when it is not a whole number of 10^-8 base units.</summary>
    public Quantity LotStepBase { get; }
    public Quantity MinQuantityBase { get; }
    /// <summary>Smallest order value in quote currency; 0 where the venue sets none.</summary>
    public double MinNotional { get; }
    /// <summary>0 when the metadata did not say.</summary>
    public int FundingIntervalHours { get; }
    /// <summary>The metadata says the instrument is not trading (settling, delisted, pre-launch).</summary>
    public bool IsHalted { get; }

    /// <summary>An order can be sized and priced: tick, lot step and contract size are known.</summary>
    public bool CanTrade => TickSize.IsPositive && LotStepBase.IsPositive && ContractSize.IsPositive && !IsHalted;

    /// <summary>The venue quantity (contracts on OKX) for a base quantity that is a multiple of the lot step.</summary>
    public Quantity ToVenueQuantity(Quantity baseQuantity) =>
        new((long)((Int128)baseQuantity.Raw * Quantity.One / ContractSize.Raw));

    /// <summary>The base quantity of a venue quantity (contracts × <c>ctVal</c> on OKX), toward zero below 10^-8.</summary>
    public Quantity ToBaseQuantity(Quantity venueQuantity) =>
        new((long)((Int128)venueQuantity.Raw * ContractSize.Raw / Quantity.One));

    /// <summary>Venue units × contract size, exactly; zero when the product is not a whole number of 10^-8 base units
    /// (no lot both venues accept can then be expressed, and the venue is not traded).</summary>
    private static Quantity ToBase(Quantity venueQuantity, Quantity contractSize)
    {
        var product = (Int128)venueQuantity.Raw * contractSize.Raw;
        return product % Quantity.One == 0 && product / Quantity.One <= long.MaxValue
            ? new Quantity((long)(product / Quantity.One))
            : Quantity.Zero;
    }
}
