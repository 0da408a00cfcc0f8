namespace FundingArb.Feeds;

public enum FrameClass : byte
{
    /// <summary>Market data: its events (possibly none) are in the sink.</summary>
    MarketData = 0,
    /// <summary>A subscription ack or other protocol message: nothing for the decision core.</summary>
    Control = 1,
    /// <summary>The venue's answer to our application-level ping.</summary>
    Pong = 2,
    /// <summary>The venue reports an error (e.g. a refused subscription); the connection layer logs it.</summary>
    VenueError = 3,
}
