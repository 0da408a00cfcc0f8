using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.VenueSim.Hosting;

/// <summary>How to run the simulator. Everything has a default that matches DESIGN.md's VenueSim contract.</summary>
public sealed class VenueSimulatorOptions
{
    /// <summary>The market to play; null plays the shipped default scenario.</summary>
    public Scenario? Scenario { get; init; }

    /// <summary>Drives the market timeline (prices, books, funding settlements). Tests pass a virtual clock.</summary>
    public TimeProvider MarketClock { get; init; } = TimeProvider.System;

    /// <summary>What signature timestamps (recvWindow) are checked against and what server-time endpoints report:
    /// the wall clock, whatever the market clock does. Injectable so tests can cover skew deterministically.</summary>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;

    /// <summary>Listening ports; 0 picks a free one.</summary>
    public int BinancePort { get; init; }
    public int BybitPort { get; init; }
    public int OkxPort { get; init; }

    public int PortOf(VenueKind venue) => venue switch
    {
        VenueKind.Binance => BinancePort,
        VenueKind.Bybit => BybitPort,
        VenueKind.Okx => OkxPort,
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, null),
    };

    /// <summary>Seeds every random choice (book size jitter, generated ids), so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Faults to arm on each venue at start (a faults file, or built in code); null: none. More can be
    /// scripted while running through <see cref="VenueSimulator.FaultsOf"/>.</summary>
    public FaultScript? Faults { get; init; }

    /// <summary>Accounts to create on each venue.</summary>
    public IReadOnlyList<ApiCredential> Accounts { get; init; } = ApiCredential.Defaults;
}
