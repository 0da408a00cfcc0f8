using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>After warm-up, parsing allocates nothing: the funding frame and a 20-level book frame, 10 000 times each.</summary>
public sealed class BinanceParserAllocationTests
{
    private const int Iterations = 10_000;

    public static TheoryData<string, string> Frames() => new()
    {
        { "mark price (combined stream)", BinanceTestVenue.Fixture("combined-mark-price.json") },
        { "mark price (raw)", BinanceTestVenue.Fixture("mark-price-stream.json") },
        { "20-level diff depth (combined stream)", BinanceFrames.Depth(levels: 20, stream: "btcusdt@depth@100ms") },
        { "20-level partial depth, data before stream", "{\"data\":" + BinanceFrames.Depth(levels: 20) + ",\"stream\":\"btcusdt@depth20@100ms\"}" },
        { "all-market mark price", BinanceTestVenue.Fixture("mark-price-all-market.json") },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Parsing_allocates_nothing_in_steady_state(string name, string text)
    {
        var v = new BinanceTestVenue();
        var frame = Encoding.UTF8.GetBytes(text);
        var sink = v.Sink;
        var parser = v.Parser;
        var allocated = SteadyStateAllocation.BytesPerRound(() => ParseOnce(parser, sink, v.Venue, frame), Iterations);

        Assert.True(allocated == 0, $"{name}: {allocated} bytes allocated over {Iterations} frames");
        Assert.NotEqual(MarketEventKind.None, sink.Committed[0].Kind);
    }

    [Fact]
    public void Rest_depth_snapshot_parsing_allocates_nothing()
    {
        var v = new BinanceTestVenue();
        var body = Encoding.UTF8.GetBytes(BinanceFrames.Snapshot(levels: 1000));
        const string request = "/fapi/v1/depth?symbol=BTCUSDT&limit=1000";
        var allocated = SteadyStateAllocation.BytesPerRound(() => ParseRestOnce(v, request, body), 200);

        Assert.Equal(0, allocated);
    }

    private static void ParseOnce(IMarketFrameParser parser, BufferedEventSink sink, VenueId venue, byte[] frame)
    {
        sink.Begin(venue, 1);
        if (!parser.Parse(frame, sink).IsUsable) throw new InvalidOperationException("frame refused");
        sink.Commit();
    }

    private static void ParseRestOnce(BinanceTestVenue v, string request, byte[] body)
    {
        v.Sink.Begin(v.Venue, 1);
        if (!v.Parser.ParseRest(request, body, v.Sink).IsUsable) throw new InvalidOperationException("body refused");
        v.Sink.Commit();
    }
}
