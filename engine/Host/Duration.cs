using System.Globalization;

namespace FundingArb.Host;

/// <summary>Parses the durations people type on a command line: <c>1500ms</c>, <c>60s</c>, <c>5m</c>,
/// <c>2h</c>, <c>1d</c>, or <c>hh:mm:ss</c>.</summary>
public static class Duration
{
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        duration = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A duration is required, e.g. 60s, 5m or 2h.";
            return false;
        }
        var s = text.Trim();
        if (s.Contains(':'))
        {
            if (TimeSpan.TryParseExact(s, [@"h\:mm\:ss", @"hh\:mm\:ss", @"d\.hh\:mm\:ss"], CultureInfo.InvariantCulture, out duration)
                && duration > TimeSpan.Zero)
                return true;
            error = $"'{text}' is not a duration; write hh:mm:ss (e.g. 00:01:00) or a number with a unit (60s).";
            return false;
        }
        var unitStart = 0;
        while (unitStart < s.Length && (char.IsAsciiDigit(s[unitStart]) || s[unitStart] == '.')) unitStart++;
        var unit = s[unitStart..];
        double scale = unit switch
        {
            "ms" => 1e-3,
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86400,
            _ => double.NaN,
        };
        if (unitStart == 0 || double.IsNaN(scale)
            || !double.TryParse(s.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{text}' is not a duration; write a number with a unit: ms, s, m, h or d (e.g. 60s, 5m, 2h).";
            return false;
        }
        var seconds = value * scale;
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            error = $"'{text}' is out of range; a duration must be under a few thousand years.";
            return false;
        }
        duration = TimeSpan.FromSeconds(seconds);
        if (duration <= TimeSpan.Zero) // checked after conversion: below one tick rounds to zero
        {
            error = $"'{text}' is not a positive duration; write e.g. 60s, 5m or 2h.";
            return false;
        }
        return true;
    }
}
