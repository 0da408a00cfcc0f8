using System.Text.Json;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>One <c>orderbook.{depth}.{symbol}</c> topic (docs/v5/websocket/public/orderbook): the top <c>depth</c>
/// levels as last published, numbered by the topic's own update id <c>u</c>, which grows by exactly one per message.
/// A delta carries each level of the window that changed since the last message — new sizes, and "0" for a level that
/// left the window — so snapshot + deltas in order rebuild the window. <c>seq</c> is the book's cross sequence (the
/// core's last change id), comparable across depths. Linear pushes: depth 1 every 10 ms, 50 every 20 ms, 200 every
/// 100 ms, 1000 every 200 ms — here at most once per market step (100 ms) and never more often than that. Depth 1 sends
/// snapshots only, and repeats the last one, same <c>u</c>, after 3 s without change. Caller holds the hub's lock.</summary>
public sealed class BybitBookTopic
{
    private static readonly TimeSpan LevelOneRepeat = TimeSpan.FromSeconds(3);
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = new();
    private (List<(decimal Price, decimal Quantity)> Bids, List<(decimal Price, decimal Quantity)> Asks, long Sequence, DateTimeOffset At)? _captured;
    private long _lastBucket;
    private DateTimeOffset _lastSent;

    public BybitBookTopic(InstrumentSpec spec, int depth, long firstUpdateId, SimulatedBook book, DateTimeOffset now)
    {
        Spec = spec;
        Depth = depth;
        Name = $"orderbook.{depth}.{spec.Symbol}";
        IntervalMs = depth switch { 1 => 10, 50 => 20, 200 => 100, _ => 200 };
        foreach (var (price, qty) in book.Top(BookSide.Bid, depth)) _bids[price] = qty;
        foreach (var (price, qty) in book.Top(BookSide.Ask, depth)) _asks[price] = qty;
        UpdateId = firstUpdateId;
        Sequence = book.UpdateId;
        MatchedAt = PublishedAt = _lastSent = now;
        _lastBucket = JsonFrame.UnixMs(now) / IntervalMs;
    }

    public InstrumentSpec Spec { get; }
    public int Depth { get; }
    public string Name { get; }
    public int IntervalMs { get; }
    /// <summary><c>u</c> of the last message.</summary>
    public long UpdateId { get; private set; }
    /// <summary><c>seq</c> of the last message.</summary>
    public long Sequence { get; private set; }
    /// <summary>When the matching engine produced the state last published (<c>cts</c>).</summary>
    public DateTimeOffset MatchedAt { get; private set; }
    /// <summary>When it was published (<c>ts</c>).</summary>
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>A sequence-gap fault: the next delta is made (its <c>u</c> taken, the window moved on) but not sent, so
    /// the one after it skips a <c>u</c>. Depth 1 sends whole snapshots, which a gap cannot break, so it ignores this.</summary>
    public bool SwallowNext { get; set; }

    public IEnumerable<KeyValuePair<decimal, decimal>> Levels(BookSide side) => side == BookSide.Bid ? _bids : _asks;

    /// <summary>Notes the book as it stands right after a batch of changes numbered up to <paramref name="sequence"/>.</summary>
    public void Capture(SimulatedBook book, long sequence, DateTimeOffset at) =>
        _captured = (book.Top(BookSide.Bid, Depth), book.Top(BookSide.Ask, Depth), sequence, at);

    /// <summary>The next message when one is due at <paramref name="now"/>: a delta (a snapshot for depth 1) of what the
    /// last capture changed in the window, or depth 1's repeated snapshot; null when there is nothing to send.</summary>
    public byte[]? Publish(DateTimeOffset now)
    {
        var bucket = JsonFrame.UnixMs(now) / IntervalMs;
        if (bucket != _lastBucket && _captured is { } captured)
        {
            _lastBucket = bucket;
            _captured = null;
            var bidChanges = Apply(_bids, captured.Bids, descending: true);
            var askChanges = Apply(_asks, captured.Asks, descending: false);
            if (bidChanges.Count + askChanges.Count > 0)
            {
                UpdateId++;
                Sequence = captured.Sequence;
                MatchedAt = captured.At;
                PublishedAt = _lastSent = now;
                if (Depth == 1) return Snapshot(now);
                if (!SwallowNext) return Frame("delta", bidChanges, askChanges, now);
                SwallowNext = false;
                return null;
            }
        }
        if (Depth == 1 && now - _lastSent >= LevelOneRepeat)
        {
            _lastSent = now;
            return Snapshot(now);
        }
        return null;
    }

    /// <summary>The window as last published, under the current <c>u</c>: what a new subscriber gets first.</summary>
    public byte[] Snapshot(DateTimeOffset now) =>
        Frame("snapshot", [.. _bids.Select(l => (l.Key, l.Value))], [.. _asks.Select(l => (l.Key, l.Value))], now);

    /// <summary>Makes <paramref name="published"/> equal to <paramref name="target"/>, returning the changed levels in
    /// book order, a removed one with quantity 0.</summary>
    private static List<(decimal Price, decimal Quantity)> Apply(SortedDictionary<decimal, decimal> published, List<(decimal Price, decimal Quantity)> target, bool descending)
    {
        var next = target.ToDictionary(l => l.Price, l => l.Quantity);
        var changes = new List<(decimal Price, decimal Quantity)>();
        foreach (var (price, _) in published)
            if (!next.ContainsKey(price)) changes.Add((price, 0));
        foreach (var (price, qty) in next)
            if (!published.TryGetValue(price, out var old) || old != qty) changes.Add((price, qty));
        foreach (var (price, qty) in changes)
            if (qty == 0) published.Remove(price);
            else published[price] = qty;
        changes.Sort((a, b) => descending ? b.Price.CompareTo(a.Price) : a.Price.CompareTo(b.Price));
        return changes;
    }

    /// <summary>Depth 1 writes <c>ts</c> before <c>type</c>, the other depths after it, as the docs point out.</summary>
    private byte[] Frame(string type, List<(decimal Price, decimal Quantity)> bids, List<(decimal Price, decimal Quantity)> asks, DateTimeOffset now) =>
        JsonFrame.Build((this, type, bids, asks, now), static (w, s) =>
        {
            var topic = s.Item1;
            w.WriteStartObject();
            w.WriteString("topic"u8, topic.Name);
            if (topic.Depth == 1) w.WriteNumber("ts"u8, JsonFrame.UnixMs(s.now));
            w.WriteString("type"u8, s.type);
            if (topic.Depth != 1) w.WriteNumber("ts"u8, JsonFrame.UnixMs(s.now));
            w.WriteStartObject("data"u8);
            w.WriteString("s"u8, topic.Spec.Symbol);
            WriteLevels(w, "b"u8, s.bids, topic.Spec);
            WriteLevels(w, "a"u8, s.asks, topic.Spec);
            w.WriteNumber("u"u8, topic.UpdateId);
            w.WriteNumber("seq"u8, topic.Sequence);
            w.WriteEndObject();
            w.WriteNumber("cts"u8, JsonFrame.UnixMs(topic.MatchedAt));
            w.WriteEndObject();
        });

    /// <summary>[["price","size"], …]; a removed level's size is written "0", as the venue writes it.</summary>
    public static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, IEnumerable<(decimal Price, decimal Quantity)> levels, InstrumentSpec spec)
    {
        w.WriteStartArray(name);
        foreach (var (price, qty) in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(BybitWire.Price(price, spec));
            w.WriteStringValue(qty == 0 ? "0" : BybitWire.Quantity(qty, spec));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}
