using System.Text;

namespace FundingArb.Market;

/// <summary>Interns venues and canonical instruments to small ids and maps each venue's symbols to them.</summary>
/// <remarks>Filled at subscription time (config, instrument metadata); read by parsers on the hot path through
/// <see cref="TryResolve"/>, which takes no lock and allocates nothing. Writers serialise on a lock and publish
/// grown arrays whole, so a reader on another thread sees either the old or the new state, never a torn one.</remarks>
public sealed class InstrumentRegistry : ISymbolResolver
{
    public const string PerpetualSuffix = "-PERP";

    private readonly Lock _writeLock = new();
    private readonly Utf8SymbolMap _symbols = new();
    private readonly Dictionary<string, InstrumentId> _byCanonical = new(StringComparer.Ordinal);
    private string[] _venueNames = [];
    private string[] _canonical = [];
    private string[][] _venueSymbols = []; // [venue index][instrument index], null where unmapped

    public int VenueCount => Volatile.Read(ref _venueNames).Length;
    public int InstrumentCount => Volatile.Read(ref _canonical).Length;

    /// <summary>Registers a venue by its lower-case name (<c>binance</c>, <c>bybit</c>, <c>okx</c>…).</summary>
    public VenueId AddVenue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name != name.ToLowerInvariant())
            throw new ArgumentException($"Venue name '{name}' must be lower case, e.g. '{name.ToLowerInvariant()}'.", nameof(name));
        lock (_writeLock)
        {
            var names = _venueNames;
            var existing = Array.IndexOf(names, name);
            if (existing >= 0) return new VenueId((byte)(existing + 1));
            if (names.Length >= VenueId.MaxVenues)
                throw new InvalidOperationException($"At most {VenueId.MaxVenues} venues can be registered.");
            var symbols = _venueSymbols;
            Array.Resize(ref symbols, names.Length + 1);
            symbols[^1] = new string[_canonical.Length];
            Volatile.Write(ref _venueSymbols, symbols);
            Volatile.Write(ref _venueNames, [.. names, name]);
            return new VenueId((byte)(names.Length + 1));
        }
    }

    public bool TryGetVenue(string name, out VenueId venue)
    {
        var i = Array.IndexOf(Volatile.Read(ref _venueNames), name);
        venue = i >= 0 ? new VenueId((byte)(i + 1)) : default;
        return i >= 0;
    }

    public string VenueName(VenueId venue) => Volatile.Read(ref _venueNames)[CheckVenue(venue)];

    /// <summary>Interns the canonical instrument for a base and quote asset, e.g. (BTC, USDT) → <c>BTC-USDT-PERP</c>.</summary>
    public InstrumentId Intern(string baseAsset, string quoteAsset)
    {
        ValidateAsset(baseAsset, nameof(baseAsset));
        ValidateAsset(quoteAsset, nameof(quoteAsset));
        return InternCanonical(string.Concat(baseAsset, "-", quoteAsset, PerpetualSuffix));
    }

    /// <summary>Interns a canonical name of the form <c>BASE-QUOTE-PERP</c> (upper-case letters and digits).</summary>
    public InstrumentId InternCanonical(string canonical)
    {
        if (!IsCanonical(canonical))
            throw new ArgumentException(
                $"'{canonical}' is not a canonical instrument name; write it as BASE-QUOTE-PERP in upper case, e.g. BTC-USDT-PERP.",
                nameof(canonical));
        lock (_writeLock)
        {
            if (_byCanonical.TryGetValue(canonical, out var id)) return id;
            var names = _canonical;
            if (names.Length >= ushort.MaxValue)
                throw new InvalidOperationException($"At most {ushort.MaxValue} instruments can be registered.");
            var symbols = _venueSymbols;
            var grown = new string[symbols.Length][];
            for (var v = 0; v < symbols.Length; v++)
            {
                grown[v] = symbols[v];
                Array.Resize(ref grown[v], names.Length + 1);
            }
            id = new InstrumentId((ushort)(names.Length + 1));
            Volatile.Write(ref _venueSymbols, grown);
            Volatile.Write(ref _canonical, [.. names, canonical]);
            _byCanonical.Add(canonical, id);
            return id;
        }
    }

    public bool TryGetInstrument(string canonical, out InstrumentId instrument)
    {
        lock (_writeLock) return _byCanonical.TryGetValue(canonical, out instrument);
    }

    public string Canonical(InstrumentId instrument) => Volatile.Read(ref _canonical)[CheckInstrument(instrument)];

    /// <summary>Maps a venue's own symbol (<c>BTCUSDT</c>, <c>BTC-USDT-SWAP</c>) to a canonical instrument.</summary>
    public void MapSymbol(VenueId venue, string venueSymbol, InstrumentId instrument)
    {
        ArgumentException.ThrowIfNullOrEmpty(venueSymbol);
        lock (_writeLock)
        {
            var v = CheckVenue(venue);
            var i = CheckInstrument(instrument);
            var current = _venueSymbols[v][i];
            if (current is not null && current != venueSymbol)
                throw new InvalidOperationException(
                    $"{Canonical(instrument)} is already mapped to '{current}' on {VenueName(venue)}; it cannot also be '{venueSymbol}'.");
            _symbols.Add(venue, Encoding.UTF8.GetBytes(venueSymbol), instrument);
            _venueSymbols[v][i] = venueSymbol;
        }
    }

    /// <summary>Hot path: the instrument a venue symbol maps to, from the frame's bytes, with no allocation.</summary>
    public bool TryResolve(VenueId venue, ReadOnlySpan<byte> venueSymbol, out InstrumentId instrument) =>
        _symbols.TryGet(venue, venueSymbol, out instrument);

    /// <summary>The venue's symbol for an instrument, or null when the venue does not list it.</summary>
    public string? VenueSymbol(VenueId venue, InstrumentId instrument) =>
        Volatile.Read(ref _venueSymbols)[CheckVenue(venue)][CheckInstrument(instrument)];

    private static bool IsCanonical(string name)
    {
        if (!name.EndsWith(PerpetualSuffix, StringComparison.Ordinal)) return false;
        var pair = name.AsSpan(0, name.Length - PerpetualSuffix.Length);
        var dash = pair.IndexOf('-');
        return dash > 0 && dash < pair.Length - 1 && IsAsset(pair[..dash]) && IsAsset(pair[(dash + 1)..]);
    }

    private static bool IsAsset(ReadOnlySpan<char> asset)
    {
        foreach (var c in asset)
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) return false;
        return asset.Length > 0;
    }

    private static void ValidateAsset(string asset, string paramName)
    {
        if (asset is null || !IsAsset(asset))
            throw new ArgumentException($"Asset '{asset}' must be upper-case letters and digits, e.g. BTC or USDT.", paramName);
    }

    private int CheckVenue(VenueId venue)
    {
        if (venue.IsNone || venue.Index >= VenueCount)
            throw new ArgumentOutOfRangeException(nameof(venue), venue, "Venue is not registered.");
        return venue.Index;
    }

    private int CheckInstrument(InstrumentId instrument)
    {
        if (instrument.IsNone || instrument.Index >= InstrumentCount)
            throw new ArgumentOutOfRangeException(nameof(instrument), instrument, "Instrument is not registered.");
        return instrument.Index;
    }
}
