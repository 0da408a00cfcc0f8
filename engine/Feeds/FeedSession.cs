using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Turns one venue's frames into published events: parse into claimed slots, check book sequencing,
/// then publish the frame's events together, or void them all. Live connections, replay and <c>decode</c> all
/// drive a session, so every mode applies the same rules.</summary>
/// <remarks>
/// Single-threaded: one session per receiving thread. Book events out of sequence never reach the consumer: a
/// duplicate or stale one is voided; on a gap the frame's first slot becomes
/// <see cref="MarketEventKind.BookInvalidated"/>, the book's sequence is reset and <see cref="IBookRecovery"/> asked
/// for a snapshot. Deltas that precede their snapshot (<see cref="BookSyncVerdict.Buffer"/>) are held and replayed,
/// through the same check, right after the snapshot. No exception escapes <see cref="OnFrame"/>: a parser fault
/// counts as malformed input.
/// </remarks>
public sealed class FeedSession
{
    private readonly VenueId _venue;
    private readonly IMarketFrameParser _parser;
    private readonly IBookSync _sync;
    private readonly MarketEventSink _sink;
    private readonly IBookRecovery? _recovery;
    private PendingBookEvents?[] _pending = [];
    private PendingBookEvents?[] _spare = [];

    public FeedSession(VenueId venue, IMarketFrameParser parser, IBookSync sync, MarketEventSink sink,
        FeedCounters counters, IBookRecovery? recovery = null)
    {
        _venue = venue;
        _parser = parser;
        _sync = sync;
        _sink = sink;
        Counters = counters;
        _recovery = recovery;
    }

    public FeedCounters Counters { get; }

    /// <summary>The instrument's book has a snapshot and every update since was in sequence.</summary>
    public bool IsBookSynced(InstrumentId instrument) => _sync.IsSynced(instrument);

    /// <summary>One WebSocket message, received at <paramref name="receivedTimestamp"/> (engine clock ticks).</summary>
    public FrameResult OnFrame(ReadOnlySpan<byte> frame, long receivedTimestamp)
    {
        Counters.CountReceived();
        _sink.Begin(_venue, receivedTimestamp);
        try
        {
            return Complete(_parser.Parse(frame, _sink));
        }
        catch (Exception)
        {
            return Fault(); // parsers catch JsonException themselves: this is a bug
        }
    }

    /// <summary>The body of a REST market-data answer (depth snapshot, funding) for <paramref name="pathAndQuery"/>.</summary>
    public FrameResult OnRest(ReadOnlySpan<char> pathAndQuery, ReadOnlySpan<byte> body, long receivedTimestamp)
    {
        Counters.CountReceived();
        _sink.Begin(_venue, receivedTimestamp);
        try
        {
            return Complete(_parser.ParseRest(pathAndQuery, body, _sink));
        }
        catch (Exception)
        {
            return Fault();
        }
    }

    /// <summary>The connection carrying these instruments' books dropped: every one of them is lost until its next
    /// snapshot. Publishes a <see cref="MarketEventKind.BookInvalidated"/> for each that was in sync.</summary>
    public void OnDisconnected(ReadOnlySpan<InstrumentId> instruments, long timestamp)
    {
        foreach (var instrument in instruments)
        {
            var wasSynced = _sync.IsSynced(instrument);
            _sync.Reset(instrument);
            PendingFor(instrument)?.Clear();
            if (!wasSynced) continue;
            _sink.Begin(_venue, timestamp);
            ref var evt = ref _sink.Claim(MarketEventKind.BookInvalidated);
            evt.Instrument = instrument;
            _sink.Commit();
        }
    }

    /// <summary>Something threw with slots claimed: publish them void (an unpublished claim would stall the ring).</summary>
    private FrameResult Fault()
    {
        if (_sink.Count > 0) _sink.Abort();
        Counters.Count(FrameIssue.ParserFault);
        return FrameResult.Bad(FrameIssue.ParserFault);
    }

