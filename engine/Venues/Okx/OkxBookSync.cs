using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>OKX order-book sequencing ("Sequence ID", books channel docs), per instrument.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A snapshot (<c>books</c> <c>"action":"snapshot"</c>, <c>books5</c>, REST) is applied and starts the chain at its
/// <c>seqId</c> — unless its non-zero <c>checksum</c> differs from the CRC32 the parser computed over the frame's first 25
/// levels (<see cref="BookUpdate.ComputedChecksum"/>, see <see cref="OkxMarketParser"/>): Resync/ChecksumMismatch.</item>
/// <item>"The <c>prevSeqId</c> in the new message matches with <c>seqId</c> of the previous message": an update whose
/// <c>prevSeqId</c> is the last applied <c>seqId</c> is applied. That one rule also admits both documented exceptions:
/// (1) the idle heartbeat after ~60 s, "<c>'asks': [], 'bids': []</c> … <c>seqId</c> is the same as the last sent message
/// and <c>prevSeqId</c> equals to <c>seqId</c>" (an empty delta, applied: it proves the book is current), and
/// (2) the maintenance reset, "an incremental message with <c>seqId</c> smaller than <c>prevSeqId</c>. However, subsequent
/// messages will follow the regular sequencing rule" — the chain continues from the new, smaller <c>seqId</c>.</item>
/// <item>An update with <c>seqId</c> ≤ the last and <c>prevSeqId</c> &lt; the last, and no newer <c>ts</c> than the last
/// applied, is a replay of one already applied (or one of an old subscription still in flight after a resubscription's
/// snapshot): Drop/Duplicate. The <c>ts</c> condition matters after a maintenance reset whose first message was lost:
/// the following messages also have small ids below the last, but they are new — without it they would all be dropped
/// as "duplicates" while the book silently stopped moving; with it they are the gap they are.</item>
/// <item>Any other <c>prevSeqId</c> is a gap: Resync/SequenceGap.</item>
/// <item>Updates before the first snapshot, or after a Resync or <see cref="Reset"/>: Drop/AwaitingSnapshot (the
/// stream sends a snapshot on subscription, so nothing is buffered; recovery resubscribes).</item>
/// </list>
/// State is three arrays indexed by <see cref="InstrumentId.Index"/>, grown on first sight of an instrument.
/// </remarks>
public sealed class OkxBookSync : IBookSync
{
    private long[] _lastSeqId = new long[16];
    private long[] _lastTimeMs = new long[16];
    private bool[] _synced = new bool[16];

    public BookSyncVerdict Check(in MarketEvent evt, out FrameIssue issue)
    {
        if (evt.Instrument.IsNone)
        {
            issue = FrameIssue.UnknownSymbol;
            return BookSyncVerdict.Drop;
        }
        var i = evt.Instrument.Index;
        EnsureCapacity(i);
        ref readonly var book = ref evt.Book;
        switch (evt.Kind)
        {
            case MarketEventKind.BookSnapshot:
                if (book.Checksum != 0 && book.ComputedChecksum != book.Checksum)
                {
                    _synced[i] = false;
                    issue = FrameIssue.ChecksumMismatch;
                    return BookSyncVerdict.Resync;
                }
                _synced[i] = true;
                _lastSeqId[i] = book.UpdateId;
                _lastTimeMs[i] = evt.ExchangeTimeMs;
                issue = FrameIssue.None;
                return BookSyncVerdict.Apply;

            case MarketEventKind.BookDelta:
                if (!_synced[i])
                {
                    issue = FrameIssue.AwaitingSnapshot;
                    return BookSyncVerdict.Drop;
                }
                var last = _lastSeqId[i];
                if (book.PrevUpdateId == last)
                {
                    _lastSeqId[i] = book.UpdateId;
                    _lastTimeMs[i] = evt.ExchangeTimeMs;
                    issue = FrameIssue.None;
                    return BookSyncVerdict.Apply;
                }
                if (book.UpdateId <= last && book.PrevUpdateId < last && evt.ExchangeTimeMs <= _lastTimeMs[i])
                {
                    issue = FrameIssue.Duplicate;
                    return BookSyncVerdict.Drop;
                }
                _synced[i] = false;
                issue = FrameIssue.SequenceGap;
                return BookSyncVerdict.Resync;

            case MarketEventKind.BookInvalidated:
                _synced[i] = false;
                issue = FrameIssue.None;
                return BookSyncVerdict.Apply;

            default:
                issue = FrameIssue.UnexpectedShape;
                return BookSyncVerdict.Drop;
        }
    }

    public void Reset(InstrumentId instrument)
    {
        if (instrument.IsNone || instrument.Index >= _synced.Length) return;
        _synced[instrument.Index] = false;
    }

    public bool IsSynced(InstrumentId instrument) =>
        !instrument.IsNone && instrument.Index < _synced.Length && _synced[instrument.Index];

    /// <summary>The last applied <c>seqId</c> of a synced instrument (for status and tests).</summary>
    public bool TryGetLastSeqId(InstrumentId instrument, out long seqId)
    {
        var synced = IsSynced(instrument);
        seqId = synced ? _lastSeqId[instrument.Index] : 0;
        return synced;
    }

    private void EnsureCapacity(int index)
    {
        if (index < _synced.Length) return;
        var size = Math.Max(index + 1, _synced.Length * 2);
        Array.Resize(ref _synced, size);
        Array.Resize(ref _lastSeqId, size);
        Array.Resize(ref _lastTimeMs, size);
    }
}
