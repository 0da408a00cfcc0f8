using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Accounts;

/// <summary>An account to create on a venue: its key, secret (and OKX passphrase) and starting balance.</summary>
public sealed record ApiCredential(VenueKind Venue, string ApiKey, string Secret, string? Passphrase = null, decimal StartingBalance = 100_000m)
{
    /// <summary>DESIGN.md's default accounts, 100 000 USDT each.</summary>
    public static IReadOnlyList<ApiCredential> Defaults { get; } =
    [
        new(VenueKind.Binance, "sim-binance-key", "sim-binance-secret"),
        new(VenueKind.Bybit, "sim-bybit-key", "sim-bybit-secret"),
        new(VenueKind.Okx, "sim-okx-key", "sim-okx-secret", "sim-okx-passphrase"),
    ];
}
