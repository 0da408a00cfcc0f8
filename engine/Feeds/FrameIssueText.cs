using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Why a frame was refused, in words a user reading <c>decode</c> or <c>replay</c> output can act on.</summary>
public static class FrameIssueText
{
    public static string Describe(FrameIssue issue) => issue switch
    {
        FrameIssue.MalformedJson => "malformed JSON (not valid JSON, or truncated)",
        FrameIssue.MissingField => "a required field is missing or null",
        FrameIssue.InvalidNumber => "a number is not a valid decimal (NaN, Infinity, text, or more decimals than the engine keeps)",
        FrameIssue.NegativeValue => "a price, quantity or time is negative",
        FrameIssue.AbsurdValue => "a value is out of any plausible range (zero price, overflow, absurd rate or time)",
        FrameIssue.UnexpectedShape => "the message does not have the documented shape",
        FrameIssue.TooManyLevels => $"too many book levels for one frame (over {MarketEventSink.MaxEventsPerFrame} × {BookLevels.Capacity} per side)",
        FrameIssue.ParserFault => "the parser failed on this frame (a bug: please report it with the line)",
        FrameIssue.UnknownSymbol => "unknown symbol (not a perpetual this venue adapter maps)",
        FrameIssue.UnknownMessage => "not a market-data message this venue adapter knows",
        FrameIssue.Duplicate => "duplicate update",
        FrameIssue.OutOfOrder => "out-of-order (stale) update",
        FrameIssue.SequenceGap => "sequence gap",
        FrameIssue.ChecksumMismatch => "book checksum mismatch",
        FrameIssue.AwaitingSnapshot => "update before its snapshot",
        FrameIssue.VenueError => "the venue reports an error",
        FrameIssue.RingFull => "the market-data ring was full (the consumer is falling behind)",
        _ => issue.ToString(),
    };
}
