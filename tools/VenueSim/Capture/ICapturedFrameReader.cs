using System.Text.Json;

namespace FundingArb.VenueSim.Capture;

/// <summary>One venue's reading of its own captured frames (its folder implements it): instrument rules from metadata
/// answers, mark/index/funding observations and book snapshots and changes, told to the <see cref="CapturedVenue"/>.
/// Frames it does not know (acks, pongs, other channels) are ignored and counted by the caller.</summary>
public interface ICapturedFrameReader
{
    /// <summary>A REST answer recorded at <paramref name="at"/>; returns false when the path is not one it reads.</summary>
    bool ReadRest(string pathAndQuery, JsonElement body, TimeSpan at, CapturedVenue venue);

    /// <summary>A WebSocket frame received at <paramref name="at"/>; returns false when it carries no market data.</summary>
    bool ReadFrame(JsonElement frame, TimeSpan at, CapturedVenue venue);
}
