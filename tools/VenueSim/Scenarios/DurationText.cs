using System.Globalization;

namespace FundingArb.VenueSim.Scenarios;

/// <summary>Durations as scenario files write them: digits followed by a unit, units concatenated from largest to
/// smallest, e.g. "0s", "90m", "2h30m", "1d6h", "250ms".</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text)) return false;
        var i = 0;
        var total = 0L; // milliseconds
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == start) return false;
            if (!long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return false;
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetterLower(text[i])) i++;
            long unitMs = text.AsSpan(unitStart, i - unitStart) switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => 0,
            };
            if (unitMs == 0) return false;
            try { total = checked(total + amount * unitMs); }
            catch (OverflowException) { return false; }
        }
        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
