using System.Text;
using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Replay;

/// <summary><c>funding-arb replay</c>: a capture in its text form through the same venue parsers, book sequencing and
/// decision core as live, on a virtual clock whose time is each line's <c>t</c>. Decision records go to the output in
/// capture order; two runs over one capture write the same bytes.</summary>
/// <remarks>Single-threaded by design: events go from the parser straight into the core (no ring), each capture line
/// ends a batch, and nothing reads the machine clock, so the output depends on the capture and the config alone. A
/// <c>rest</c> line is handed to the code that handles the live REST answer: depth snapshots and funding answers to the
/// feed session, instrument metadata to the venue's metadata parser and then the core. Orders are not simulated yet:
/// a pair that opens keeps its place in the risk book (so it is counted once, then RISK_LIMIT).</remarks>
public sealed class CaptureReplay : IDisposable
{
    private readonly InstrumentRegistry _registry = new();
    private readonly VirtualClock _clock = new(startUnixNs: 1);
    private readonly Dictionary<string, (VenueId Id, IMarketDataVenue Venue, FeedSession Session)> _venues = new(StringComparer.Ordinal);
    private readonly Dictionary<VenueId, HashSet<string>> _metadataPaths = [];
    private readonly CaptureSymbols _symbols;
    private readonly DecisionCore _core;
    private readonly TextWriter _errors;
    private readonly DecisionRecordWriter _records;

    /// <param name="decisions">Where the decision records go, as JSON Lines.</param>
    public CaptureReplay(DecisionConfig config, Stream decisions, TextWriter errors)
    {
        _errors = errors;
        _records = new DecisionRecordWriter(_registry, decisions);
        var descriptors = new Dictionary<VenueId, IMarketDataVenue>();
        // Venue ids in name order, whatever order the venues registered in: ids must not depend on start-up details.
        foreach (var venue in VenueDirectory.All.OrderBy(v => v.Name, StringComparer.Ordinal))
            descriptors[_registry.AddVenue(venue.Name)] = venue;
        _symbols = new CaptureSymbols(_registry, descriptors);
        _core = new DecisionCore(config, _registry, [.. descriptors.Keys], _clock, _records);
        var sink = new ReplayEventSink(_core);
        foreach (var (id, venue) in descriptors)
        {
            _venues[venue.Name] = (id, venue, new FeedSession(id, venue.CreateParser(id, _symbols), venue.CreateBookSync(), sink, new FeedCounters()));
            // The paths (not queries) of the venue's metadata requests: a rest line on one of them is metadata.
            _metadataPaths[id] = venue.MetadataRequests(["BTCUSDT"]).Select(r => r.Split('?')[0]).ToHashSet(StringComparer.Ordinal);
        }
    }

    public InstrumentRegistry Registry => _registry;
    public DecisionCore Core => _core;
    public long Lines { get; private set; }
    /// <summary>Lines that are not capture lines, or name an unknown venue, or carry metadata the venue's parser refuses.</summary>
    public long RefusedLines { get; private set; }
    public long FramesReceived => _venues.Values.Sum(v => v.Session.Counters.Received);
    public long FramesMalformed => _venues.Values.Sum(v => v.Session.Counters.Malformed);
    public long FramesDropped => _venues.Values.Sum(v => v.Session.Counters.Dropped);

    /// <summary>Flushes the decision records written so far.</summary>
    public void Dispose() => _records.Dispose();

    public void Run(TextReader capture)
    {
        var bytes = new byte[4096];
        var frame = new byte[4096];
        var lineNumber = 0L;
        while (capture.ReadLine() is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            Lines++;
            var length = Encoding.UTF8.GetByteCount(text);
            if (bytes.Length < length) bytes = new byte[Math.Max(length, bytes.Length * 2)];
            Encoding.UTF8.GetBytes(text, bytes);
            if (!CaptureLine.TryParse(bytes.AsSpan(0, length), ref frame, out var line, out var error))
            {
                Refuse(lineNumber, error);
                continue;
            }
            if (!_venues.TryGetValue(line.Venue, out var venue))
            {
                Refuse(lineNumber, $"unknown venue '{line.Venue}'; known: {string.Join(", ", _venues.Keys.Order(StringComparer.Ordinal))}");
                continue;
            }
            if (line.Time < _clock.UnixNanoseconds)
                _errors.WriteLine($"line {lineNumber}: note: t = {line.Time} is earlier than the line before; replayed at that line's time");
            else _clock.AdvanceTo(line.Time);
            var received = _clock.GetTimestamp();
            if (line.Rest is { } rest) Rest(lineNumber, venue.Id, venue.Venue, venue.Session, rest, line.FrameBytes, received);
            else
            {
                var result = venue.Session.OnFrame(line.FrameBytes, received);
                if (!result.IsUsable && (int)result.Issue < (int)FrameIssue.UnknownSymbol)
                    _errors.WriteLine($"line {lineNumber}: {FrameIssueText.Describe(result.Issue)}");
            }
            _core.EvaluateDirty();
        }
        _records.Flush();
    }

    private void Rest(long lineNumber, VenueId id, IMarketDataVenue venue, FeedSession session, string pathAndQuery,
        ReadOnlySpan<byte> body, long received)
    {
        // One answer may be both: OKX's funding-rate carries the current rate (market data) and the interval (metadata).
        var result = session.OnRest(pathAndQuery, body, received);
        if (!result.IsUsable && result.Class != FrameClass.VenueError && (int)result.Issue < (int)FrameIssue.UnknownSymbol)
            _errors.WriteLine($"line {lineNumber}: {pathAndQuery}: {FrameIssueText.Describe(result.Issue)}");
        if (!_metadataPaths[id].Contains(pathAndQuery.Split('?')[0])) return;
        IReadOnlyList<InstrumentSpec> specs;
        try
        {
            specs = venue.ParseMetadata(pathAndQuery, body);
        }
        catch (FormatException e)
        {
            Refuse(lineNumber, $"{pathAndQuery}: {e.Message}");
            return;
        }
        foreach (var spec in specs)
            if (_symbols.TryResolve(id, spec, out var instrument)) _core.ApplySpec(id, instrument, spec);
    }

    private void Refuse(long lineNumber, string reason)
    {
        RefusedLines++;
        _errors.WriteLine($"line {lineNumber}: {reason}");
    }
}
