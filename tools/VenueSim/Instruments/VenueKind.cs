namespace FundingArb.VenueSim.Instruments;

/// <summary>The venues the simulator can impersonate. Each has its own wire folder; the core only knows the name.</summary>
public enum VenueKind
{
    Binance,
    Bybit,
    Okx,
}

/// <summary>Scenario and command-line spellings of <see cref="VenueKind"/>.</summary>
public static class VenueNames
{
    public static string Of(VenueKind venue) => venue switch
    {
        VenueKind.Binance => "binance",
        VenueKind.Bybit => "bybit",
        VenueKind.Okx => "okx",
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, null),
    };

    public static bool TryParse(string? text, out VenueKind venue)
    {
        switch (text)
        {
            case "binance": venue = VenueKind.Binance; return true;
            case "bybit": venue = VenueKind.Bybit; return true;
            case "okx": venue = VenueKind.Okx; return true;
            default: venue = default; return false;
        }
    }
}
