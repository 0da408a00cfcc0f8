using System.Text;
using FundingArb.Decision;
using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>What one venue's execution client may trade: each instrument's venue symbol (ASCII, as the requests carry it)
/// and trading rules, by instrument index. Written at set-up under a lock (arrays replaced, never shrunk), read on the send
/// path without one; nothing is allocated per order.</summary>
public sealed class TradableInstruments(VenueId venue, ISymbolResolver symbols)
{
    private readonly Lock _lock = new();
    private byte[][] _symbols = [];
    private TradingRules[] _rules = [];

    /// <summary>Makes an instrument tradable. Its venue symbol must resolve to it for this venue, so that the private
    /// stream, which names symbols, attributes its updates to it.</summary>
    public void Add(InstrumentId instrument, InstrumentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (instrument.IsNone) throw new ArgumentException("No instrument.", nameof(instrument));
        if (!symbols.TryResolve(venue, Encoding.UTF8.GetBytes(spec.VenueSymbol), out var mapped) || mapped != instrument)
            throw new ArgumentException($"{spec.VenueSymbol} is not mapped to {instrument} for this venue in the registry.", nameof(spec));
        lock (_lock)
        {
            var names = _symbols;
            var rules = _rules;
            if (instrument.Index >= names.Length)
            {
                var size = Math.Max(instrument.Index + 1, names.Length * 2);
                Array.Resize(ref names, size);
                Array.Resize(ref rules, size);
            }
            names[instrument.Index] = Encoding.ASCII.GetBytes(spec.VenueSymbol);
            rules[instrument.Index] = new TradingRules(spec);
            _rules = rules; // rules first: a reader that sees the symbol sees its rules
            _symbols = names;
        }
    }

    public bool TrySymbol(InstrumentId instrument, out ReadOnlySpan<byte> symbol)
    {
        var names = _symbols;
        symbol = !instrument.IsNone && instrument.Index < names.Length && names[instrument.Index] is { } bytes ? bytes : default;
        return !symbol.IsEmpty;
    }

    /// <summary>The order against its instrument's rules (<see cref="OrderCheck"/>); InvalidRequest when the instrument
    /// is not set up here.</summary>
    public ExecutionError Check(in OrderRequest request, out ReadOnlySpan<byte> symbol)
    {
        if (!TrySymbol(request.Instrument, out symbol))
            return ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "instrument is not set up on this venue"u8);
        return OrderCheck.Validate(request, _rules[request.Instrument.Index]);
    }

    /// <summary>A cancel's or query's reference to an order: its instrument set up here, and a client order id;
    /// InvalidRequest otherwise (never sent).</summary>
    public ExecutionError CheckReference(InstrumentId instrument, in ClientOrderId clientOrderId, out ReadOnlySpan<byte> symbol)
    {
        if (!TrySymbol(instrument, out symbol))
            return ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "instrument is not set up on this venue"u8);
        return clientOrderId.IsEmpty ? ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "no client order id"u8) : default;
    }

    /// <summary>Every venue symbol set up so far (start-up checks).</summary>
    public IReadOnlyList<string> VenueSymbols()
    {
        var names = _symbols;
        return [.. names.Where(n => n is not null).Select(n => Encoding.ASCII.GetString(n))];
    }
}
