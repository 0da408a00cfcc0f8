namespace FundingArb.VenueSim.Scenarios;

/// <summary>A scenario file that cannot be used; the message names the field (as a JSON path) and what it must be.</summary>
public sealed class ScenarioException(string message, Exception? inner = null) : Exception(message, inner);
