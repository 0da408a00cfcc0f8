using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FundingArb.VenueSim.Streaming;

/// <summary>Builds JSON payloads with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe), and formats decimals
/// the way venues print them: fixed decimals, invariant culture, as JSON strings.</summary>
public static class JsonFrame
{
    public static byte[] Build<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
            write(writer, state);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><paramref name="value"/> rounded to <paramref name="decimals"/> places, e.g. Fixed(1.5m, 3) = "1.500".</summary>
    public static string Fixed(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary><paramref name="value"/> in its shortest exact form ("0.1000" → "0.1", "5" → "5").</summary>
    public static string Plain(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string StringArray(IEnumerable<string> values) =>
        System.Text.Encoding.UTF8.GetString(Build(values, static (w, items) =>
        {
            w.WriteStartArray();
            foreach (var item in items) w.WriteStringValue(item);
            w.WriteEndArray();
        }));

    public static long UnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
