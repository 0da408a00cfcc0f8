using System.Text.Json;

namespace FundingArb.Replay;

/// <summary>One line of a capture in its text form (DESIGN.md): <c>{"t": unix ns, "venue": "binance", "frame": "…"}</c>,
/// plus <c>"rest": "/path?query"</c> when the frame is the body of that REST answer.</summary>
public readonly record struct CaptureLine(long Time, string Venue, byte[] Frame, int FrameLength, string? Rest)
{
    /// <summary>2001-09-09 in unix ns: anything smaller is a time in the wrong unit, not a receive time.</summary>
    private const long MinPlausibleTime = 1_000_000_000_000_000_000;

    public ReadOnlySpan<byte> FrameBytes => Frame.AsSpan(0, FrameLength);

    /// <summary>Parses one line; <paramref name="frameBuffer"/> is reused for the unescaped frame (grown if needed).
    /// False with a reason naming the field when the line is not a capture line.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, ref byte[] frameBuffer, out CaptureLine parsed, out string error)
    {
        parsed = default;
        long? time = null;
        string? venue = null;
        string? rest = null;
        var frameLength = -1;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("t"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var t) || t < MinPlausibleTime)
                    {
                        error = "\"t\" must be the receive time in unix nanoseconds (an integer of 19 digits; seconds, ms or µs are not accepted)";
                        return false;
                    }
                    time = t;
                }
                else if (reader.ValueTextEquals("venue"u8))
                {
                    reader.Read();
                    venue = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("rest"u8))
                {
                    reader.Read();
                    rest = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (rest is null && reader.TokenType != JsonTokenType.Null)
                    {
                        error = "\"rest\" must be the request's path and query, e.g. \"/fapi/v1/depth?symbol=BTCUSDT&limit=1000\"";
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("frame"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = "\"frame\" must be the raw frame as a JSON string";
                        return false;
                    }
                    var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                    if (frameBuffer.Length < length) frameBuffer = new byte[Math.Max(length, frameBuffer.Length * 2)];
                    frameLength = reader.CopyString(frameBuffer);
                }
                else reader.Skip();
            }
            if (reader.Read())
            {
                error = "more than one JSON value on the line";
                return false;
            }
        }
        catch (JsonException e)
        {
            error = $"malformed JSON ({e.Message})";
            return false;
        }
        if (time is null) error = "\"t\" is missing";
        else if (string.IsNullOrEmpty(venue)) error = "\"venue\" is missing";
        else if (frameLength < 0) error = "\"frame\" is missing";
        else
        {
            parsed = new CaptureLine(time.Value, venue, frameBuffer, frameLength, rest);
            error = "";
            return true;
        }
        return false;
    }
}
