namespace FundingArb.Feeds;

/// <summary>What a parser made of a frame: its class and, if it is unusable, why.</summary>
public readonly record struct FrameResult(FrameClass Class, FrameIssue Issue)
{
    public static FrameResult MarketData => new(FrameClass.MarketData, FrameIssue.None);
    public static FrameResult Control => new(FrameClass.Control, FrameIssue.None);
    public static FrameResult Pong => new(FrameClass.Pong, FrameIssue.None);
    public static FrameResult VenueError => new(FrameClass.VenueError, FrameIssue.VenueError);
    public static FrameResult Bad(FrameIssue issue) => new(FrameClass.MarketData, issue);

    public bool IsUsable => Issue == FrameIssue.None;
}
