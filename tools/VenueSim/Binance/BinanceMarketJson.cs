using System.Text.Json;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Binance;

/// <summary>Pieces of market-data payloads shared by REST and streams.</summary>
public static class BinanceMarketJson
{
    /// <summary>[["price","qty"], …] with the instrument's tick and step precision.</summary>
    public static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, List<(decimal Price, decimal Quantity)> levels, InstrumentSpec spec)
    {
        w.WriteStartArray(name);
        foreach (var (price, qty) in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(JsonFrame.Fixed(price, spec.PricePrecision));
            w.WriteStringValue(JsonFrame.Fixed(qty, spec.QuantityPrecision));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}
