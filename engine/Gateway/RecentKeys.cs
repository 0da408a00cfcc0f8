namespace FundingArb.Gateway;

/// <summary>A fixed-capacity set of the most recent 64-bit keys, each with a value: open addressing, the oldest key
/// evicted when full. Preallocated; nothing allocated per operation.</summary>
/// <remarks>Not thread-safe: one private-stream receive loop owns it.</remarks>
public sealed class RecentKeys
{
    private const ulong Empty = 0; // key 0 is remapped, so 0 marks a free slot
    private readonly ulong[] _keys;
    private readonly long[] _values;
    private readonly ulong[] _order; // insertion order (FIFO) for eviction
    private readonly int _mask;
    private int _count;
    private int _head;

    /// <param name="capacity">Keys remembered; the table is twice that, rounded up to a power of two.</param>
    public RecentKeys(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _keys = new ulong[size];
        _values = new long[size];
        _order = new ulong[capacity];
        _mask = size - 1;
    }

    public int Count => _count;

    public bool TryGet(ulong key, out long value)
    {
        var slot = Find(Normalise(key));
        value = slot >= 0 ? _values[slot] : 0;
        return slot >= 0;
    }

    /// <summary>Adds or replaces the key's value; evicts the oldest key when full.</summary>
    public void Set(ulong key, long value)
    {
        key = Normalise(key);
        var slot = Find(key);
        if (slot >= 0)
        {
            _values[slot] = value;
            return;
        }
        if (_count == _order.Length)
        {
            Remove(_order[_head]);
            _count--;
        }
        Insert(key, value);
        _order[_head] = key;
        _head = (_head + 1) % _order.Length;
        _count++;
    }

    private static ulong Normalise(ulong key) => key == Empty ? 0x9E3779B97F4A7C15UL : key;

    private int Find(ulong key)
    {
        for (var i = (int)(key & (ulong)_mask); ; i = (i + 1) & _mask)
        {
            if (_keys[i] == key) return i;
            if (_keys[i] == Empty) return -1;
        }
    }

    private void Insert(ulong key, long value)
    {
        var i = (int)(key & (ulong)_mask);
        while (_keys[i] != Empty) i = (i + 1) & _mask;
        _keys[i] = key;
        _values[i] = value;
    }

    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    private void Remove(ulong key)
    {
        var i = Find(key);
        if (i < 0) return;
        while (true)
        {
            _keys[i] = Empty;
            var j = i;
            while (true)
            {
                j = (j + 1) & _mask;
                if (_keys[j] == Empty) return;
                var home = (int)(_keys[j] & (ulong)_mask);
                // Move j back to i unless its home lies cyclically in (i, j].
                var stays = i <= j ? home > i && home <= j : home > i || home <= j;
                if (!stays) break;
            }
            _keys[i] = _keys[j];
            _values[i] = _values[j];
            i = j;
        }
    }
}
