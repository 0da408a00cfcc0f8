using System.Buffers;
using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

public sealed class OkxMarketDataTests
{
    private static readonly OkxMarketData Okx = OkxMarketData.Instance;

    [Fact]
    public void Descriptor_NamesTheLiveEndpointsAndDefaults()
    {
        Assert.Equal("okx", Okx.Name);
        Assert.Equal(new Uri("https://www.okx.com"), Okx.LiveRestBase);
        Assert.Equal(new Uri("wss://ws.okx.com:8443"), Okx.LiveWebSocketBase);
        Assert.Equal("wss://ws.okx.com:8443/ws/v5/public", new Uri(Okx.LiveWebSocketBase, OkxMarketData.PublicPath).ToString());
        Assert.Null(Okx.DefaultFundingIntervalHours);
        Assert.IsType<OkxMarketParser>(Okx.CreateParser(new VenueId(1), new InstrumentRegistry()));
        Assert.IsType<OkxBookSync>(Okx.CreateBookSync());
    }

    [Fact]
    public void Heartbeat_IsTheTextPing_WellInsideTheThirtySecondsOfSilenceOkxAllows()
    {
        Assert.Equal(new FeedHeartbeat(TimeSpan.FromSeconds(20), "ping", TimeSpan.FromSeconds(30), null), Okx.Heartbeat);
    }

    [Fact]
    public void OneSymbol_OneConnectionSubscribingFundingMarkBooksAndItsIndex()
    {
        var stream = Assert.Single(Okx.PlanStreams(["BTC-USDT-SWAP"]));

        Assert.Equal("/ws/v5/public", stream.Path);
        Assert.Equal(
            """{"id":"1","op":"subscribe","args":[{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},{"channel":"mark-price","instId":"BTC-USDT-SWAP"},{"channel":"books","instId":"BTC-USDT-SWAP"},{"channel":"index-tickers","instId":"BTC-USDT"}]}""",
            Assert.Single(stream.OnOpen));
    }

    [Fact]
    public void TwoSymbols_ShareOneSubscribeRequest()
    {
        var stream = Assert.Single(Okx.PlanStreams(["BTC-USDT-SWAP", "ETH-USDC-SWAP"]));

        Assert.Equal(
            """{"id":"1","op":"subscribe","args":[""" +
            """{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},{"channel":"mark-price","instId":"BTC-USDT-SWAP"},{"channel":"books","instId":"BTC-USDT-SWAP"},{"channel":"index-tickers","instId":"BTC-USDT"},""" +
            """{"channel":"funding-rate","instId":"ETH-USDC-SWAP"},{"channel":"mark-price","instId":"ETH-USDC-SWAP"},{"channel":"books","instId":"ETH-USDC-SWAP"},{"channel":"index-tickers","instId":"ETH-USDC"}]}""",
            Assert.Single(stream.OnOpen));
    }

    [Fact]
    public void ManySymbols_AreSpreadSoNoConnectionHas30BooksChannels()
    {
        var symbols = Enumerable.Range(0, 60).Select(i => $"C{i}-USDT-SWAP").ToArray();

        var streams = Okx.PlanStreams(symbols);

        Assert.Equal(3, streams.Count); // 29 + 29 + 2
        var booksPerConnection = streams.Select(s => CountOf(Assert.Single(s.OnOpen), "\"channel\":\"books\"")).ToArray();
        Assert.Equal([29, 29, 2], booksPerConnection);
        Assert.All(streams, s => Assert.Equal("/ws/v5/public", s.Path));
        Assert.All(streams, s => Assert.True(Encoding.UTF8.GetByteCount(s.OnOpen[0]) < 64 * 1024));
        var all = string.Concat(streams.Select(s => s.OnOpen[0]));
        Assert.All(symbols, s => Assert.Equal(3, CountOf(all, $"\"instId\":\"{s}\"")));
        Assert.Equal(symbols, streams.SelectMany(s => s.BookSymbols)); // each book is carried by exactly one connection
        Assert.Equal([29, 29, 2], streams.Select(s => s.BookSymbols.Count));
    }

    [Fact]
    public void DuplicateSymbols_SubscribeTheirIndexOnce()
    {
        var message = Assert.Single(Assert.Single(Okx.PlanStreams(["BTC-USDT-SWAP", "BTC-USDT-SWAP"])).OnOpen);

        Assert.Equal(1, CountOf(message, "\"index-tickers\""));
    }

