using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Host;

/// <summary><c>funding-arb decode</c>: raw frames in, one line per line number, one JSON object per normalised event out
/// (DESIGN.md's decode contract). Frames go through the same <see cref="FeedSession"/> and venue parser as the engine;
/// funding deltas are merged onto what came before, as the decision core merges them.</summary>
public sealed class FrameDecoder
{
    private readonly IMarketDataVenue _venue;
    private readonly InstrumentRegistry _registry = new();
    private readonly VenueId _venueId;
    private readonly BufferedEventSink _sink = new();
    private readonly DecodeBookSync _bookSync;
    private readonly DecodeSymbolResolver _symbols;
    private readonly FeedSession _session;
    private FundingState[] _funding = [];

    public FrameDecoder(IMarketDataVenue venue)
    {
        _venue = venue;
        _venueId = _registry.AddVenue(venue.Name);
        _bookSync = new DecodeBookSync(venue.CreateBookSync());
        _symbols = new DecodeSymbolResolver(_registry, venue);
        var parser = venue.CreateParser(_venueId, _symbols);
        _session = new FeedSession(_venueId, parser, _bookSync, _sink, new FeedCounters());
    }

    public FeedCounters Counters => _session.Counters;

    /// <summary>Decodes every line of <paramref name="input"/>; events to <paramref name="output"/>, problems to
    /// <paramref name="errors"/> as <c>line N: reason</c>. Returns the number of lines refused.</summary>
    public int Run(TextReader input, Stream output, TextWriter errors)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var refused = 0;
        var lineNumber = 0;
        var bytes = new byte[4096];
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var length = Encoding.UTF8.GetByteCount(line);
            if (length > bytes.Length) bytes = new byte[Math.Max(length, bytes.Length * 2)];
            Encoding.UTF8.GetBytes(line, bytes);
            _bookSync.Objections.Clear();
            var result = _session.OnFrame(bytes.AsSpan(0, length), receivedTimestamp: lineNumber);
            if (!result.IsUsable)
            {
                if (result.Class == FrameClass.VenueError)
                    errors.WriteLine($"line {lineNumber}: the venue reports an error: {Shorten(line)}");
                else
                {
                    refused++;
                    errors.WriteLine($"line {lineNumber}: {FrameIssueText.Describe(result.Issue)}");
                }
                continue;
            }
            foreach (var (instrument, verdict, issue) in _bookSync.Objections)
                errors.WriteLine($"line {lineNumber}: note: {_registry.Canonical(instrument)}: {FrameIssueText.Describe(issue)}; the engine would " +
                                 (verdict == BookSyncVerdict.Resync ? "drop its book and resync" : "drop this update"));
            var events = _sink.Committed;
            for (var i = 0; i < events.Length;)
            {
                var parts = 1;
                while (i + parts < events.Length && BookUpdate.Continues(events[i + parts - 1].Book, events[i + parts].Book)) parts++;
                if (events[i].Kind != MarketEventKind.None)
                {
                    Write(json, events.Slice(i, parts));
                    json.Flush();
                    output.WriteByte((byte)'\n');
                    json.Reset();
                }
                i += parts;
            }
        }
        output.Flush();
        return refused;
    }

    /// <summary>One event; a book split into parts across slots is written as the one book it is.</summary>
    private void Write(Utf8JsonWriter json, ReadOnlySpan<MarketEvent> parts)
    {
        ref readonly var evt = ref parts[0];
        json.WriteStartObject();
        json.WriteString("venue", _venue.Name);
        json.WriteString("symbol", _symbols.SymbolOf(evt.Instrument));
        json.WriteString("instrument", _registry.Canonical(evt.Instrument));
        switch (evt.Kind)
        {
            case MarketEventKind.Funding:
                json.WriteString("kind", "funding");
                json.WriteNumber("exchTime", evt.ExchangeTimeMs);
                ref var state = ref FundingOf(evt.Instrument);
                state.Apply(evt);
                WriteFunding(json, state.Latest);
                break;
            case MarketEventKind.BookSnapshot or MarketEventKind.BookDelta:
                json.WriteString("kind", evt.Kind == MarketEventKind.BookSnapshot ? "book_snapshot" : "book_delta");
                json.WriteNumber("exchTime", evt.ExchangeTimeMs);
                WriteLevels(json, "bids", parts, BookSideKind.Bid);
                WriteLevels(json, "asks", parts, BookSideKind.Ask);
                _venue.WriteSequenceFields(json, evt);
                break;
            default:
                json.WriteString("kind", "book_invalidated");
                break;
        }
        json.WriteEndObject();
    }

    private static void WriteFunding(Utf8JsonWriter json, in FundingUpdate funding)
    {
        Span<byte> digits = stackalloc byte[FixedPoint.MaxFormattedLength];
        if (funding.Has(FundingFields.MarkPrice) && funding.MarkPrice.TryFormat(digits, out var n)) json.WriteString("markPrice", digits[..n]);
        if (funding.Has(FundingFields.IndexPrice) && funding.IndexPrice.TryFormat(digits, out n)) json.WriteString("indexPrice", digits[..n]);
        if (funding.Has(FundingFields.Rate) && funding.Rate.TryFormat(digits, out n)) json.WriteString("fundingRate", digits[..n]);
        if (funding.Has(FundingFields.NextFundingTime)) json.WriteNumber("nextFundingTime", funding.NextFundingTimeMs);
        if (funding.Has(FundingFields.IntervalHours)) json.WriteNumber("fundingIntervalHours", funding.IntervalHours);
    }

    private static void WriteLevels(Utf8JsonWriter json, string name, ReadOnlySpan<MarketEvent> parts, BookSideKind side)
    {
        Span<byte> digits = stackalloc byte[FixedPoint.MaxFormattedLength];
        json.WriteStartArray(name);
        foreach (ref readonly var part in parts)
        {
            foreach (ref readonly var level in side == BookSideKind.Bid ? part.Book.BidLevels : part.Book.AskLevels)
            {
                json.WriteStartArray();
                level.Price.TryFormat(digits, out var n);
                json.WriteStringValue(digits[..n]);
                level.Quantity.TryFormat(digits, out n);
                json.WriteStringValue(digits[..n]);
                json.WriteEndArray();
            }
        }
        json.WriteEndArray();
    }

    private ref FundingState FundingOf(InstrumentId instrument)
    {
        if (instrument.Index >= _funding.Length) Array.Resize(ref _funding, Math.Max(instrument.Index + 1, _funding.Length * 2));
        return ref _funding[instrument.Index];
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
