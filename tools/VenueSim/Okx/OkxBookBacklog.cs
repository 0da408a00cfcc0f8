using FundingArb.VenueSim.Books;

namespace FundingArb.VenueSim.Okx;

/// <summary>The book changes a books subscription has not sent yet: normally one step's batch, more while a stale-feed
/// fault holds the channel back, so the first update after it still follows on from the last seqId sent. Also carries
/// the one-off faults waiting for the next update (a swallowed update, a wrong checksum).</summary>
public sealed class OkxBookBacklog
{
    private readonly Dictionary<(BookSide Side, decimal Price), decimal> _levels = [];

    /// <summary>The seqId the pending changes bring the book to; -1 while there are none.</summary>
    public long SeqId { get; private set; } = -1;

    public bool IsEmpty => SeqId < 0;

    /// <summary>Sequence gap: the next update is taken but not sent, so the one after it does not follow on.</summary>
    public bool SwallowNext { get; set; }

    /// <summary>Bad checksum: the next update sent carries a wrong checksum.</summary>
    public bool CorruptNext { get; set; }

    /// <summary>Adds a batch; a level changed twice keeps its latest size (OKX sends absolute sizes).</summary>
    public void Add(DepthBatch batch)
    {
        foreach (var change in batch.Changes) _levels[(change.Side, change.Price)] = change.Quantity;
        SeqId = batch.LastUpdateId;
    }

    /// <summary>The pending changes, asks ascending and bids descending, and the seqId they reach; empties the backlog.</summary>
    public (long SeqId, List<(decimal Price, decimal Size)> Asks, List<(decimal Price, decimal Size)> Bids) Take()
    {
        var asks = _levels.Where(l => l.Key.Side == BookSide.Ask).OrderBy(l => l.Key.Price).Select(l => (l.Key.Price, l.Value)).ToList();
        var bids = _levels.Where(l => l.Key.Side == BookSide.Bid).OrderByDescending(l => l.Key.Price).Select(l => (l.Key.Price, l.Value)).ToList();
        var seqId = SeqId;
        _levels.Clear();
        SeqId = -1;
        return (seqId, asks, bids);
    }
}
