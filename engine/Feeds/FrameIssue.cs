namespace FundingArb.Feeds;

/// <summary>Why a frame (or part of one) did not reach the decision core. Counted per venue, per reason.</summary>
/// <remarks>Values below <see cref="FirstDropped"/> are <em>malformed</em> input (the frame itself is bad); the rest are
/// well-formed frames that were <em>dropped</em> (not usable now). The run report sums the two groups.</remarks>
public enum FrameIssue : byte
{
    None = 0,

    // Malformed
    MalformedJson = 1,
    MissingField = 2,
    InvalidNumber = 3,
    NegativeValue = 4,
    AbsurdValue = 5,
    UnexpectedShape = 6,
    TooManyLevels = 7,
    /// <summary>The parser threw: a bug, counted so it shows, never allowed to take the feed down.</summary>
    ParserFault = 8,

    // Dropped
    FirstDropped = 32,
    UnknownSymbol = 32,
    UnknownMessage = 33,
    Duplicate = 34,
    OutOfOrder = 35,
    SequenceGap = 36,
    ChecksumMismatch = 37,
    AwaitingSnapshot = 38,
    VenueError = 39,
    /// <summary>The market-data ring had no room for the rest of a frame: the consumer is falling behind.</summary>
    RingFull = 40,
}
