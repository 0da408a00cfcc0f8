using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

public sealed class BybitMarketDataTests
{
    private readonly IMarketDataVenue _venue = BybitMarketData.Instance;

    [Fact]
    public void Descriptor_NamesTheLiveEndpoints()
    {
        Assert.Equal("bybit", _venue.Name);
        Assert.Equal(new Uri("https://api.bybit.com"), _venue.LiveRestBase);
        Assert.Equal(new Uri("wss://stream.bybit.com"), _venue.LiveWebSocketBase);
        Assert.Equal("wss://stream.bybit.com/v5/public/linear", new Uri(_venue.LiveWebSocketBase, BybitMarketData.PublicLinearPath).ToString());
        Assert.Null(_venue.DefaultFundingIntervalHours);
        Assert.IsType<BybitMarketParser>(_venue.CreateParser(new VenueId(1), new InstrumentRegistry()));
        Assert.IsType<BybitBookSync>(_venue.CreateBookSync());
        Assert.NotSame(_venue.CreateBookSync(), _venue.CreateBookSync());
    }

    [Fact]
    public void OneSymbol_IsOneConnectionWithOneSubscribe()
    {
        var stream = Assert.Single(_venue.PlanStreams(["BTCUSDT"]));

        Assert.Equal("/v5/public/linear", stream.Path);
        var message = Assert.Single(stream.OnOpen);
        Assert.Equal("""{"req_id":"sub-1-1","op":"subscribe","args":["tickers.BTCUSDT","orderbook.50.BTCUSDT"]}""", message);
    }

