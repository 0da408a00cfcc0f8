using System.Globalization;
using System.Text;
using System.Text.Json;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>Instrument rules of Bybit linear perpetuals from <c>GET /v5/market/instruments-info?category=linear</c>
/// (https://bybit-exchange.github.io/docs/v5/market/instrument). Off the hot path: allocates freely.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only <c>contractType</c> = <c>LinearPerpetual</c> is kept (the category also lists <c>LinearFutures</c>).</item>
/// <item><c>status</c> = <c>Trading</c> → <see cref="InstrumentSpec.IsTrading"/>; <c>PreLaunch</c>, <c>Delivering</c>,
/// <c>Closed</c> → false.</item>
/// <item><c>priceFilter.tickSize</c> → tick; <c>lotSizeFilter.qtyStep</c> → lot step, <c>minOrderQty</c> → minimum,
/// <c>maxMktOrderQty</c> → largest market order, <c>minNotionalValue</c> → minimum notional (quote currency). Linear
/// contracts are quoted in base units: <see cref="InstrumentSpec.ContractSize"/> = 1.</item>
/// <item><c>fundingInterval</c> is in minutes ("Funding interval (minute)"): 480 → 8 h. An interval that is not a whole
/// number of hours (none is listed today) gives <see cref="InstrumentSpec.FundingIntervalHours"/> = null rather than a
/// rounded, wrong interval: the engine then has no interval for that instrument and must not compare its rate.</item>
/// <item>Pagination: the endpoint "returns 500 entries by default" and takes <c>limit</c> up to 1000;
/// <see cref="FirstPageRequest"/> asks for 1000. A page with a non-empty <c>nextPageCursor</c> has more after it:
/// <see cref="Parse(ReadOnlySpan{byte}, out string?)"/> returns the cursor and <see cref="NextPageRequest"/> builds the
/// request for the next page, but <see cref="FundingArb.Feeds.IMarketDataVenue.MetadataRequests"/> is a fixed list, so
/// the engine fetches the first page only.</item>
/// </list>
/// A body that is not what the docs describe throws <see cref="FormatException"/> naming the field.
/// </remarks>
public static class BybitInstrumentMetadata
{
    public const string Path = "/v5/market/instruments-info";
    /// <summary>The largest page the endpoint serves ("Limit for data size per page. [1, 1000]").</summary>
    public const int PageLimit = 1000;
    public const string LinearPerpetual = "LinearPerpetual";
    public const string TradingStatus = "Trading";

    public static string FirstPageRequest { get; } = $"{Path}?category=linear&limit={PageLimit}";

    /// <summary>The request for the page after the one whose <c>nextPageCursor</c> is <paramref name="cursor"/>
    /// (Bybit sends the cursor already URL-encoded, e.g. <c>first%3DBIOUSDT%26last%3DBIOUSDT</c>).</summary>
    public static string NextPageRequest(string cursor)
    {
        ArgumentException.ThrowIfNullOrEmpty(cursor);
        var encoded = cursor.AsSpan().ContainsAnyExcept(CursorCharacters) ? Uri.EscapeDataString(cursor) : cursor;
        return $"{FirstPageRequest}&cursor={encoded}";
    }

