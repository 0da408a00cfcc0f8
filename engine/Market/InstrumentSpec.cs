namespace FundingArb.Market;

/// <summary>A venue's trading rules for one instrument, from its metadata endpoints. Quantities are in the
/// venue's own unit (contracts on OKX); <see cref="ContractSize"/> converts to base units. Null means the
/// source did not say; <see cref="MergedWith"/> lets a later source fill in or override fields.</summary>
public sealed record InstrumentSpec
{
    public required string VenueSymbol { get; init; }
    public string? BaseAsset { get; init; }
    public string? QuoteAsset { get; init; }
    public Price? TickSize { get; init; }
    public Quantity? LotStep { get; init; }
    public Quantity? MinQuantity { get; init; }
    public Quantity? MaxMarketQuantity { get; init; }
    /// <summary>Smallest order value in quote currency.</summary>
    public double? MinNotional { get; init; }
    /// <summary>Base units per venue quantity unit (OKX <c>ctVal</c>); 1 where the venue trades in base units.</summary>
    public Quantity? ContractSize { get; init; }
    public int? FundingIntervalHours { get; init; }
    public bool? IsTrading { get; init; }

    /// <summary>This spec with every field that <paramref name="update"/> sets taken from it.</summary>
    public InstrumentSpec MergedWith(InstrumentSpec update)
    {
        if (update.VenueSymbol != VenueSymbol)
            throw new ArgumentException($"Cannot merge metadata of {update.VenueSymbol} into {VenueSymbol}.", nameof(update));
        return this with
        {
            BaseAsset = update.BaseAsset ?? BaseAsset,
            QuoteAsset = update.QuoteAsset ?? QuoteAsset,
            TickSize = update.TickSize ?? TickSize,
            LotStep = update.LotStep ?? LotStep,
            MinQuantity = update.MinQuantity ?? MinQuantity,
            MaxMarketQuantity = update.MaxMarketQuantity ?? MaxMarketQuantity,
            MinNotional = update.MinNotional ?? MinNotional,
            ContractSize = update.ContractSize ?? ContractSize,
            FundingIntervalHours = update.FundingIntervalHours ?? FundingIntervalHours,
            IsTrading = update.IsTrading ?? IsTrading,
        };
    }
}
