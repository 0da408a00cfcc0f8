namespace FundingArb.Gateway;

/// <summary>Limit (priced, with a <see cref="TimeInForce"/>) or market (unpriced, taker).</summary>
public enum OrderKind : byte
{
    Limit = 0,
    Market = 1,
}
