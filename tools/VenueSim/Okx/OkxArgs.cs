using System.Globalization;
using System.Text.Json;

namespace FundingArb.VenueSim.Okx;

/// <summary>Reading v5 parameters out of a JSON object (a REST body or a WebSocket op's args element). OKX sends
/// numbers as strings and booleans as JSON booleans; a parameter written the other way is read as its text.</summary>
public static class OkxArgs
{
    /// <summary>The field as text (strings unquoted, numbers and booleans as written); null when absent, null or empty.</summary>
    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static bool TryDecimal(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    public static bool TryLong(string? text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
