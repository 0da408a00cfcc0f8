using System.Text.Json;
using FundingArb.VenueSim.Capture;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Scenarios;

/// <summary>Reads and validates scenario files (format: tools/VenueSim/README.md). Every refusal names the field as a
/// JSON path and says what it must be, so a hand-written scenario can be fixed from the message alone.</summary>
public static class ScenarioLoader
{
    private const string DefaultResource = "FundingArb.VenueSim.default-scenario.json";

    /// <summary>The realistic scenario shipped inside the assembly (the paper-mode default).</summary>
    public static Scenario LoadDefault()
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default scenario");
    }

    /// <summary>A scenario file, or a capture (recognised by its first line) played as the market.</summary>
    public static Scenario LoadFile(string path)
    {
        var text = InputFile.Read(path, e => new ScenarioException($"Cannot read scenario file '{path}': {e.Message}", e));
        return CaptureScenario.LooksLikeCapture(text) ? CaptureScenario.Build(text, path) : Parse(text, path);
    }

    public static Scenario Parse(string json, string source = "scenario")
    {
        ScenarioDocument? doc;
        try { doc = JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.ScenarioDocument); }
        catch (JsonException e)
        {
            throw new ScenarioException($"{source}: not a valid scenario document at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}", e);
        }
        if (doc is null) throw new ScenarioException($"{source}: the document is empty; expected an object with \"instruments\".");
        return FromDocument(doc, source);
    }

    /// <summary>Validates <paramref name="doc"/> and applies the defaults; <paramref name="capturedBooks"/> are the books
    /// a capture-built scenario replays.</summary>
    public static Scenario FromDocument(ScenarioDocument doc, string source,
        IReadOnlyDictionary<(VenueKind, string), CapturedBook>? capturedBooks = null)
    {

        TimeSpan? loop = null;
        if (doc.Loop is not null)
        {
            if (!DurationText.TryParse(doc.Loop, out var period) || period <= TimeSpan.Zero)
                throw new ScenarioException($"{source}: $.loop must be a positive duration such as \"24h\", not \"{doc.Loop}\".");
            loop = period;
        }
        if (doc.Instruments is not { Count: > 0 })
            throw new ScenarioException($"{source}: $.instruments must list at least one instrument.");

        var instruments = new List<(InstrumentSpec, MarketPath)>();
        var seen = new HashSet<(VenueKind, string)>();
        for (var i = 0; i < doc.Instruments.Count; i++)
        {
            var at = $"$.instruments[{i}]";
            var (spec, path) = ReadInstrument(doc.Instruments[i], at, loop, source);
            if (!seen.Add((spec.Venue, spec.Symbol)))
                throw new ScenarioException($"{source}: {at} repeats {VenueNames.Of(spec.Venue)} {spec.Symbol}; each venue symbol may appear once.");
            instruments.Add((spec, path));
        }
        return new Scenario(doc.Name ?? "unnamed", doc.Start, instruments, capturedBooks);
    }

    private static (InstrumentSpec, MarketPath) ReadInstrument(InstrumentDocument d, string at, TimeSpan? loop, string source)
    {
        ScenarioException Bad(string field, string rule) => new($"{source}: {at}.{field} {rule}");

        if (!VenueNames.TryParse(d.Venue, out var venue)) throw Bad("venue", "must be \"binance\", \"bybit\" or \"okx\".");
        if (string.IsNullOrWhiteSpace(d.Symbol)) throw Bad("symbol", "must be the venue's own symbol, e.g. \"BTCUSDT\" or \"BTC-USDT-SWAP\".");
        if (string.IsNullOrWhiteSpace(d.Base)) throw Bad("base", "must name the base asset, e.g. \"BTC\".");
        var quote = d.Quote ?? "USDT";
        decimal Positive(decimal? value, string field, decimal? fallback = null)
        {
            var v = value ?? fallback ?? throw Bad(field, "is required and must be a positive number.");
            if (v <= 0) throw Bad(field, $"must be positive, not {v}.");
            return v;
        }
        var tick = Positive(d.TickSize, "tickSize");
        var step = Positive(d.StepSize, "stepSize");
        var minQty = Positive(d.MinQty, "minQty", step);
        var maxQty = Positive(d.MaxQty, "maxQty", 1_000_000m);
        var contract = Positive(d.ContractSize, "contractSize", 1m);
        var minNotional = d.MinNotional ?? 5m;
        if (minNotional < 0) throw Bad("minNotional", "must not be negative.");
        var hours = d.FundingIntervalHours ?? 8;
        if (hours is not (1 or 2 or 4 or 8)) throw Bad("fundingIntervalHours", $"must be 1, 2, 4 or 8, not {hours}.");
        var maxLeverage = d.MaxLeverage ?? 125;
        if (maxLeverage is < 1 or > 200) throw Bad("maxLeverage", "must be between 1 and 200.");
        var mmr = d.MaintenanceMarginRate ?? 0.004m;
        if (mmr is <= 0 or >= 1) throw Bad("maintenanceMarginRate", "must be a fraction between 0 and 1, e.g. 0.004.");
        var taker = d.TakerFee ?? 0.0005m;
        var maker = d.MakerFee ?? 0.0002m;
        if (taker < 0 || taker > 0.01m) throw Bad("takerFee", "must be a fraction between 0 and 0.01.");
        if (maker < -0.01m || maker > 0.01m) throw Bad("makerFee", "must be a fraction between -0.01 and 0.01.");
        var up = d.PercentPriceUp ?? 1.05m;
        var down = d.PercentPriceDown ?? 0.95m;
        if (up <= 1 || down >= 1 || down <= 0) throw Bad("percentPriceUp", "must be above 1 and percentPriceDown between 0 and 1.");
        if (d.FundingRateCap is { } cap && cap <= 0) throw Bad("fundingRateCap", "must be positive.");
        if (d.FundingRateFloor is { } floor && floor >= 0) throw Bad("fundingRateFloor", "must be negative.");

        var book = ReadBook(d.Book, null, $"{at}.book", source);
        if (d.Path is not { Count: > 0 }) throw Bad("path", "must list at least one keyframe.");
        var keyframes = new List<MarketPath.Keyframe>();
        var previousAt = TimeSpan.MinValue;
        var current = book;
        for (var k = 0; k < d.Path.Count; k++)
        {
            var kf = d.Path[k];
            var kat = $"{at}.path[{k}]";
            if (!DurationText.TryParse(kf.At, out var offset))
                throw new ScenarioException($"{source}: {kat}.at must be a duration from the start such as \"0s\" or \"2h30m\", not \"{kf.At}\".");
            if (k == 0 && offset != TimeSpan.Zero) throw new ScenarioException($"{source}: {kat}.at must be \"0s\": the first keyframe is the start.");
            if (offset <= previousAt) throw new ScenarioException($"{source}: {kat}.at must be later than the keyframe before it.");
            if (loop is { } period && offset >= period) throw new ScenarioException($"{source}: {kat}.at lies beyond $.loop; keyframes must fall inside one loop period.");
            previousAt = offset;
            var mark = kf.Mark ?? throw new ScenarioException($"{source}: {kat}.mark is required (the mark price).");
            if (mark <= 0) throw new ScenarioException($"{source}: {kat}.mark must be positive.");
            var index = kf.Index ?? mark;
            if (index <= 0) throw new ScenarioException($"{source}: {kat}.index must be positive.");
            var rate = kf.Rate ?? throw new ScenarioException($"{source}: {kat}.rate is required (the funding rate per interval, e.g. 0.0001).");
            if (Math.Abs(rate) >= 0.05m) throw new ScenarioException($"{source}: {kat}.rate {rate} is absurd; per-interval rates stay well below 5%.");
            if (d.FundingRateCap is { } c && rate > c) throw new ScenarioException($"{source}: {kat}.rate {rate} is above fundingRateCap {c}.");
            if (d.FundingRateFloor is { } f && rate < f) throw new ScenarioException($"{source}: {kat}.rate {rate} is below fundingRateFloor {f}.");
            if (kf.Book is not null) current = ReadBook(kf.Book, current, $"{kat}.book", source);
            keyframes.Add(new MarketPath.Keyframe(offset, new MarketPoint(mark, index, rate, current)));
        }

        var spec = new InstrumentSpec
        {
            Venue = venue,
            Symbol = d.Symbol,
            BaseAsset = d.Base,
            QuoteAsset = quote,
            TickSize = tick,
            StepSize = step,
            MinQty = minQty,
            MaxQty = maxQty,
            MinNotional = minNotional,
            ContractSize = contract,
            FundingInterval = TimeSpan.FromHours(hours),
            FundingRateCap = d.FundingRateCap,
            FundingRateFloor = d.FundingRateFloor,
            InterestRate = d.InterestRate ?? 0.0001m * hours / 8,
            MaxLeverage = maxLeverage,
            MaintenanceMarginRate = mmr,
            TakerFeeRate = taker,
            MakerFeeRate = maker,
            PercentPriceUp = up,
            PercentPriceDown = down,
            Book = book,
        };
        return (spec, new MarketPath(keyframes, loop));
    }

    private static BookShape ReadBook(BookDocument? d, BookShape? inherit, string at, string source)
    {
        ScenarioException Bad(string field, string rule) => new($"{source}: {at}.{field} {rule}");
        var levels = d?.Levels ?? inherit?.Levels ?? 20;
        if (levels is < 1 or > 1000) throw Bad("levels", "must be between 1 and 1000.");
        var spread = d?.SpreadTicks ?? inherit?.SpreadTicks ?? 1;
        if (spread < 1) throw Bad("spreadTicks", "must be at least 1 (bid and ask never touch).");
        var step = d?.StepTicks ?? inherit?.StepTicks ?? 1;
        if (step < 1) throw Bad("stepTicks", "must be at least 1.");
        var size = d?.Size ?? inherit?.Size ?? throw Bad("size", "is required: the quantity resting at the best level.");
        if (size <= 0) throw Bad("size", "must be positive.");
        var growth = d?.Growth ?? inherit?.Growth ?? 1m;
        if (growth is <= 0 or > 10) throw Bad("growth", "must be between 0 and 10 (1 = equal sizes).");
        var jitter = d?.Jitter ?? inherit?.Jitter ?? 0m;
        if (jitter is < 0 or >= 1) throw Bad("jitter", "must be a fraction in [0, 1).");
        return new BookShape(levels, spread, step, size, growth, jitter);
    }
}
