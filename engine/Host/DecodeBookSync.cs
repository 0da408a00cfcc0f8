using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Host;

/// <summary>For <c>decode</c>: applies the venue's sequencing rules to say where the engine would drop a book event or
/// resync, but lets every event through, since a decode input rarely starts with a snapshot.</summary>
internal sealed class DecodeBookSync(IBookSync venueRules) : IBookSync
{
    /// <summary>Book events the engine would not have applied, since the last <see cref="Objections"/>.Clear().</summary>
    public List<(InstrumentId Instrument, BookSyncVerdict Verdict, FrameIssue Issue)> Objections { get; } = [];

    public BookSyncVerdict Check(in MarketEvent evt, out FrameIssue issue)
    {
        var verdict = venueRules.Check(evt, out var ruleIssue);
        if (verdict is BookSyncVerdict.Drop or BookSyncVerdict.Resync && ruleIssue != FrameIssue.AwaitingSnapshot)
            Objections.Add((evt.Instrument, verdict, ruleIssue));
        issue = FrameIssue.None;
        return BookSyncVerdict.Apply;
    }

    public void Reset(InstrumentId instrument) => venueRules.Reset(instrument);

    public bool IsSynced(InstrumentId instrument) => venueRules.IsSynced(instrument);
}
