using System.Text.Json;
using FundingArb.VenueSim.Binance;
using FundingArb.VenueSim.Bybit;
using FundingArb.VenueSim.Okx;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.VenueSim.Capture;

/// <summary>A capture (DESIGN.md's text form: one <c>{"t","venue","frame"[,"rest"]}</c> per line) played as the
/// simulator's market: each instrument's mark, index and funding rate step where the capture's did, and its book is the
/// captured one. The timeline starts when the simulator starts (the capture's first line is offset 0). Frames are read
/// by the simulator's own per-venue readers, never by the engine's parsers.</summary>
public static class CaptureScenario
{
    /// <summary>A capture line's receive time is unix nanoseconds; anything smaller is some other unit.</summary>
    private const long MinNanoseconds = 1_000_000_000_000_000_000;

    /// <summary>True when the first non-blank line is a capture line rather than the start of a scenario object.</summary>
    public static bool LooksLikeCapture(string text)
    {
        using var lines = new StringReader(text);
        while (lines.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("t", out _)
                    && root.TryGetProperty("venue", out _) && root.TryGetProperty("frame", out _);
            }
            catch (JsonException)
            {
                return false; // a scenario object spans several lines, so its first line alone is not JSON
            }
        }
        return false;
    }

    /// <summary>Builds the scenario. A line that is not a capture line is refused with its number; frames no reader
    /// knows (acks, pongs, other channels) and instruments the capture cannot drive are listed in
    /// <see cref="Scenario.Notes"/>.</summary>
    public static Scenario Build(string text, string source)
    {
        var venues = new Dictionary<VenueKind, CapturedVenue>();
        var ignored = new Dictionary<VenueKind, int>();
        var readers = new Dictionary<VenueKind, ICapturedFrameReader>();
        long? first = null;
        var number = 0;
        using (var lines = new StringReader(text))
            while (lines.ReadLine() is { } line)
            {
                number++;
                if (line.Trim().Length == 0) continue;
                var (t, venue, frame, rest) = ReadLine(line, number, source);
                first ??= t;
                if (t < first) throw new ScenarioException($"{source}: line {number}: t {t} is earlier than the first line's; a capture is in receive order.");
                var at = TimeSpan.FromTicks((t - first.Value) / 100);
                if (!venues.TryGetValue(venue, out var captured)) venues[venue] = captured = new CapturedVenue(venue);
                bool read;
                try
                {
                    using var doc = JsonDocument.Parse(frame);
                    if (!readers.TryGetValue(venue, out var reader)) readers[venue] = reader = ReaderOf(venue);
                    read = rest is null ? reader.ReadFrame(doc.RootElement, at, captured) : reader.ReadRest(rest, doc.RootElement, at, captured);
                }
                catch (JsonException)
                {
                    read = false; // a malformed frame is counted, as the engine counts it, and the replay goes on
                }
                if (!read) ignored[venue] = ignored.GetValueOrDefault(venue) + 1;
            }

        var notes = new List<string>();
        var document = new ScenarioDocument { Name = $"capture {Path.GetFileName(source)}", Instruments = [] };
        var books = new Dictionary<(VenueKind, string), CapturedBook>();
        foreach (var venue in venues.Values.OrderBy(v => v.Venue))
        {
            foreach (var instrument in venue.Instruments.Where(i => i.HasMarketData))
            {
                if (instrument.ToDocument(out var whyNot) is not { } instrumentDocument)
                {
                    notes.Add($"{VenueNames.Of(venue.Venue)} {instrument.Symbol} not simulated: {whyNot}.");
                    continue;
                }
                document.Instruments.Add(instrumentDocument);
                if (instrument.Book.Count > 0) books[(venue.Venue, instrument.Symbol)] = instrument.Book;
                else notes.Add($"{VenueNames.Of(venue.Venue)} {instrument.Symbol}: no book in the capture; its book is drawn around the mark.");
            }
            if (ignored.GetValueOrDefault(venue.Venue) is > 0 and var count)
                notes.Add($"{VenueNames.Of(venue.Venue)}: {count} line(s) carried no market data the simulator could use (acks, pongs, other channels, malformed frames, book diffs without a snapshot they continue).");
        }
        if (document.Instruments.Count == 0)
            throw new ScenarioException($"{source}: the capture drives no instrument: {(notes.Count == 0 ? "it has no market data" : string.Join(" ", notes))}");

        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.FromDocument(document, source, books);
        }
        catch (ScenarioException e)
        {
            var at = e.Message.IndexOf("$.instruments[", StringComparison.Ordinal);
            var which = at >= 0 && int.TryParse(e.Message.AsSpan(at + 14, e.Message.IndexOf(']', at) - at - 14), out var i)
                ? $" ({document.Instruments[i].Venue} {document.Instruments[i].Symbol})" : "";
            throw new ScenarioException($"{e.Message}{which} — the capture's values for this instrument cannot be simulated.", e);
        }
        scenario.Notes = notes;
        return scenario;
    }

    /// <summary>A fresh reader per capture: readers keep per-stream state (a diff stream's last update id).</summary>
    private static ICapturedFrameReader ReaderOf(VenueKind venue) => venue switch
    {
        VenueKind.Binance => new BinanceCapturedFrames(),
        VenueKind.Bybit => new BybitCapturedFrames(),
        VenueKind.Okx => new OkxCapturedFrames(),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, null),
    };

    private static (long T, VenueKind Venue, string Frame, string? RestPath) ReadLine(string line, int number, string source)
    {
        ScenarioException Bad(string why) => new($"{source}: line {number}: {why}; a capture line is {{\"t\": <unix ns>, \"venue\": \"binance|bybit|okx\", \"frame\": \"<raw text>\"[, \"rest\": \"<path?query>\"]}}.");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e) { throw Bad($"not JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad("not an object");
            if (!root.TryGetProperty("t", out var t) || !t.TryGetInt64(out var ns) || ns < MinNanoseconds) throw Bad("\"t\" must be the receive time in unix nanoseconds");
            if (CapturedJson.String(root, "venue") is not { } name || !VenueNames.TryParse(name, out var venue)) throw Bad("\"venue\" must be binance, bybit or okx");
            if (CapturedJson.String(root, "frame") is not { } frame) throw Bad("\"frame\" must be the raw frame as a string");
            var rest = root.TryGetProperty("rest", out var r) ? r.ValueKind == JsonValueKind.String ? r.GetString() : throw Bad("\"rest\" must be a path string") : null;
            return (ns, venue, frame, rest);
        }
    }
}