    private static readonly System.Buffers.SearchValues<char> CursorCharacters = System.Buffers.SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%");

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, out string?)"/>
    public static IReadOnlyList<InstrumentSpec> Parse(ReadOnlySpan<byte> body) => Parse(body, out _);

    /// <summary>The linear perpetuals of one page, and the page's <c>nextPageCursor</c> (null when it is the last).</summary>
    /// <exception cref="FormatException">The body is not JSON, <c>retCode</c> is not 0, or a field is missing or invalid.</exception>
    public static IReadOnlyList<InstrumentSpec> Parse(ReadOnlySpan<byte> body, out string? nextPageCursor)
    {
        BybitInstrumentsInfoResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, BybitMetadataJsonContext.Default.BybitInstrumentsInfoResponse);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Bybit instruments-info: invalid JSON at {e.Path ?? "$"}: {e.Message}", e);
        }
        if (response is null) throw new FormatException("Bybit instruments-info: the body is null.");
        if (response.RetCode is not { } retCode) throw Missing("retCode");
        if (retCode != 0)
            throw new FormatException($"Bybit instruments-info: retCode is {retCode} ({response.RetMsg}), not 0.");
        var result = response.Result ?? throw Missing("result");
        if (result.Category is { } category && category != "linear")
            throw new FormatException($"Bybit instruments-info: result.category is '{category}', expected 'linear'.");
        var list = result.List ?? throw Missing("result.list");
        nextPageCursor = string.IsNullOrEmpty(result.NextPageCursor) ? null : result.NextPageCursor;

        var specs = new List<InstrumentSpec>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i] ?? throw Missing($"result.list[{i}]");
            var at = $"result.list[{i}]";
            var symbol = Required(item.Symbol, $"{at}.symbol");
            at = $"{at} ({symbol})";
            if (Required(item.ContractType, $"{at}.contractType") != LinearPerpetual) continue;
            var status = Required(item.Status, $"{at}.status");
            var priceFilter = item.PriceFilter ?? throw Missing($"{at}.priceFilter");
            var lotSize = item.LotSizeFilter ?? throw Missing($"{at}.lotSizeFilter");
            var fundingMinutes = item.FundingInterval ?? throw Missing($"{at}.fundingInterval");
            if (fundingMinutes <= 0)
                throw new FormatException($"Bybit instruments-info: {at}.fundingInterval is {fundingMinutes}, not a positive number of minutes.");

            specs.Add(new InstrumentSpec
            {
                VenueSymbol = symbol,
                BaseAsset = Required(item.BaseCoin, $"{at}.baseCoin"),
                QuoteAsset = Required(item.QuoteCoin, $"{at}.quoteCoin"),
                TickSize = new Price(PositiveFixed(priceFilter.TickSize, Price.Scale, $"{at}.priceFilter.tickSize")),
                LotStep = new Quantity(PositiveFixed(lotSize.QtyStep, Quantity.Scale, $"{at}.lotSizeFilter.qtyStep")),
                MinQuantity = new Quantity(PositiveFixed(lotSize.MinOrderQty, Quantity.Scale, $"{at}.lotSizeFilter.minOrderQty")),
                MaxMarketQuantity = string.IsNullOrEmpty(lotSize.MaxMktOrderQty)
                    ? null
                    : new Quantity(PositiveFixed(lotSize.MaxMktOrderQty, Quantity.Scale, $"{at}.lotSizeFilter.maxMktOrderQty")),
                MinNotional = string.IsNullOrEmpty(lotSize.MinNotionalValue)
                    ? null
                    : NonNegativeDouble(lotSize.MinNotionalValue, $"{at}.lotSizeFilter.minNotionalValue"),
                ContractSize = new Quantity(Quantity.One),
                FundingIntervalHours = fundingMinutes % 60 == 0 && fundingMinutes / 60 <= int.MaxValue
                    ? (int)(fundingMinutes / 60)
                    : null,
                IsTrading = status == TradingStatus,
            });
        }
        return specs;
    }

    private static FormatException Missing(string field) =>
        new($"Bybit instruments-info: {field} is missing.");

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw Missing(field) : value;

    private static long PositiveFixed(string? value, int scale, string field)
    {
        var text = Required(value, field);
        if (!FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), scale, out var raw, out var error))
            throw new FormatException($"Bybit instruments-info: {field} '{text}' is not a decimal with at most {scale} places ({FixedPoint.Describe(error)}).");
        if (raw <= 0) throw new FormatException($"Bybit instruments-info: {field} '{text}' is not positive.");
        return raw;
    }

    private static double NonNegativeDouble(string value, string field)
    {
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
            throw new FormatException($"Bybit instruments-info: {field} '{value}' is not a non-negative decimal.");
        return number;
    }
}
