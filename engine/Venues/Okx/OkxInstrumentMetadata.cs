using System.Text;
using System.Text.Json;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>Instrument rules from OKX's public REST answers (off the hot path; allocates).</summary>
/// <remarks>
/// <para><c>GET /api/v5/public/instruments?instType=SWAP</c> → one <see cref="InstrumentSpec"/> per linear perpetual
/// (<c>instType</c> SWAP, <c>ctType</c> linear; inverse and other types are skipped). Fields, named as in the docs:
/// <c>tickSz</c> → TickSize; <c>lotSz</c> → LotStep and <c>minSz</c> → MinQuantity, both in contracts ("If it is a
/// derivatives contract, the value is the number of contracts"); <c>maxMktSz</c> → MaxMarketQuantity (contracts);
/// <c>ctVal</c> → ContractSize ("for linear contracts, <c>ctVal</c> is in the base currency"); <c>state</c> → IsTrading
/// (only <c>live</c> trades freely: <c>suspend</c>, <c>rebase</c>, <c>post_only</c>, <c>preopen</c>, <c>test</c> do not
/// take market orders); base and quote from <c>uly</c>/<c>instFamily</c> (<c>BTC-USDT</c>), else <c>ctValCcy</c> and
/// <c>settleCcy</c>. OKX publishes no minimum notional and no funding interval in instrument data: both stay null.</para>
/// <para><c>GET /api/v5/public/funding-rate?instId=…</c> → partial specs carrying only FundingIntervalHours =
/// (<c>nextFundingTime</c> − <c>fundingTime</c>) / 1 h, when that is a whole number of hours in 1..24.</para>
/// </remarks>
public static class OkxInstrumentMetadata
{
    public const string InstrumentsPath = "/api/v5/public/instruments";
    public const string FundingRatePath = "/api/v5/public/funding-rate";

    private const long HourMs = 3_600_000;

    /// <summary>The linear SWAP instruments of an instruments answer.</summary>
    /// <exception cref="FormatException">The body is not the documented shape; the message names the field.</exception>
    public static IReadOnlyList<InstrumentSpec> ParseInstruments(ReadOnlySpan<byte> body)
    {
        var specs = new List<InstrumentSpec>();
        foreach (var item in ReadItems(body, "instruments"))
        {
            var instType = Required(item, "instType", null);
            if (instType != "SWAP") continue;
            var instId = Required(item, "instId", null);
            var ctType = Required(item, "ctType", instId);
            if (ctType != "linear") continue;

            var (baseAsset, quoteAsset) = Assets(item, instId);
            var state = Required(item, "state", instId);
            specs.Add(new InstrumentSpec
            {
                VenueSymbol = instId,
                BaseAsset = baseAsset,
                QuoteAsset = quoteAsset,
                TickSize = PositivePrice(item, "tickSz", instId),
                LotStep = PositiveQuantity(item, "lotSz", instId),
                MinQuantity = PositiveQuantity(item, "minSz", instId),
                MaxMarketQuantity = Optional(item, "maxMktSz") is { } max ? QuantityOf(max, "maxMktSz", instId) : null,
                ContractSize = PositiveQuantity(item, "ctVal", instId),
                MinNotional = null,
                FundingIntervalHours = null,
                IsTrading = state == "live",
            });
        }
        return specs;
    }

    /// <summary>Partial specs (funding interval only) from a funding-rate answer.</summary>
    /// <exception cref="FormatException">The body is not the documented shape; the message names the field.</exception>
    public static IReadOnlyList<InstrumentSpec> ParseFundingIntervals(ReadOnlySpan<byte> body)
    {
        var specs = new List<InstrumentSpec>();
        foreach (var item in ReadItems(body, "funding-rate"))
        {
            var instId = Required(item, "instId", null);
            var fundingTime = TimeOf(item, "fundingTime", instId);
            if (Optional(item, "nextFundingTime") is null) continue;
            var next = TimeOf(item, "nextFundingTime", instId);
            var interval = next - fundingTime;
            if (interval <= 0 || interval % HourMs != 0 || interval / HourMs > 24) continue;
            specs.Add(new InstrumentSpec { VenueSymbol = instId, FundingIntervalHours = (int)(interval / HourMs) });
        }
        return specs;
    }

    /// <summary>Base and quote from a pair such as <c>BTC-USDT</c>; false unless it is exactly two non-empty parts.</summary>
    internal static bool TrySplitPair(string pair, out string baseAsset, out string quoteAsset)
    {
        var dash = pair.IndexOf('-');
        if (dash <= 0 || dash == pair.Length - 1 || pair.IndexOf('-', dash + 1) >= 0)
        {
            baseAsset = quoteAsset = "";
            return false;
        }
        baseAsset = pair[..dash];
        quoteAsset = pair[(dash + 1)..];
        return true;
    }

