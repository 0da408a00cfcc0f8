using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>Binance USDⓈ-M order-book sequencing, per instrument, as the official page "How to manage a local order book
/// correctly" (websocket-market-streams/How-to-manage-a-local-order-book-correctly) prescribes for futures.</summary>
/// <remarks>
/// <list type="number">
/// <item>Until a snapshot is applied, diff events are buffered ("Buffer the events you receive from the stream"):
/// <see cref="BookSyncVerdict.Buffer"/> with <see cref="FrameIssue.AwaitingSnapshot"/>; the feed replays them after it.</item>
/// <item>A snapshot (REST <c>/fapi/v1/depth</c>, or a partial-depth top-of-book frame) is applied and its id remembered
/// (<c>lastUpdateId</c> → <see cref="BookUpdate.UpdateId"/>). One older than what the book already holds is dropped
/// (<see cref="FrameIssue.OutOfOrder"/>): applying it would move the book backwards.</item>
/// <item>"Drop any event where u is &lt; lastUpdateId in the snapshot": <see cref="BookSyncVerdict.Drop"/>,
/// <see cref="FrameIssue.OutOfOrder"/>.</item>
/// <item>"The first processed event should have U &lt;= lastUpdateId AND u &gt;= lastUpdateId". One more case is accepted,
/// as ccxt does: <c>pu == lastUpdateId</c> (the event continues exactly where the snapshot ends; Binance's REST
/// <c>lastUpdateId</c> is often the previous event's <c>u</c>, and that event may have gone before the buffer began,
/// e.g. the very event whose gap caused the resync; refusing it would resync forever on a quiet book). Anything else
/// (<c>U &gt; lastUpdateId</c> and <c>pu ≠ lastUpdateId</c>) is a gap: <see cref="BookSyncVerdict.Resync"/>,
/// <see cref="FrameIssue.SequenceGap"/>.</item>
/// <item>"While listening to the stream, each new event's pu should be equal to the previous event's u, otherwise
/// initialize the process from step 3": <see cref="BookSyncVerdict.Resync"/>, <see cref="FrameIssue.SequenceGap"/>.
/// An event with <c>u</c> at or below the last applied <c>u</c> is already in the book: dropped, as
/// <see cref="FrameIssue.Duplicate"/> when <c>u</c> equals it, <see cref="FrameIssue.OutOfOrder"/> when below.</item>
/// </list>
/// <para>State lives in arrays indexed by <see cref="InstrumentId.Index"/>, grown on first sight of an instrument;
/// steady state allocates nothing. One instance per feed thread (not thread-safe).</para>
/// </remarks>
public sealed class BinanceBookSync : IBookSync
{
    private const int InitialCapacity = 16;

    private enum Phase : byte
    {
        AwaitingSnapshot = 0,
        /// <summary>Snapshot applied; the first diff event must bridge it.</summary>
        AwaitingFirstEvent = 1,
        Synced = 2,
    }

    private Phase[] _phases = new Phase[InitialCapacity];
    /// <summary>The snapshot's <c>lastUpdateId</c>, then the last applied event's <c>u</c>.</summary>
    private long[] _lastUpdateIds = new long[InitialCapacity];

    public BookSyncVerdict Check(in MarketEvent evt, out FrameIssue issue)
    {
        issue = FrameIssue.None;
        if (evt.Kind is not (MarketEventKind.BookSnapshot or MarketEventKind.BookDelta or MarketEventKind.BookInvalidated))
            return BookSyncVerdict.Apply;
        if (evt.Instrument.IsNone)
        {
            issue = FrameIssue.UnknownSymbol;
            return BookSyncVerdict.Drop;
        }
        var i = evt.Instrument.Index;
        EnsureCapacity(i);
        ref var phase = ref _phases[i];
        ref var last = ref _lastUpdateIds[i];
        ref readonly var book = ref evt.Book;

        switch (evt.Kind)
        {
            case MarketEventKind.BookSnapshot:
                if (phase != Phase.AwaitingSnapshot && book.UpdateId < last)
                {
                    issue = FrameIssue.OutOfOrder;
                    return BookSyncVerdict.Drop;
                }
                phase = Phase.AwaitingFirstEvent;
                last = book.UpdateId;
                return BookSyncVerdict.Apply;

            case MarketEventKind.BookDelta:
                switch (phase)
                {
                    case Phase.AwaitingSnapshot:
                        issue = FrameIssue.AwaitingSnapshot;
                        return BookSyncVerdict.Buffer;
                    case Phase.AwaitingFirstEvent:
                        if (book.UpdateId < last)
                        {
                            issue = FrameIssue.OutOfOrder;
                            return BookSyncVerdict.Drop;
                        }
                        if (book.FirstUpdateId <= last || book.PrevUpdateId == last)
                        {
                            phase = Phase.Synced;
                            last = book.UpdateId;
                            return BookSyncVerdict.Apply;
                        }
                        return Gap(ref phase, ref last, out issue);
                    default:
                        if (book.UpdateId <= last)
                        {
                            issue = book.UpdateId == last ? FrameIssue.Duplicate : FrameIssue.OutOfOrder;
                            return BookSyncVerdict.Drop;
                        }
                        if (book.PrevUpdateId != last) return Gap(ref phase, ref last, out issue);
                        last = book.UpdateId;
                        return BookSyncVerdict.Apply;
                }

            default: // BookInvalidated: the feed lost the book; start over
                phase = Phase.AwaitingSnapshot;
                last = 0;
                return BookSyncVerdict.Apply;
        }
    }

    public void Reset(InstrumentId instrument)
    {
        if (instrument.IsNone || instrument.Index >= _phases.Length) return;
        _phases[instrument.Index] = Phase.AwaitingSnapshot;
        _lastUpdateIds[instrument.Index] = 0;
    }

    public bool IsSynced(InstrumentId instrument) =>
        !instrument.IsNone && instrument.Index < _phases.Length && _phases[instrument.Index] != Phase.AwaitingSnapshot;

    private static BookSyncVerdict Gap(ref Phase phase, ref long last, out FrameIssue issue)
    {
        phase = Phase.AwaitingSnapshot;
        last = 0;
        issue = FrameIssue.SequenceGap;
        return BookSyncVerdict.Resync;
    }

    private void EnsureCapacity(int index)
    {
        if (index < _phases.Length) return;
        var size = Math.Max(index + 1, _phases.Length * 2);
        Array.Resize(ref _phases, size);
        Array.Resize(ref _lastUpdateIds, size);
    }
}
