namespace FundingArb.VenueSim.Faults;

/// <summary>Market-data channels as a stale-feed fault names them; each front end maps its streams onto these.</summary>
public enum MarketChannel
{
    /// <summary>Order book streams (diff and partial depth).</summary>
    Depth,
    /// <summary>Best bid/ask tickers.</summary>
    Ticker,
    /// <summary>Mark price, index and funding rate.</summary>
    Mark,
}
