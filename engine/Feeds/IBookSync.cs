using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>A venue's order-book sequencing rules, per instrument: whether each book event may be applied.</summary>
/// <remarks>Runs on the feed side, before events are published: the decision core only ever sees book events in
/// sequence, and a <see cref="MarketEventKind.BookInvalidated"/> when the feed lost the book. Holds sequence state
/// only, never levels. <see cref="Check"/> is called once per book event (every slot with <c>Part == 0</c>; a frame
/// may carry several), with its first part; the verdict covers all of that event's parts. The state advances only on <see cref="BookSyncVerdict.Apply"/>.</remarks>
public interface IBookSync
{
    BookSyncVerdict Check(in MarketEvent evt, out FrameIssue issue);

    /// <summary>Forgets the instrument's sequence (reconnect, resync): the next usable event is a snapshot.</summary>
    void Reset(InstrumentId instrument);

    /// <summary>A snapshot has been applied and every event since was in sequence.</summary>
    bool IsSynced(InstrumentId instrument);
}
