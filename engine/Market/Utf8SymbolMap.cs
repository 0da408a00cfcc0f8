using System.IO.Hashing;

namespace FundingArb.Market;

/// <summary>(venue, venue symbol as UTF-8 bytes) → instrument, looked up from a span with no allocation.</summary>
/// <remarks>Open addressing over an immutable table that is rebuilt on every add and swapped in whole:
/// symbols are added at subscription time, rarely, while parsers on other threads look them up, so readers
/// take no lock and never see a half-built table.</remarks>
internal sealed class Utf8SymbolMap
{
    private sealed class Table(int capacity)
    {
        public readonly ulong[] Hashes = new ulong[capacity];
        public readonly byte[][] Keys = new byte[capacity][];
        public readonly VenueId[] Venues = new VenueId[capacity];
        public readonly InstrumentId[] Values = new InstrumentId[capacity];
        public int Count;
        public int Mask => Hashes.Length - 1;
    }

    private readonly Lock _writeLock = new();
    private Table _table = new(16);

    public int Count => Volatile.Read(ref _table).Count;

    public bool TryGet(VenueId venue, ReadOnlySpan<byte> symbol, out InstrumentId instrument)
    {
        var table = Volatile.Read(ref _table);
        var hash = Hash(venue, symbol);
        for (var i = (int)hash & table.Mask; ; i = (i + 1) & table.Mask)
        {
            var key = table.Keys[i];
            if (key is null)
            {
                instrument = default;
                return false;
            }
            if (table.Hashes[i] == hash && table.Venues[i] == venue && symbol.SequenceEqual(key))
            {
                instrument = table.Values[i];
                return true;
            }
        }
    }

    /// <summary>Adds or confirms a mapping; a symbol already mapped to a different instrument is a configuration error.</summary>
    public void Add(VenueId venue, ReadOnlySpan<byte> symbol, InstrumentId instrument)
    {
        lock (_writeLock)
        {
            if (TryGet(venue, symbol, out var existing))
            {
                if (existing != instrument)
                    throw new InvalidOperationException(
                        $"Venue symbol '{System.Text.Encoding.UTF8.GetString(symbol)}' on {venue} is already mapped to {existing}; " +
                        $"it cannot also map to {instrument}. Check the instrument mapping in the configuration.");
                return;
            }
            var old = _table;
            var capacity = old.Hashes.Length;
            while ((old.Count + 1) * 2 > capacity) capacity *= 2; // load factor ≤ ½ keeps probes short
            var next = new Table(capacity);
            for (var i = 0; i < old.Hashes.Length; i++)
                if (old.Keys[i] is { } key) Insert(next, old.Hashes[i], key, old.Venues[i], old.Values[i]);
            Insert(next, Hash(venue, symbol), symbol.ToArray(), venue, instrument);
            Volatile.Write(ref _table, next);
        }
    }

    private static void Insert(Table table, ulong hash, byte[] key, VenueId venue, InstrumentId value)
    {
        var i = (int)hash & table.Mask;
        while (table.Keys[i] is not null) i = (i + 1) & table.Mask;
        table.Hashes[i] = hash;
        table.Keys[i] = key;
        table.Venues[i] = venue;
        table.Values[i] = value;
        table.Count++;
    }

    private static ulong Hash(VenueId venue, ReadOnlySpan<byte> symbol) => XxHash3.HashToUInt64(symbol, venue.Value);
}
