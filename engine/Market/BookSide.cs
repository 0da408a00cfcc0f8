namespace FundingArb.Market;

/// <summary>One side of a book: price levels sorted, in preallocated arrays, updated in place.</summary>
/// <remarks>
/// Levels are stored worst-first under a key that orders both sides the same way (bid: price, ask: −price),
/// so the best level is at the end of the arrays: updates cluster near the top of the book, and inserting or
/// removing there moves few elements.
/// <para>A side holds at most <see cref="Capacity"/> levels. When it must drop one, it drops the worst and
/// remembers the best price it has dropped (<see cref="KnownBetterThan"/>): beyond that price the side no
/// longer knows the book, and depth read across it says it is incomplete rather than understating it.</para>
/// </remarks>
public sealed class BookSide
{
    private readonly long[] _keys;
    private readonly long[] _quantities;
    private int _count;
    private long _droppedBestKey = long.MinValue; // key of the best level dropped for capacity; MinValue: none

    public BookSide(BookSideKind kind, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Kind = kind;
        _keys = new long[capacity];
        _quantities = new long[capacity];
    }

    public BookSideKind Kind { get; }
    public int Capacity => _keys.Length;
    public int Count => _count;
    public bool IsEmpty => _count == 0;

    /// <summary>True once a level was dropped for capacity since the last <see cref="Clear"/>.</summary>
    public bool IsTruncated => _droppedBestKey != long.MinValue;

    /// <summary>Levels at this price or worse may be missing; <see cref="Price.Zero"/> when the side is complete.</summary>
    public Price KnownBetterThan => IsTruncated ? ToPrice(_droppedBestKey) : Price.Zero;

    /// <summary>The level at <paramref name="depth"/> from the top: 0 is the best.</summary>
    public BookLevel this[int depth]
    {
        get
        {
            if ((uint)depth >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(depth));
            var i = _count - 1 - depth;
            return new BookLevel(ToPrice(_keys[i]), new Quantity(_quantities[i]));
        }
    }

    public bool TryGetBest(out BookLevel best)
    {
        if (_count == 0)
        {
            best = default;
            return false;
        }
        best = this[0];
        return true;
    }

    public void Clear()
    {
        _count = 0;
        _droppedBestKey = long.MinValue;
    }

    /// <summary>Sets the quantity resting at a price; zero removes the level (removing an absent level is a no-op).</summary>
    public void Set(Price price, Quantity quantity)
    {
        if (price.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(price), price, "A book price must be positive.");
        if (quantity.Raw < 0) throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "A book quantity cannot be negative.");
        var key = ToKey(price);
        var i = Find(key);
        if (i >= 0)
        {
            if (quantity.IsZero) Remove(i);
            else _quantities[i] = quantity.Raw;
            return;
        }
        if (quantity.IsZero) return;
        Insert(~i, key, quantity.Raw);
    }

    public Quantity QuantityAt(Price price)
    {
        var i = Find(ToKey(price));
        return i >= 0 ? new Quantity(_quantities[i]) : Quantity.Zero;
    }

    /// <summary>True if <paramref name="a"/> is a better price than <paramref name="b"/> on this side.</summary>
    public bool IsBetter(Price a, Price b) => ToKey(a) > ToKey(b);

    /// <summary>Everything resting at <paramref name="limit"/> or better: total quantity and its notional
    /// (Σ price × quantity, in quote units per venue quantity unit).</summary>
    public BookDepth DepthThrough(Price limit)
    {
        var limitKey = ToKey(limit);
        Int128 quantity = 0; // deep meme-coin books can sum past long: saturate rather than throw on the decision thread
        double notional = 0;
        for (var i = _count - 1; i >= 0 && _keys[i] >= limitKey; i--)
        {
            quantity += _quantities[i];
            notional += ToPrice(_keys[i]).ToDouble() * (_quantities[i] / (double)Quantity.One);
        }
        return new BookDepth(new Quantity((long)Int128.Min(quantity, long.MaxValue)), notional,
            Complete: !IsTruncated || limitKey > _droppedBestKey);
    }

    /// <summary>Notional (Σ price × quantity, quote units per venue quantity unit) resting at <paramref name="limit"/> or
    /// better, summed from the top and stopping as soon as it reaches <paramref name="enough"/>: a liquidity check needs
    /// to know whether the book is deep enough, not how deep, and a thick book answers in a few levels. Levels dropped
    /// for capacity are not counted, so a truncated side can only understate its depth.</summary>
    public double NotionalThrough(Price limit, double enough)
    {
        var limitKey = ToKey(limit);
        double notional = 0;
        for (var i = _count - 1; i >= 0 && _keys[i] >= limitKey && notional < enough; i--)
            notional += ToPrice(_keys[i]).ToDouble() * (_quantities[i] / (double)Quantity.One);
        return notional;
    }

    /// <summary>Walks the side from the top to take <paramref name="quantity"/>: the average and the worst price
    /// paid. False when the known book is not deep enough.</summary>
    public bool TryWalk(Quantity quantity, out double averagePrice, out Price worstPrice)
    {
        averagePrice = 0;
        worstPrice = Price.Zero;
        if (quantity.Raw <= 0) return false;
        var remaining = quantity.Raw;
        double cost = 0;
        for (var i = _count - 1; i >= 0; i--)
        {
            var take = Math.Min(remaining, _quantities[i]);
            var price = ToPrice(_keys[i]);
            cost += price.ToDouble() * take;
            remaining -= take;
            worstPrice = price;
            if (remaining == 0)
            {
                averagePrice = cost / quantity.Raw;
                return true;
            }
        }
        worstPrice = Price.Zero;
        return false;
    }

    private long ToKey(Price price) => Kind == BookSideKind.Bid ? price.Raw : -price.Raw;
    private Price ToPrice(long key) => new(Kind == BookSideKind.Bid ? key : -key);

    /// <summary>Index of the key, or the bitwise complement of where it would be inserted.</summary>
    private int Find(long key)
    {
        var keys = _keys.AsSpan(0, _count);
        // Updates cluster at the top (the end of the arrays): look at the best few levels before bisecting.
        var hi = keys.Length - 1;
        for (var stop = Math.Max(0, keys.Length - 4); hi >= stop; hi--)
        {
            if (keys[hi] == key) return hi;
            if (keys[hi] < key) return ~(hi + 1);
        }
        var lo = 0;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var at = keys[mid];
            if (at == key) return mid;
            if (at < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private void Insert(int index, long key, long quantity)
    {
        if (_count == _keys.Length)
        {
            // Full: the worst level (index 0) goes, unless the new level is itself the worst.
            if (index == 0)
            {
                Drop(key);
                return;
            }
            Drop(_keys[0]);
            index--;
            Array.Copy(_keys, 1, _keys, 0, index);
            Array.Copy(_quantities, 1, _quantities, 0, index);
        }
        else
        {
            Array.Copy(_keys, index, _keys, index + 1, _count - index);
            Array.Copy(_quantities, index, _quantities, index + 1, _count - index);
            _count++;
        }
        _keys[index] = key;
        _quantities[index] = quantity;
    }

    private void Remove(int index)
    {
        Array.Copy(_keys, index + 1, _keys, index, _count - index - 1);
        Array.Copy(_quantities, index + 1, _quantities, index, _count - index - 1);
        _count--;
    }

    private void Drop(long key)
    {
        if (key > _droppedBestKey) _droppedBestKey = key;
    }
}
