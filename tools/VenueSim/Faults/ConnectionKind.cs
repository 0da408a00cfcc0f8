namespace FundingArb.VenueSim.Faults;

/// <summary>Which WebSocket connections a drop hits. Flags, because some venues carry two kinds on one connection (OKX
/// places orders on its private stream), and a rule may name several.</summary>
[Flags]
public enum ConnectionKind
{
    /// <summary>Public market-data streams.</summary>
    Market = 1,
    /// <summary>Private (user-data) streams.</summary>
    Private = 2,
    /// <summary>The WebSocket trading API.</summary>
    Trading = 4,
    All = Market | Private | Trading,
}
