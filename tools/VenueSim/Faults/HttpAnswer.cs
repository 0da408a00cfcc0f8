namespace FundingArb.VenueSim.Faults;

/// <summary>A complete HTTP answer a venue renders for an injected fault: status, JSON body and extra headers
/// (Retry-After, weight headers...).</summary>
public sealed record HttpAnswer(int Status, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers);
