using System.Text.Encodings.Web;
using System.Text.Json;
using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>Writes decision records as JSON Lines in DESIGN.md's form: <c>t</c>, <c>instrument</c>, <c>long</c>,
/// <c>short</c>, <c>diffPerHour</c>, <c>edgeBps</c>, <c>verdict</c>, <c>reason</c>, then the edge's components
/// (<c>fundingBps</c>, <c>feesBps</c>, <c>slippageBps</c>, <c>basisBps</c>, <c>edgeQuote</c>, <c>notional</c>,
/// <c>qty</c>). A component the core did not reach is null. Numbers are rounded for reading (diff to 1e-12 per hour,
/// bps to 1e-4, quote amounts to 1e-6), which also keeps the output byte-identical wherever the same doubles arise.</summary>
/// <remarks>Formatting reuses one <see cref="Utf8JsonWriter"/>: no allocation per record. Not thread-safe; in live
/// modes it runs behind <see cref="DecisionRecordRing"/>, off the decision thread.</remarks>
public sealed class DecisionRecordWriter : IDecisionRecordSink, IDisposable
{
    private readonly InstrumentRegistry _registry;
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;

    public DecisionRecordWriter(InstrumentRegistry registry, Stream output)
    {
        _registry = registry;
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public long Written { get; private set; }

    public bool Write(in DecisionRecord record)
    {
        var json = _json;
        json.WriteStartObject();
        json.WriteNumber("t", record.Time);
        json.WriteString("instrument", _registry.Canonical(record.Instrument));
        json.WriteString("long", _registry.VenueName(record.Long));
        json.WriteString("short", _registry.VenueName(record.Short));
        Number(json, "diffPerHour", record.DiffPerHour, 12);
        Number(json, "edgeBps", record.EdgeBps, 4);
        json.WriteString("verdict", record.Verdict == Verdict.Open ? "open" : "reject");
        if (record.Reason == RejectReason.None) json.WriteNull("reason");
        else json.WriteString("reason", RejectReasonCode.Of(record.Reason));
        Number(json, "fundingBps", record.FundingBps, 4);
        Number(json, "feesBps", record.FeesBps, 4);
        Number(json, "slippageBps", record.SlippageBps, 4);
        Number(json, "basisBps", record.BasisBps, 4);
        Number(json, "edgeQuote", record.EdgeQuote, 6);
        Number(json, "notional", record.Notional, 6);
        if (record.BaseQuantity.IsZero) json.WriteNull("qty");
        else
        {
            Span<byte> digits = stackalloc byte[FixedPoint.MaxFormattedLength];
            record.BaseQuantity.TryFormat(digits, out var n);
            json.WriteString("qty", digits[..n]);
        }
        json.WriteEndObject();
        json.Flush();
        _output.WriteByte((byte)'\n');
        json.Reset();
        Written++;
        return true;
    }

    public void Flush() => _output.Flush();

    public void Dispose()
    {
        _json.Dispose();
        _output.Flush();
    }

    private static void Number(Utf8JsonWriter json, string name, double value, int decimals)
    {
        if (double.IsFinite(value))
        {
            var rounded = Math.Round(value, decimals);
            json.WriteNumber(name, rounded == 0 ? 0 : rounded); // never "-0"
        }
        else json.WriteNull(name);
    }
}