    private static (string Base, string Quote) Assets(Dictionary<string, string> item, string instId)
    {
        foreach (var field in (ReadOnlySpan<string>)["uly", "instFamily"])
            if (Optional(item, field) is { } pair && TrySplitPair(pair, out var b, out var q))
                return (b, q);
        var ctValCcy = Optional(item, "ctValCcy");
        var settleCcy = Optional(item, "settleCcy");
        if (ctValCcy is not null && settleCcy is not null) return (ctValCcy, settleCcy);
        throw new FormatException(
            $"OKX instrument {instId}: field 'uly' (or 'instFamily', or 'ctValCcy' and 'settleCcy') is missing; " +
            "cannot tell its base and quote currency.");
    }

    /// <summary>The items of <c>{"code":"0","msg":"","data":[{…},…]}</c> as name → string value (non-string values are
    /// not needed and not kept).</summary>
    private static List<Dictionary<string, string>> ReadItems(ReadOnlySpan<byte> body, string endpoint)
    {
        var items = new List<Dictionary<string, string>>();
        string? code = null, msg = null;
        var sawData = false;
        try
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new FormatException($"OKX {endpoint} answer: expected a JSON object with 'code', 'msg' and 'data'.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "code":
                        code = reader.TokenType is JsonTokenType.String or JsonTokenType.Number
                            ? Encoding.UTF8.GetString(reader.ValueSpan)
                            : throw new FormatException($"OKX {endpoint} answer: field 'code' is not a string.");
                        break;
                    case "msg":
                        msg = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        reader.Skip();
                        break;
                    case "data":
                        sawData = true;
                        if (reader.TokenType != JsonTokenType.StartArray)
                            throw new FormatException($"OKX {endpoint} answer: field 'data' is not an array.");
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType != JsonTokenType.StartObject)
                                throw new FormatException($"OKX {endpoint} answer: an item of 'data' is not an object.");
                            items.Add(ReadItem(ref reader));
                        }
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"OKX {endpoint} answer is not valid JSON: {e.Message}", e);
        }
        if (code is null) throw new FormatException($"OKX {endpoint} answer: field 'code' is missing.");
        if (code != "0") throw new FormatException($"OKX {endpoint} answer: field 'code' is '{code}' (msg '{msg}'), not '0'.");
        if (!sawData) throw new FormatException($"OKX {endpoint} answer: field 'data' is missing.");
        return items;
    }

    private static Dictionary<string, string> ReadItem(ref Utf8JsonReader reader)
    {
        var item = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) item[name] = reader.GetString()!;
            else reader.Skip();
        }
        return item;
    }

    private static string? Optional(Dictionary<string, string> item, string field) =>
        item.TryGetValue(field, out var value) && value.Length > 0 ? value : null;

    private static string Required(Dictionary<string, string> item, string field, string? instId) =>
        Optional(item, field) ?? throw new FormatException(
            $"OKX instrument{(instId is null ? "" : " " + instId)}: field '{field}' is missing or empty.");

    private static Price PositivePrice(Dictionary<string, string> item, string field, string instId)
    {
        var text = Required(item, field, instId);
        if (!Price.TryParse(Encoding.UTF8.GetBytes(text), out var price, out var error))
            throw new FormatException($"OKX instrument {instId}: field '{field}' = '{text}' is not a price: {FixedPoint.Describe(error)}.");
        if (!price.IsPositive) throw new FormatException($"OKX instrument {instId}: field '{field}' = '{text}' is not positive.");
        return price;
    }

    private static Quantity PositiveQuantity(Dictionary<string, string> item, string field, string instId)
    {
        var quantity = QuantityOf(Required(item, field, instId), field, instId);
        if (!quantity.IsPositive)
            throw new FormatException($"OKX instrument {instId}: field '{field}' = '{item[field]}' is not positive.");
        return quantity;
    }

    private static Quantity QuantityOf(string text, string field, string instId)
    {
        if (!Quantity.TryParse(Encoding.UTF8.GetBytes(text), out var quantity, out var error))
            throw new FormatException($"OKX instrument {instId}: field '{field}' = '{text}' is not a quantity: {FixedPoint.Describe(error)}.");
        if (quantity.Raw < 0) throw new FormatException($"OKX instrument {instId}: field '{field}' = '{text}' is negative.");
        return quantity;
    }

    private static long TimeOf(Dictionary<string, string> item, string field, string instId)
    {
        var text = Required(item, field, instId);
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms))
            throw new FormatException($"OKX funding rate {instId}: field '{field}' = '{text}' is not a unix time in ms.");
        return ms;
    }
}
