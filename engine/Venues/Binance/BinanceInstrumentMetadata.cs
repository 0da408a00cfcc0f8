using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>Instrument rules from Binance USDⓈ-M metadata: <c>GET /fapi/v1/exchangeInfo</c> (market-data/rest-api/
/// Exchange-Information) and <c>GET /fapi/v1/fundingInfo</c> (market-data/rest-api/Get-Funding-Rate-Info).</summary>
/// <remarks>
/// <para>exchangeInfo: one spec per <c>symbols[]</c> entry whose <c>contractType</c> is <c>PERPETUAL</c> (delivery
/// contracts are left out): <c>symbol</c>, <c>baseAsset</c>, <c>quoteAsset</c>, <c>status</c> (<c>TRADING</c> → trading),
/// <c>PRICE_FILTER.tickSize</c>, <c>LOT_SIZE.stepSize</c> / <c>minQty</c>, <c>MARKET_LOT_SIZE.maxQty</c>,
/// <c>MIN_NOTIONAL.notional</c>, and a contract size of 1 (USDⓈ-M quantities are in the base asset). It carries no
/// funding interval.</para>
/// <para>fundingInfo: "Query funding rate info for symbols that had FundingRateCap/ FundingRateFloor /
/// fundingIntervalHours adjustment": partial specs with only <c>fundingIntervalHours</c>. Symbols it does not list use
/// <see cref="DefaultFundingIntervalHours"/>.</para>
/// <para>Parsed off the hot path with a source-generated <see cref="JsonSerializerContext"/> (no reflection, AOT-safe).
/// A body that is not what the docs describe throws <see cref="FormatException"/> naming the field.</para>
/// </remarks>
public static class BinanceInstrumentMetadata
{
    public const string ExchangeInfoPath = "/fapi/v1/exchangeInfo";
    public const string FundingInfoPath = "/fapi/v1/fundingInfo";
    public const string PerpetualContractType = "PERPETUAL";
    public const string TradingStatus = "TRADING";

    /// <summary>8 h for symbols absent from fundingInfo. NOT stated by Binance's docs: the fundingInfo page only says it
    /// lists the symbols whose cap, floor or interval were adjusted, which implies the others keep the standard
    /// interval; 8 h is that standard (inferred, as ccxt and the wire-facts notes also record).</summary>
    public const int DefaultFundingIntervalHours = 8;

    /// <summary>The longest funding interval accepted from fundingInfo (Binance uses 1, 4 and 8 h).</summary>
    public const int MaxFundingIntervalHours = 24;

    /// <summary>Parses the answer to <paramref name="pathAndQuery"/> (exchangeInfo or fundingInfo).</summary>
    /// <exception cref="ArgumentException">Not a metadata path.</exception>
    /// <exception cref="FormatException">The body is not what the docs describe; the message names the field.</exception>
    public static IReadOnlyList<InstrumentSpec> Parse(string pathAndQuery, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        return path switch
        {
            ExchangeInfoPath => ParseExchangeInfo(body),
            FundingInfoPath => ParseFundingInfo(body),
            _ => throw new ArgumentException(
                $"'{pathAndQuery}' is not a Binance metadata request; expected {ExchangeInfoPath} or {FundingInfoPath}.",
                nameof(pathAndQuery)),
        };
    }

    /// <summary>Specs of the perpetual contracts in an exchangeInfo answer.</summary>
    public static IReadOnlyList<InstrumentSpec> ParseExchangeInfo(ReadOnlySpan<byte> body)
    {
        const string Endpoint = "exchangeInfo";
        ThrowIfError(Endpoint, body);
        var info = Deserialize(Endpoint, body, BinanceMetadataJsonContext.Default.ExchangeInfoBody)
                   ?? throw Invalid(Endpoint, "the body", "is null; expected an object");
        if (info.Symbols is null) throw Invalid(Endpoint, "symbols", "is missing");

        var specs = new List<InstrumentSpec>(info.Symbols.Count);
        for (var i = 0; i < info.Symbols.Count; i++)
        {
            var entry = info.Symbols[i] ?? throw Invalid(Endpoint, $"symbols[{i}]", "is null");
            var at = $"symbols[{i}]";
            if (string.IsNullOrEmpty(entry.Symbol)) throw Invalid(Endpoint, $"{at}.symbol", "is missing");
            at = $"symbols[{i}] ({entry.Symbol})";
            // Absent is malformed; present but not PERPETUAL (delivery months, PERPETUAL_DELIVERING, or the empty string
            // listed for some settled contracts) is simply not ours.
            if (entry.ContractType is null) throw Invalid(Endpoint, $"{at}.contractType", "is missing");
            if (entry.ContractType != PerpetualContractType) continue;
            if (entry.Status is null) throw Invalid(Endpoint, $"{at}.status", "is missing");

            Price? tick = null;
            Quantity? step = null, minQty = null, maxMarketQty = null;
            double? minNotional = null;
            if (entry.Filters is { } filters)
            {
                for (var f = 0; f < filters.Count; f++)
                {
                    var filter = filters[f] ?? throw Invalid(Endpoint, $"{at}.filters[{f}]", "is null");
                    switch (filter.FilterType)
                    {
                        case "PRICE_FILTER":
                            tick = PositivePrice(Endpoint, $"{at}.filters[PRICE_FILTER].tickSize", filter.TickSize);
                            break;
                        case "LOT_SIZE":
                            step = PositiveQuantity(Endpoint, $"{at}.filters[LOT_SIZE].stepSize", filter.StepSize);
                            minQty = QuantityAtLeastZero(Endpoint, $"{at}.filters[LOT_SIZE].minQty", filter.MinQty);
                            break;
                        case "MARKET_LOT_SIZE":
                            maxMarketQty = PositiveQuantity(Endpoint, $"{at}.filters[MARKET_LOT_SIZE].maxQty", filter.MaxQty);
                            break;
                        case "MIN_NOTIONAL":
                            minNotional = Notional(Endpoint, $"{at}.filters[MIN_NOTIONAL].notional", filter.Notional);
                            break;
                        case null:
                            throw Invalid(Endpoint, $"{at}.filters[{f}].filterType", "is missing");
                    }
                }
            }

            specs.Add(new InstrumentSpec
            {
                VenueSymbol = entry.Symbol,
                BaseAsset = NullIfEmpty(entry.BaseAsset),
                QuoteAsset = NullIfEmpty(entry.QuoteAsset),
                TickSize = tick,
                LotStep = step,
                MinQuantity = minQty,
                MaxMarketQuantity = maxMarketQty,
                MinNotional = minNotional,
                ContractSize = new Quantity(Quantity.One),
                IsTrading = entry.Status == TradingStatus,
            });
        }
        return specs;
    }

    /// <summary>Partial specs (funding interval only) of the symbols listed in a fundingInfo answer.</summary>
    public static IReadOnlyList<InstrumentSpec> ParseFundingInfo(ReadOnlySpan<byte> body)
    {
        const string Endpoint = "fundingInfo";
        ThrowIfError(Endpoint, body);
        var entries = Deserialize(Endpoint, body, BinanceMetadataJsonContext.Default.ListFundingInfoEntry)
                      ?? throw Invalid(Endpoint, "the body", "is null; expected an array");
        var specs = new List<InstrumentSpec>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw Invalid(Endpoint, $"[{i}]", "is null");
            if (string.IsNullOrEmpty(entry.Symbol)) throw Invalid(Endpoint, $"[{i}].symbol", "is missing");
            var at = $"[{i}] ({entry.Symbol}).fundingIntervalHours";
            var hours = entry.FundingIntervalHours ?? throw Invalid(Endpoint, at, "is missing");
            if (hours is < 1 or > MaxFundingIntervalHours)
                throw Invalid(Endpoint, at, $"is {hours}; expected 1 to {MaxFundingIntervalHours} hours");
            specs.Add(new InstrumentSpec { VenueSymbol = entry.Symbol, FundingIntervalHours = hours });
        }
        return specs;
    }

    private static T? Deserialize<T>(string endpoint, ReadOnlySpan<byte> body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "the body" : e.Path;
            throw new FormatException($"Binance {endpoint}: {field} is not what the docs describe: {e.Message}", e);
        }
    }

    /// <summary>Binance answers errors as <c>{"code":…,"msg":…}</c>, e.g. when rate-limited.</summary>
    private static void ThrowIfError(string endpoint, ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("code"u8)) return;
        }
        catch (JsonException)
        {
            return; // Deserialize reports it with the position
        }
        var error = Deserialize(endpoint, body, BinanceMetadataJsonContext.Default.ErrorBody);
        throw new FormatException($"Binance {endpoint}: the venue answered error {error?.Code}: {error?.Msg}");
    }

    private static Price PositivePrice(string endpoint, string field, string? text)
    {
        var raw = Fixed(endpoint, field, text, Price.Scale);
        if (raw <= 0) throw Invalid(endpoint, field, $"is '{text}'; expected a positive value");
        return new Price(raw);
    }

    private static Quantity PositiveQuantity(string endpoint, string field, string? text)
    {
        var raw = Fixed(endpoint, field, text, Quantity.Scale);
        if (raw <= 0) throw Invalid(endpoint, field, $"is '{text}'; expected a positive value");
        return new Quantity(raw);
    }

    private static Quantity QuantityAtLeastZero(string endpoint, string field, string? text)
    {
        var raw = Fixed(endpoint, field, text, Quantity.Scale);
        if (raw < 0) throw Invalid(endpoint, field, $"is '{text}'; expected zero or more");
        return new Quantity(raw);
    }

    private static long Fixed(string endpoint, string field, string? text, int scale)
    {
        if (text is null) throw Invalid(endpoint, field, "is missing");
        if (!FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), scale, out var raw, out var error))
            throw Invalid(endpoint, field, $"is '{text}': {FixedPoint.Describe(error)} (scale {scale})");
        return raw;
    }

    private static double Notional(string endpoint, string field, string? text)
    {
        if (text is null) throw Invalid(endpoint, field, "is missing");
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Invalid(endpoint, field, $"is '{text}'; expected a decimal");
        return value;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static FormatException Invalid(string endpoint, string field, string problem) =>
        new($"Binance {endpoint}: {field} {problem}.");

    // Shapes of the answers, only the fields used; everything else is skipped. Names exactly as the docs spell them.

    internal sealed class ExchangeInfoBody
    {
        [JsonPropertyName("symbols")] public List<ExchangeInfoSymbol?>? Symbols { get; set; }
    }

    internal sealed class ExchangeInfoSymbol
    {
        [JsonPropertyName("symbol")] public string? Symbol { get; set; }
        [JsonPropertyName("contractType")] public string? ContractType { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("baseAsset")] public string? BaseAsset { get; set; }
        [JsonPropertyName("quoteAsset")] public string? QuoteAsset { get; set; }
        [JsonPropertyName("filters")] public List<ExchangeInfoFilter?>? Filters { get; set; }
    }

    internal sealed class ExchangeInfoFilter
    {
        [JsonPropertyName("filterType")] public string? FilterType { get; set; }
        [JsonPropertyName("tickSize")] public string? TickSize { get; set; }
        [JsonPropertyName("stepSize")] public string? StepSize { get; set; }
        [JsonPropertyName("minQty")] public string? MinQty { get; set; }
        [JsonPropertyName("maxQty")] public string? MaxQty { get; set; }
        [JsonPropertyName("notional")] public string? Notional { get; set; }
    }

    internal sealed class FundingInfoEntry
    {
        [JsonPropertyName("symbol")] public string? Symbol { get; set; }
        [JsonPropertyName("fundingIntervalHours")] public int? FundingIntervalHours { get; set; }
    }

    internal sealed class ErrorBody
    {
        [JsonPropertyName("code")] public int? Code { get; set; }
        [JsonPropertyName("msg")] public string? Msg { get; set; }
    }
}
