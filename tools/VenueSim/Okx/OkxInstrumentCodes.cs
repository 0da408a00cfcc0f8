using FundingArb.VenueSim.Exchange;

namespace FundingArb.VenueSim.Okx;

/// <summary>The numeric instIdCode OKX gives each instrument (GET /public/instruments; the WebSocket trade ops take it in
/// place of instId), numbered here in scenario order so a run is repeatable.</summary>
public sealed class OkxInstrumentCodes
{
    private const long FirstCode = 10459;
    private readonly Dictionary<string, long> _codes = [];
    private readonly Dictionary<long, string> _symbols = [];

    public OkxInstrumentCodes(SimulatedExchange exchange)
    {
        var code = FirstCode;
        foreach (var symbol in exchange.Markets.Keys)
        {
            _codes[symbol] = code;
            _symbols[code] = symbol;
            code++;
        }
    }

    public long CodeOf(string symbol) => _codes[symbol];

    public bool TryGetSymbol(long code, out string symbol) => _symbols.TryGetValue(code, out symbol!);

    /// <summary>A position id (posId) per account and instrument, the same in every run: derived from the instrument
    /// code and the key's characters (string.GetHashCode is randomized per process).</summary>
    public string PositionId(string symbol, string accountKey)
    {
        var keyPart = 0;
        foreach (var c in accountKey) keyPart = (keyPart * 31 + c) & 0x3FF;
        return (1_752_810_569_801_000_000L + _codes[symbol] * 1000 + keyPart).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
