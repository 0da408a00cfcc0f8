namespace FundingArb.VenueSim.Instruments;

/// <summary>How the synthetic resting liquidity of one instrument looks: <see cref="Levels"/> price levels per side,
/// the best bid and ask <see cref="SpreadTicks"/> apart, consecutive levels <see cref="StepTicks"/> apart, the best
/// level holding <see cref="Size"/> (venue units: base asset, or contracts on OKX) and each deeper level
/// <see cref="Growth"/> times the one before it; each level's size varies by up to ±<see cref="Jitter"/> (a fraction)
/// from tick to tick so that the diff stream always has something to say.</summary>
public sealed record BookShape(int Levels, int SpreadTicks, int StepTicks, decimal Size, decimal Growth, decimal Jitter);
