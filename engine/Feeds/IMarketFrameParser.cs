namespace FundingArb.Feeds;

/// <summary>A venue's market-data parser: raw UTF-8 bytes in, events written into sink slots, nothing allocated.</summary>
/// <remarks>The caller has called <see cref="MarketEventSink.Begin"/>; the parser claims slots and fills them, and returns
/// the frame's class and, when the frame is unusable, the reason. On a reason other than None the caller aborts every
/// slot claimed for the frame, so a parser may stop at the first bad field. A parser holds no market state (books
/// and merged funding live downstream); one instance serves one receiving thread.</remarks>
public interface IMarketFrameParser
{
    /// <summary>One WebSocket message (a whole frame, even if it arrived in several WebSocket fragments).</summary>
    FrameResult Parse(ReadOnlySpan<byte> frame, MarketEventSink sink);

    /// <summary>The body of a REST market-data response (depth snapshot, premium index, tickers…) for the request
    /// <paramref name="pathAndQuery"/>, as written in the capture's <c>rest</c> field. An unknown path is
    /// <see cref="FrameIssue.UnknownMessage"/>.</summary>
    FrameResult ParseRest(ReadOnlySpan<char> pathAndQuery, ReadOnlySpan<byte> body, MarketEventSink sink);
}
