using System.Text.Json;
using FundingArb.VenueSim.Capture;

namespace FundingArb.VenueSim.Okx;

/// <summary>OKX v5 swap market data in a capture: <c>public/instruments</c> for rules (sizes in contracts,
/// <c>ctVal</c> base per contract), <c>funding-rate</c> answers and pushes for the rate and the interval (the gap
/// between <c>fundingTime</c> and <c>nextFundingTime</c>), <c>mark-price</c> and <c>index-tickers</c> for prices,
/// <c>market/books</c> answers and the <c>books*</c> channels (snapshots and updates) for the book.</summary>
public sealed class OkxCapturedFrames : ICapturedFrameReader
{
    private const long MillisecondsPerHour = 3_600_000;

    /// <summary>Index tickers name the index (<c>BTC-USDT</c>), not the swap; remembered per index until swaps exist.</summary>
    private readonly Dictionary<string, decimal> _indexByName = new(StringComparer.Ordinal);

    public bool ReadRest(string pathAndQuery, JsonElement body, TimeSpan at, CapturedVenue venue)
    {
        var data = Data(body);
        switch (CapturedJson.PathOf(pathAndQuery))
        {
            case "/api/v5/public/instruments":
                foreach (var item in data) ReadRules(item, venue);
                return true;
            case "/api/v5/public/funding-rate":
                foreach (var item in data) ReadFunding(item, at, venue);
                return true;
            case "/api/v5/public/mark-price":
                foreach (var item in data) ReadMark(item, at, venue);
                return true;
            case "/api/v5/market/books":
                if (CapturedJson.QueryValue(pathAndQuery, "instId") is not { } instId) return false;
                foreach (var book in data) venue.Instrument(instId).ResetBook(at, CapturedJson.Levels(book, "bids"), CapturedJson.Levels(book, "asks"));
                return true;
            default:
                return false;
        }
    }

    public bool ReadFrame(JsonElement frame, TimeSpan at, CapturedVenue venue)
    {
        if (!frame.TryGetProperty("arg", out var arg) || CapturedJson.String(arg, "channel") is not { } channel) return false;
        var data = Data(frame);
        switch (channel)
        {
            case "funding-rate":
                foreach (var item in data) ReadFunding(item, at, venue);
                return true;
            case "mark-price":
                foreach (var item in data) ReadMark(item, at, venue);
                return true;
            case "index-tickers":
                foreach (var item in data)
                    if (CapturedJson.String(item, "instId") is { } index && CapturedJson.Decimal(item, "idxPx") is { } price)
                    {
                        _indexByName[index] = price;
                        if (venue.TryGet(index + "-SWAP", out var swap)) swap.Observe(at, index: price);
                    }
                return true;
            case "books" or "books5" or "bbo-tbt" or "books50-l2-tbt" or "books-l2-tbt":
                if (CapturedJson.String(arg, "instId") is not { } instId) return false;
                var instrument = venue.Instrument(instId);
                // books5 and bbo-tbt push whole books without an action; books sends "snapshot" then "update"s.
                var update = CapturedJson.String(frame, "action") == "update";
                foreach (var book in data)
                    if (update) instrument.ChangeBook(at, CapturedJson.Levels(book, "bids"), CapturedJson.Levels(book, "asks"));
                    else instrument.ResetBook(at, CapturedJson.Levels(book, "bids"), CapturedJson.Levels(book, "asks"));
                return true;
            default:
                return false;
        }
    }

    private static IEnumerable<JsonElement> Data(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray()
            : [];

    private void ReadFunding(JsonElement item, TimeSpan at, CapturedVenue venue)
    {
        if (CapturedJson.String(item, "instId") is not { } instId) return;
        var instrument = venue.Instrument(instId);
        if (CapturedJson.Long(item, "fundingTime") is { } settles && CapturedJson.Long(item, "nextFundingTime") is { } next && next > settles)
            instrument.FundingIntervalHours = (int)((next - settles) / MillisecondsPerHour);
        instrument.FundingRateCap = CapturedJson.Decimal(item, "maxFundingRate") ?? instrument.FundingRateCap;
        instrument.FundingRateFloor = CapturedJson.Decimal(item, "minFundingRate") ?? instrument.FundingRateFloor;
        var index = IndexOf(instId);
        instrument.Observe(at, index: index, rate: CapturedJson.Decimal(item, "fundingRate"));
    }

    private void ReadMark(JsonElement item, TimeSpan at, CapturedVenue venue)
    {
        if (CapturedJson.String(item, "instId") is { } instId)
            venue.Instrument(instId).Observe(at, mark: CapturedJson.Decimal(item, "markPx"), index: IndexOf(instId));
    }

    private decimal? IndexOf(string instId) =>
        instId.EndsWith("-SWAP", StringComparison.Ordinal) && _indexByName.TryGetValue(instId[..^5], out var price) ? price : null;

    private static void ReadRules(JsonElement item, CapturedVenue venue)
    {
        if (CapturedJson.String(item, "instId") is not { } instId || CapturedJson.String(item, "instType") is not "SWAP") return;
        var instrument = venue.Instrument(instId);
        var parts = instId.Split('-');
        instrument.BaseAsset = CapturedJson.String(item, "ctValCcy") is { Length: > 0 } baseAsset ? baseAsset : parts[0];
        instrument.QuoteAsset = CapturedJson.String(item, "settleCcy") is { Length: > 0 } settle ? settle : parts.Length > 1 ? parts[1] : null;
        instrument.TickSize = CapturedJson.Decimal(item, "tickSz");
        instrument.StepSize = CapturedJson.Decimal(item, "lotSz");
        instrument.MinQty = CapturedJson.Decimal(item, "minSz");
        instrument.MaxQty = CapturedJson.Decimal(item, "maxLmtSz");
        instrument.ContractSize = CapturedJson.Decimal(item, "ctVal");
    }
}