    [Fact]
    public void SubscribeRequests_CarryAtMostTenTopics()
    {
        var stream = Assert.Single(_venue.PlanStreams(["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "1000PEPEUSDT"]));

        Assert.Equal(2, stream.OnOpen.Count);
        Assert.Equal(
            """{"req_id":"sub-1-1","op":"subscribe","args":["tickers.BTCUSDT","orderbook.50.BTCUSDT","tickers.ETHUSDT","orderbook.50.ETHUSDT","tickers.SOLUSDT","orderbook.50.SOLUSDT","tickers.XRPUSDT","orderbook.50.XRPUSDT","tickers.DOGEUSDT","orderbook.50.DOGEUSDT"]}""",
            stream.OnOpen[0]);
        Assert.Equal(
            """{"req_id":"sub-1-2","op":"subscribe","args":["tickers.1000PEPEUSDT","orderbook.50.1000PEPEUSDT"]}""",
            stream.OnOpen[1]);
    }

    [Fact]
    public void ManySymbols_AreSpreadOverConnectionsOfAtMostFiftySymbols()
    {
        var symbols = Enumerable.Range(0, 120).Select(i => $"COIN{i}USDT").ToArray();

        var streams = _venue.PlanStreams(symbols);

        Assert.Equal(3, streams.Count);
        var topicsPerStream = streams.Select(TopicsOf).ToArray();
        Assert.Equal([100, 100, 40], topicsPerStream.Select(t => t.Count));
        var all = topicsPerStream.SelectMany(t => t).ToArray();
        Assert.Equal(symbols.SelectMany(s => new[] { $"tickers.{s}", $"orderbook.50.{s}" }), all);
        Assert.Equal(symbols, streams.SelectMany(s => s.BookSymbols)); // each book is carried by exactly one connection
        Assert.Equal([50, 50, 20], streams.Select(s => s.BookSymbols.Count));
        foreach (var (stream, index) in streams.Select((s, i) => (s, i)))
        {
            Assert.Equal("/v5/public/linear", stream.Path);
            Assert.All(stream.OnOpen, m => Assert.True(Args(m).Count <= BybitMarketData.MaxTopicsPerSubscribeRequest));
            Assert.True(TopicsOf(stream).Sum(t => t.Length + 3) <= BybitMarketData.MaxArgsCharactersPerConnection);
            Assert.Equal($"sub-{index + 1}-1", RequestId(stream.OnOpen[0]));
        }
    }

    [Fact]
    public void LongSymbols_StayWithinTheArgsCharacterBudgetOfAConnection()
    {
        // 21,000 characters of "args" per public connection: 50 symbols of 200 characters would exceed it.
        var symbols = Enumerable.Range(0, 50).Select(i => new string('A', 196) + $"{i:D2}" + "US").ToArray();

        var streams = _venue.PlanStreams(symbols);

        Assert.True(streams.Count > 1);
        foreach (var stream in streams)
        {
            var args = TopicsOf(stream);
            Assert.True(2 + args.Sum(t => t.Length + 3) <= BybitMarketData.MaxArgsCharactersPerConnection);
        }
        Assert.Equal(100, streams.Sum(s => TopicsOf(s).Count));
    }

    [Fact]
    public void PlanStreams_SkipsRepeatedSymbols_AndPlansNothingForNoSymbols()
    {
        Assert.Empty(_venue.PlanStreams([]));
        var stream = Assert.Single(_venue.PlanStreams(["BTCUSDT", "BTCUSDT"]));
        Assert.Equal(["tickers.BTCUSDT", "orderbook.50.BTCUSDT"], TopicsOf(stream));
    }

    [Theory]
    [InlineData("btcusdt")]
    [InlineData("BTC-USDT")]
    [InlineData("BTC\"USDT")]
    [InlineData("")]
    public void PlanStreams_RefusesSymbolsBybitCannotHave(string symbol)
    {
        Assert.Throws<ArgumentException>(() => _venue.PlanStreams([symbol]));
    }

    [Fact]
    public void Heartbeat_PingsEvery20Seconds()
    {
        var heartbeat = _venue.Heartbeat;

        Assert.Equal(TimeSpan.FromSeconds(20), heartbeat.Interval);
        Assert.Equal("""{"req_id":"ping","op":"ping"}""", heartbeat.Message);
        Assert.Equal(TimeSpan.FromSeconds(30), heartbeat.SilenceLimit);
        Assert.Null(heartbeat.MaxConnectionAge);
        using var ping = JsonDocument.Parse(heartbeat.Message!);
        Assert.Equal("ping", ping.RootElement.GetProperty("op").GetString());
    }

    [Fact]
    public void RecoverBook_ResubscribesTheBookTopic_WithoutRest()
    {
        var recovery = _venue.RecoverBook("BTCUSDT");

        Assert.Null(recovery.SnapshotRequest);
        Assert.Equal(
        [
            """{"req_id":"unsub-BTCUSDT","op":"unsubscribe","args":["orderbook.50.BTCUSDT"]}""",
            """{"req_id":"sub-BTCUSDT","op":"subscribe","args":["orderbook.50.BTCUSDT"]}""",
        ], recovery.ResubscribeMessages);
    }

    [Fact]
    public void MetadataRequests_AskForTheFirstPageOfEveryLinearInstrument()
    {
        Assert.Equal(["/v5/market/instruments-info?category=linear&limit=1000"], _venue.MetadataRequests(["BTCUSDT", "ETHUSDT"]));
    }

    [Theory]
    [InlineData("BTCUSDT", "BTC", "USDT")]
    [InlineData("1000PEPEUSDT", "1000PEPE", "USDT")]
    [InlineData("ETHUSDC", "ETH", "USDC")]
    [InlineData("BTCPERP", "BTC", "USDC")]
    [InlineData("PERPUSDT", "PERP", "USDT")]
    public void TrySplitSymbol_SplitsPerpetuals(string symbol, string baseAsset, string quoteAsset)
    {
        Assert.True(_venue.TrySplitSymbol(symbol, out var actualBase, out var actualQuote));
        Assert.Equal((baseAsset, quoteAsset), (actualBase, actualQuote));
    }

    [Theory]
    [InlineData("BTCUSD")]
    [InlineData("BTC-26DEC25")]
    [InlineData("USDT")]
    [InlineData("PERP")]
    [InlineData("btcusdt")]
    [InlineData("")]
    public void TrySplitSymbol_RefusesTheRest(string symbol)
    {
        Assert.False(_venue.TrySplitSymbol(symbol, out _, out _));
    }

    [Fact]
    public void WriteSequenceFields_WritesUAndSeq()
    {
        var feed = new BybitTestFeed();
        feed.Parse(BybitTestFeed.Fixture("ws-orderbook-delta.json"));

        Assert.Equal("""{"u":177400507,"seq":66544703342}""", Write(feed.Events()[0]));
    }

    [Fact]
    public void WriteSequenceFields_LeavesOutAnAbsentSeq()
    {
        var evt = default(MarketEvent);
        evt.Reset(MarketEventKind.BookDelta, new VenueId(1), 0);
        evt.Book.UpdateId = 5;

        Assert.Equal("""{"u":5}""", Write(evt));
    }

    private static string Write(in MarketEvent evt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            BybitMarketData.Instance.WriteSequenceFields(writer, evt);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<string> TopicsOf(FeedStream stream) => [.. stream.OnOpen.SelectMany(Args)];

    private static List<string> Args(string message)
    {
        using var document = JsonDocument.Parse(message);
        Assert.Equal("subscribe", document.RootElement.GetProperty("op").GetString());
        return [.. document.RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()!)];
    }

    private static string RequestId(string message)
    {
        using var document = JsonDocument.Parse(message);
        return document.RootElement.GetProperty("req_id").GetString()!;
    }
}
