using FundingArb.Decision;
using FundingArb.Gateway;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Host;

/// <summary>What <c>funding-arb paper</c> runs: the simulator's scenario and faults, and the engine's configuration.</summary>
public sealed record PaperOptions
{
    /// <summary>Null: the simulator's embedded default scenario.</summary>
    public Scenario? Scenario { get; init; }
    public FaultScript? Faults { get; init; }
    public DecisionConfig Decision { get; init; } = DecisionConfig.Default;
    public GatewayConfig Gateway { get; init; } = GatewayConfig.Default;
    /// <summary>Both the simulator's clocks and the engine's: virtual in tests.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public int Seed { get; init; } = 1;
    /// <summary>Where decision records go (JSON Lines); null: kept nowhere.</summary>
    public Stream? Decisions { get; init; }
    /// <summary>Longest wait at stop for attempts in progress to settle (their orders' deadlines included).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(45);
}