    private FrameResult Complete(FrameResult result)
    {
        if (_sink.RingFull) result = FrameResult.Bad(FrameIssue.RingFull);
        else if (_sink.Overflowed) result = FrameResult.Bad(FrameIssue.TooManyLevels);
        if (!result.IsUsable)
        {
            _sink.Abort();
            Counters.Count(result.Issue);
            return result;
        }
        InstrumentId snapshotApplied = default;
        var published = 0;
        for (var i = 0; i < _sink.Count;)
        {
            ref var evt = ref _sink[i];
            var parts = PartsFrom(i);
            if (evt.Kind is MarketEventKind.BookSnapshot or MarketEventKind.BookDelta)
            {
                var verdict = _sync.Check(evt, out var issue);
                if (verdict == BookSyncVerdict.Apply)
                {
                    if (evt.Kind == MarketEventKind.BookSnapshot) snapshotApplied = evt.Instrument;
                    published += parts;
                }
                else
                {
                    Divert(i, parts, verdict, issue);
                }
            }
            else if (evt.Kind != MarketEventKind.None)
            {
                published++;
            }
            i += parts;
        }
        _sink.Commit();
        Counters.CountEvents(published);
        if (!snapshotApplied.IsNone) ReplayPending(snapshotApplied);
        return result;
    }

    /// <summary>Number of slots, from <paramref name="first"/>, that belong to the same book frame (its parts).</summary>
    private int PartsFrom(int first)
    {
        var n = 1;
        while (first + n < _sink.Count && BookUpdate.Continues(_sink[first + n - 1].Book, _sink[first + n].Book)) n++;
        return n;
    }

    private void Divert(int first, int parts, BookSyncVerdict verdict, FrameIssue issue)
    {
        ref var head = ref _sink[first];
        var instrument = head.Instrument;
        if (verdict != BookSyncVerdict.Buffer) Counters.Count(issue);
        if (verdict == BookSyncVerdict.Resync)
        {
            PendingFor(instrument)?.Clear();
            // The sequence is reset now. Where deltas wait for a REST snapshot (Binance), the delta that revealed the gap
            // may be the one that bridges to that snapshot: keep it, as the venue's "continue buffering" says.
            if (_sync.Check(head, out _) == BookSyncVerdict.Buffer) verdict = BookSyncVerdict.Buffer;
            _recovery?.RequestSnapshot(instrument);
        }
        if (verdict == BookSyncVerdict.Buffer)
        {
            var pending = PendingFor(instrument, create: true)!;
            for (var p = 0; p < parts; p++) pending.Add(_sink[first + p]);
        }
        for (var p = 0; p < parts; p++) _sink[first + p].Kind = MarketEventKind.None;
        if (issue is FrameIssue.SequenceGap or FrameIssue.ChecksumMismatch)
        {
            head.Kind = MarketEventKind.BookInvalidated; // tell the consumer the book it holds is lost
            head.Instrument = instrument;
        }
    }

    /// <summary>Re-checks, in arrival order, the deltas held while the snapshot was on the way. They are taken out
    /// first, so that a gap found during the replay can hold its bridging delta again; what was held after the gap goes
    /// back behind it, in order, for the next snapshot.</summary>
    private void ReplayPending(InstrumentId instrument)
    {
        if (PendingFor(instrument) is not { Count: > 0 }) return;
        var replay = TakePending(instrument);
        var i = 0;
        while (i < replay.Count)
        {
            if (replay[i].Book.Part != 0)
            {
                i++; // never replay part of an event (PendingBookEvents evicts whole events; this is the safety net)
                continue;
            }
            _sink.Begin(_venue, replay[i].ReceivedTimestamp);
            do
            {
                ref var slot = ref _sink.Claim(replay[i].Kind);
                slot = replay[i];
                i++;
            } while (i < replay.Count && BookUpdate.Continues(replay[i - 1].Book, replay[i].Book));
            Complete(FrameResult.MarketData);
            if (!_sync.IsSynced(instrument)) break; // a gap: a new snapshot is on its way
        }
        var held = PendingFor(instrument, create: true)!;
        for (; i < replay.Count; i++) held.Add(replay[i]);
        replay.Clear();
    }

    /// <summary>The instrument's held deltas, replaced by an empty buffer (the two are swapped, never reallocated).</summary>
    private PendingBookEvents TakePending(InstrumentId instrument)
    {
        var index = instrument.Index;
        if (_spare.Length < _pending.Length) Array.Resize(ref _spare, _pending.Length);
        var held = _pending[index]!;
        _pending[index] = _spare[index] ?? new PendingBookEvents();
        _spare[index] = held;
        return held;
    }

    private PendingBookEvents? PendingFor(InstrumentId instrument, bool create = false)
    {
        var index = instrument.Index;
        if (index < 0) return null;
        if (index >= _pending.Length)
        {
            if (!create) return null;
            Array.Resize(ref _pending, Math.Max(index + 1, _pending.Length * 2));
        }
        return create ? _pending[index] ??= new PendingBookEvents() : _pending[index];
    }
}