    [Fact]
    public void NoSymbols_NoStreams()
    {
        Assert.Empty(Okx.PlanStreams([]));
    }

    [Theory]
    [InlineData("BTC-USDT")]
    [InlineData("BTCUSDT")]
    [InlineData("BTC-USDT-240628")]
    [InlineData("-SWAP")]
    public void NonPerpetualSymbols_AreRefusedWhenPlanning(string symbol)
    {
        Assert.Throws<ArgumentException>(() => Okx.PlanStreams([symbol]));
        Assert.Throws<ArgumentException>(() => Okx.RecoverBook(symbol));
    }

    [Fact]
    public void RecoverBook_UnsubscribesAndResubscribesBooks_WithoutARestSnapshot()
    {
        var recovery = Okx.RecoverBook("BTC-USDT-SWAP");

        Assert.Null(recovery.SnapshotRequest);
        Assert.Equal(
            [
                """{"op":"unsubscribe","args":[{"channel":"books","instId":"BTC-USDT-SWAP"}]}""",
                """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT-SWAP"}]}""",
            ],
            recovery.ResubscribeMessages);
    }

    [Theory]
    [InlineData("BTC-USDT-SWAP", true, "BTC", "USDT")]
    [InlineData("ETH-USDC-SWAP", true, "ETH", "USDC")]
    [InlineData("1000PEPE-USDT-SWAP", true, "1000PEPE", "USDT")]
    [InlineData("BTC-USD-SWAP", true, "BTC", "USD")]      // inverse (the docs' funding-rate example)
    [InlineData("BTC-USDT", true, "BTC", "USDT")]         // spot / index (the docs' books example)
    [InlineData("LTC-USD-190628", true, "LTC", "USD")]    // expiry future (the docs' mark-price example)
    [InlineData("BTC-USDT-OPTION", false, "", "")]
    [InlineData("BTC-USDT-SWAP-X", false, "", "")]
    [InlineData("-USDT-SWAP", false, "", "")]
    [InlineData("btc-usdt-swap", false, "", "")]
    [InlineData("BTCUSDT", false, "", "")]
    [InlineData("", false, "", "")]
    public void TrySplitSymbol_SplitsEveryOkxInstrumentShape(string symbol, bool ok, string baseAsset, string quoteAsset)
    {
        Assert.Equal(ok, Okx.TrySplitSymbol(symbol, out var b, out var q));
        Assert.Equal((baseAsset, quoteAsset), (b, q));
    }

    [Fact]
    public void MetadataRequests_AreAllSwapInstrumentsThenEachFundingRate()
    {
        Assert.Equal(
            [
                "/api/v5/public/instruments?instType=SWAP",
                "/api/v5/public/funding-rate?instId=BTC-USDT-SWAP",
                "/api/v5/public/funding-rate?instId=ETH-USDT-SWAP",
            ],
            Okx.MetadataRequests(["BTC-USDT-SWAP", "ETH-USDT-SWAP"]));
        Assert.Equal(["/api/v5/public/instruments?instType=SWAP"], Okx.MetadataRequests([]));
    }

    [Fact]
    public void WriteSequenceFields_WritesSeqIdPrevSeqIdAndChecksumAsNumbers()
    {
        var t = new OkxTestVenue(booksUseSpotId: true);
        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-update.json")));
        Assert.Equal("""{"seqId":123457,"prevSeqId":123456,"checksum":0}""", Written(t.Events[0]));

        Assert.Equal(FrameResult.MarketData, t.Parse(OkxTestVenue.Fixture("ws-books-snapshot.json")));
        Assert.Equal("""{"seqId":123456,"prevSeqId":-1,"checksum":0}""", Written(t.Events[0]));

        var t2 = new OkxTestVenue();
        Assert.Equal(FrameResult.MarketData, t2.Parse(OkxTestVenue.Fixture("ws-books-snapshot-checksum.json")));
        Assert.Equal("""{"seqId":10,"prevSeqId":-1,"checksum":-1881014294}""", Written(t2.Events[0]));

        Assert.Equal(FrameResult.MarketData, t2.Parse(OkxTestVenue.Fixture("ws-mark-price.json")));
        Assert.Equal("{}", Written(t2.Events[0]));
    }

    private static string Written(MarketEvent evt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Okx.WriteSequenceFields(writer, evt);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
