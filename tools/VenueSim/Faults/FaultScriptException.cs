namespace FundingArb.VenueSim.Faults;

/// <summary>A fault script that cannot be used; the message names the field (as a JSON path) and what it must be.</summary>
public sealed class FaultScriptException(string message, Exception? inner = null) : Exception(message, inner);
