using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5 order-book sequencing for one book stream per instrument (<c>orderbook.50.{symbol}</c>), from
/// https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook.</summary>
/// <remarks>
/// <list type="number">
/// <item>A snapshot always applies and restarts the sequence: "If you receive a new snapshot message, you will have to
/// reset your local orderbook." That covers the level-1 re-push ("the snapshot data will be pushed again when there is
/// no change in 3 seconds, and the "u" will be the same as that in the previous message") and the restart snapshot
/// ("Occasionally, you'll receive "u"=1, which is a snapshot data due to the restart of the service. So please
/// overwrite your local orderbook"; the parser publishes any <c>u</c> = 1 frame as a snapshot).</item>
/// <item>A delta before any snapshot: Drop, <see cref="FrameIssue.AwaitingSnapshot"/> ("Once you have subscribed
/// successfully, you will receive a snapshot"; it is on its way).</item>
/// <item><c>seq</c> going backwards: Drop, <see cref="FrameIssue.OutOfOrder"/> ("Cross sequence … for the smaller seq,
/// then it means the data is generated earlier"). Not checked when either side has no <c>seq</c> (0).</item>
/// <item><c>u</c> equal to the last applied: Drop, <see cref="FrameIssue.Duplicate"/>. <c>u</c> below it: Drop,
/// <see cref="FrameIssue.OutOfOrder"/> — unless its <c>seq</c> is newer than the last applied one, which means the
/// <c>u</c> counter restarted or belongs to another stream (a REST snapshot's <c>u</c> "corresponds to u in the
/// 1000-level WebSocket orderbook stream", not to the 50-level one): the book cannot be trusted, Resync.</item>
/// <item><c>u</c> more than one above the last applied: Resync, <see cref="FrameIssue.SequenceGap"/>. The English WS
/// page states no gap rule; it calls <c>u</c> "Update ID. Is a sequence.", the Chinese page says it is continuous in
/// normal operation ("一般情況下該id是連續的"), the REST page says "Update ID, is always in sequence", and the SBE
/// level-50 page says "Update id (monotonic per symbol). Useful to check continuity." A lost delta leaves a wrong
/// book, so a jump is treated as a gap: the cost of being wrong is a resubscribe, not a bad trade.</item>
/// </list>
/// State is per <see cref="InstrumentId.Index"/> in an array that grows on first sight of a new instrument; steady
/// state allocates nothing. Not thread-safe: one instance per feed thread.
/// </remarks>
public sealed class BybitBookSync : IBookSync
{
    private struct State
    {
        public long UpdateId;
        public long CrossSequence;
        public bool Synced;
    }

    private State[] _states = new State[16];

    public BookSyncVerdict Check(in MarketEvent evt, out FrameIssue issue)
    {
        issue = FrameIssue.None;
        if (evt.Kind is not (MarketEventKind.BookSnapshot or MarketEventKind.BookDelta)) return BookSyncVerdict.Apply;
        if (evt.Instrument.IsNone)
        {
            issue = FrameIssue.UnknownSymbol;
            return BookSyncVerdict.Drop;
        }

        ref var state = ref StateOf(evt.Instrument);
        var u = evt.Book.UpdateId;
        var seq = evt.Book.CrossSequence;

        if (evt.Kind == MarketEventKind.BookSnapshot)
        {
            state.UpdateId = u;
            state.CrossSequence = seq;
            state.Synced = true;
            return BookSyncVerdict.Apply;
        }

        if (!state.Synced)
        {
            issue = FrameIssue.AwaitingSnapshot;
            return BookSyncVerdict.Drop;
        }
        var seqKnown = seq != 0 && state.CrossSequence != 0;
        if (seqKnown && seq < state.CrossSequence)
        {
            issue = FrameIssue.OutOfOrder;
            return BookSyncVerdict.Drop;
        }
        if (u == state.UpdateId)
        {
            issue = FrameIssue.Duplicate;
            return BookSyncVerdict.Drop;
        }
        if (u < state.UpdateId)
        {
            if (seqKnown && seq > state.CrossSequence) return Lost(ref state, out issue);
            issue = FrameIssue.OutOfOrder;
            return BookSyncVerdict.Drop;
        }
        if (u != state.UpdateId + 1) return Lost(ref state, out issue);

        state.UpdateId = u;
        if (seq != 0) state.CrossSequence = seq;
        return BookSyncVerdict.Apply;
    }

    public void Reset(InstrumentId instrument)
    {
        if (instrument.IsNone || instrument.Index >= _states.Length) return;
        _states[instrument.Index] = default;
    }

    public bool IsSynced(InstrumentId instrument) =>
        !instrument.IsNone && instrument.Index < _states.Length && _states[instrument.Index].Synced;

    private static BookSyncVerdict Lost(ref State state, out FrameIssue issue)
    {
        state = default;
        issue = FrameIssue.SequenceGap;
        return BookSyncVerdict.Resync;
    }

    private ref State StateOf(InstrumentId instrument)
    {
        var index = instrument.Index;
        if (index >= _states.Length)
        {
            var length = _states.Length;
            while (length <= index) length *= 2;
            Array.Resize(ref _states, length);
        }
        return ref _states[index];
    }
}
