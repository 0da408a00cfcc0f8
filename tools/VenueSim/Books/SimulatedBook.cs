using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Books;

/// <summary>One instrument's resting (synthetic) liquidity. Every change to a level gets the next update id at once;
/// changes accumulate as the pending batch until the market step publishes them, so a snapshot taken between steps
/// reports an id inside the next published batch — the bridge the venues' book-sync procedures look for.</summary>
public sealed class SimulatedBook
{
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = new();
    private readonly List<LevelChange> _pending = [];
    private long _pendingFirstId;
    private long _publishedLastId;

    public SimulatedBook(InstrumentSpec spec, long firstUpdateId)
    {
        Spec = spec;
        UpdateId = firstUpdateId - 1;
        _publishedLastId = UpdateId;
    }

    public InstrumentSpec Spec { get; }

    /// <summary>Id of the last change applied (what a REST snapshot reports as its last update id).</summary>
    public long UpdateId { get; private set; }

    /// <summary>Time of the last change, for the venues' "transaction time" fields.</summary>
    public DateTimeOffset LastChange { get; private set; }

    public decimal? BestBid => _bids.Count == 0 ? null : _bids.First().Key;
    public decimal? BestAsk => _asks.Count == 0 ? null : _asks.First().Key;

    public IEnumerable<KeyValuePair<decimal, decimal>> Levels(BookSide side) => side == BookSide.Bid ? _bids : _asks;

    public List<(decimal Price, decimal Quantity)> Top(BookSide side, int count)
    {
        var list = new List<(decimal, decimal)>(Math.Min(count, 64));
        foreach (var (price, qty) in Levels(side))
        {
            if (list.Count == count) break;
            list.Add((price, qty));
        }
        return list;
    }

    /// <summary>Redraws the book around <paramref name="mark"/> in <paramref name="shape"/>, recording only the levels
    /// that differ from what rests now.</summary>
    public void Regenerate(decimal mark, BookShape shape, Random random, DateTimeOffset at)
    {
        var tick = Spec.TickSize;
        var step = Spec.StepSize;
        var half = shape.SpreadTicks * tick / 2;
        var bestBid = Math.Floor((mark - half) / tick) * tick;
        if (bestBid <= 0) bestBid = tick;
        var bestAsk = bestBid + shape.SpreadTicks * tick;
        var targetBids = new Dictionary<decimal, decimal>(shape.Levels);
        var targetAsks = new Dictionary<decimal, decimal>(shape.Levels);
        var size = shape.Size;
        for (var i = 0; i < shape.Levels; i++)
        {
            var bidPrice = bestBid - i * shape.StepTicks * tick;
            if (bidPrice > 0) targetBids[bidPrice] = Jittered(size, shape.Jitter, step, random);
            targetAsks[bestAsk + i * shape.StepTicks * tick] = Jittered(size, shape.Jitter, step, random);
            size *= shape.Growth;
        }
        Reconcile(BookSide.Bid, _bids, targetBids, at);
        Reconcile(BookSide.Ask, _asks, targetAsks, at);
    }

    /// <summary>Makes the book exactly <paramref name="levels"/> (a captured snapshot), recording only what differs.</summary>
    public void ReplaceAll(IEnumerable<LevelChange> levels, DateTimeOffset at)
    {
        var targetBids = new Dictionary<decimal, decimal>();
        var targetAsks = new Dictionary<decimal, decimal>();
        foreach (var level in levels)
            if (level.Quantity > 0) (level.Side == BookSide.Bid ? targetBids : targetAsks)[level.Price] = level.Quantity;
        Reconcile(BookSide.Bid, _bids, targetBids, at);
        Reconcile(BookSide.Ask, _asks, targetAsks, at);
    }

    private static decimal Jittered(decimal size, decimal jitter, decimal step, Random random)
    {
        var factor = 1 + jitter * (decimal)(random.NextDouble() * 2 - 1);
        var qty = Math.Round(size * factor / step, MidpointRounding.ToZero) * step;
        return qty < step ? step : qty;
    }

    private void Reconcile(BookSide side, SortedDictionary<decimal, decimal> current, Dictionary<decimal, decimal> target, DateTimeOffset at)
    {
        List<decimal>? gone = null;
        foreach (var price in current.Keys)
            if (!target.ContainsKey(price)) (gone ??= []).Add(price);
        if (gone is not null)
            foreach (var price in gone) Set(side, price, 0, at);
        foreach (var (price, qty) in target.OrderBy(p => p.Key))
            if (!current.TryGetValue(price, out var now) || now != qty) Set(side, price, qty, at);
    }

    /// <summary>Sets a level's absolute quantity (0 removes it) as one numbered change.</summary>
    public void Set(BookSide side, decimal price, decimal quantity, DateTimeOffset at)
    {
        var levels = side == BookSide.Bid ? _bids : _asks;
        if (quantity <= 0) levels.Remove(price);
        else levels[price] = quantity;
        UpdateId++;
        LastChange = at;
        if (_pending.Count == 0) _pendingFirstId = UpdateId;
        _pending.Add(new LevelChange(side, price, quantity < 0 ? 0 : quantity));
    }

    /// <summary>The changes since the last call, or null when nothing changed.</summary>
    public DepthBatch? TakePending()
    {
        if (_pending.Count == 0) return null;
        var batch = new DepthBatch(_pendingFirstId, UpdateId, _publishedLastId, [.. _pending]);
        _publishedLastId = UpdateId;
        _pending.Clear();
        return batch;
    }

    /// <summary>Quantity a taker on <paramref name="takerBuys"/>'s side could take now, at prices no worse than
    /// <paramref name="limit"/> (null: any price).</summary>
    public decimal Available(bool takerBuys, decimal? limit)
    {
        var total = 0m;
        foreach (var (price, qty) in takerBuys ? _asks : _bids)
        {
            if (limit is { } l && (takerBuys ? price > l : price < l)) break;
            total += qty;
        }
        return total;
    }

    /// <summary>Takes up to <paramref name="quantity"/> from the opposite side, best price first, never past
    /// <paramref name="limit"/>; returns the (price, quantity) pieces taken.</summary>
    public List<(decimal Price, decimal Quantity)> Take(bool takerBuys, decimal quantity, decimal? limit, DateTimeOffset at)
    {
        var levels = takerBuys ? _asks : _bids;
        var side = takerBuys ? BookSide.Ask : BookSide.Bid;
        var taken = new List<(decimal, decimal)>();
        while (quantity > 0 && levels.Count > 0)
        {
            var (price, available) = levels.First();
            if (limit is { } l && (takerBuys ? price > l : price < l)) break;
            var qty = Math.Min(quantity, available);
            taken.Add((price, qty));
            quantity -= qty;
            Set(side, price, available - qty, at);
        }
        return taken;
    }
}
