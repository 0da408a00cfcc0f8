namespace FundingArb.Venues.Bybit;

/// <summary>The body of <c>GET /v5/market/instruments-info?category=linear</c>
/// (https://bybit-exchange.github.io/docs/v5/market/instrument), the fields we read, named as documented.
/// Read through <see cref="BybitMetadataJsonContext"/> (source-generated, no reflection); decimals stay strings
/// and are parsed exactly by <see cref="BybitInstrumentMetadata"/>.</summary>
internal sealed class BybitInstrumentsInfoResponse
{
    public long? RetCode { get; set; }
    public string? RetMsg { get; set; }
    public ResultPage? Result { get; set; }

    internal sealed class ResultPage
    {
        public string? Category { get; set; }
        public List<Instrument?>? List { get; set; }
        public string? NextPageCursor { get; set; }
    }

    internal sealed class Instrument
    {
        public string? Symbol { get; set; }
        public string? ContractType { get; set; }
        public string? Status { get; set; }
        public string? BaseCoin { get; set; }
        public string? QuoteCoin { get; set; }
        public PriceFilterRules? PriceFilter { get; set; }
        public LotSizeFilterRules? LotSizeFilter { get; set; }
        /// <summary>"Funding interval (minute)".</summary>
        public long? FundingInterval { get; set; }
    }

    internal sealed class PriceFilterRules
    {
        public string? TickSize { get; set; }
    }

    internal sealed class LotSizeFilterRules
    {
        public string? QtyStep { get; set; }
        public string? MinOrderQty { get; set; }
        public string? MaxMktOrderQty { get; set; }
        public string? MinNotionalValue { get; set; }
    }
}
