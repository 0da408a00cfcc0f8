using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The venue descriptor: URLs, stream plan, heartbeat, recovery, symbol split, decode sequence fields.</summary>
public sealed class BinanceMarketDataTests
{
    private readonly BinanceMarketData _binance = BinanceMarketData.Instance;

    [Fact]
    public void Identity_and_live_endpoints()
    {
        Assert.Equal("binance", _binance.Name);
        Assert.Equal(new Uri("https://fapi.binance.com"), _binance.LiveRestBase);
        Assert.Equal(new Uri("wss://fstream.binance.com"), _binance.LiveWebSocketBase);
        Assert.Equal(8, _binance.DefaultFundingIntervalHours);
        Assert.IsType<BinanceMarketParser>(_binance.CreateParser(new VenueId(1), new InstrumentRegistry()));
        Assert.IsType<BinanceBookSync>(_binance.CreateBookSync());
        Assert.NotSame(_binance.CreateBookSync(), _binance.CreateBookSync());
    }

    /// <summary>Mark price on /market, depth on /public, combined form, lower-case symbols, nothing to send on open.</summary>
    [Fact]
    public void Streams_are_planned_on_their_routes_in_the_combined_form()
    {
        var plan = _binance.PlanStreams(["BTCUSDT", "ETHUSDT"]);

        Assert.Equal(2, plan.Count);
        Assert.Equal("/market/stream?streams=btcusdt@markPrice@1s/ethusdt@markPrice@1s", plan[0].Path);
        Assert.Equal("/public/stream?streams=btcusdt@depth@100ms/ethusdt@depth@100ms", plan[1].Path);
        Assert.All(plan, s => Assert.Empty(s.OnOpen));
        Assert.Empty(plan[0].BookSymbols); // mark price carries no book
        Assert.Equal(["BTCUSDT", "ETHUSDT"], plan[1].BookSymbols); // in the registry's spelling, for invalidation and snapshots
    }

    [Fact]
    public void More_symbols_than_one_connection_takes_are_split_across_connections()
    {
        var symbols = Enumerable.Range(0, 450).Select(i => $"S{i}USDT").ToArray();

        var plan = _binance.PlanStreams(symbols);

        var market = plan.Where(s => s.Path.StartsWith("/market/stream?streams=", StringComparison.Ordinal)).ToArray();
        var depth = plan.Where(s => s.Path.StartsWith("/public/stream?streams=", StringComparison.Ordinal)).ToArray();
        Assert.Equal(plan.Count, market.Length + depth.Length);
        Assert.Equal(3, market.Length);
        Assert.Equal(3, depth.Length);
        Assert.Equal(new[] { 200, 200, 50 }, market.Select(Streams).Select(s => s.Length));
        Assert.Equal(new[] { 200, 200, 50 }, depth.Select(Streams).Select(s => s.Length));
        Assert.Equal(symbols.Select(s => s.ToLowerInvariant() + "@markPrice@1s"), market.SelectMany(Streams));
        Assert.Equal(symbols.Select(s => s.ToLowerInvariant() + "@depth@100ms"), depth.SelectMany(Streams));
        Assert.All(plan, s => Assert.True(Streams(s).Length <= BinanceMarketData.DocumentedMaxStreamsPerConnection));
        Assert.All(plan, s => Assert.True(s.Path.Length < 8000, "combined URL too long"));
    }

    [Fact]
    public void Plan_drops_duplicate_symbols_and_refuses_empty_ones()
    {
        Assert.Equal("/market/stream?streams=btcusdt@markPrice@1s", _binance.PlanStreams(["BTCUSDT", "btcusdt", " BTCUSDT "])[0].Path);
        Assert.Empty(_binance.PlanStreams([]));
        Assert.Throws<ArgumentException>(() => _binance.PlanStreams(["BTCUSDT", ""]));
    }

    [Fact]
    public void Heartbeat_relies_on_websocket_pings_and_reconnects_before_the_24_hour_limit()
    {
        var heartbeat = _binance.Heartbeat;

        Assert.Null(heartbeat.Message);
        Assert.Equal(TimeSpan.FromMinutes(1), heartbeat.Interval);
        Assert.True(heartbeat.Interval < TimeSpan.FromMinutes(10)); // Binance drops a connection silent for 10 min
        Assert.Equal(TimeSpan.FromSeconds(30), heartbeat.SilenceLimit);
        Assert.Equal(new TimeSpan(23, 30, 0), heartbeat.MaxConnectionAge);
    }

    [Theory]
    [InlineData("BTCUSDT", "/fapi/v1/depth?symbol=BTCUSDT&limit=1000")]
    [InlineData("ethusdt", "/fapi/v1/depth?symbol=ETHUSDT&limit=1000")]
    public void Book_recovery_is_a_rest_snapshot_without_resubscription(string symbol, string request)
    {
        var recovery = _binance.RecoverBook(symbol);

        Assert.Equal(request, recovery.SnapshotRequest);
        Assert.Empty(recovery.ResubscribeMessages);
    }

    [Fact]
    public void Recovered_snapshot_request_is_understood_by_the_parser()
    {
        var v = new BinanceTestVenue();
        var request = _binance.RecoverBook("BTCUSDT").SnapshotRequest!;

        Assert.Equal(FrameResult.MarketData, v.ParseRest(request, BinanceTestVenue.Fixture("depth-snapshot.json")));
        Assert.Equal(v.Btc, v.Events[0].Instrument);
    }

    [Fact]
    public void Metadata_requests_are_exchange_info_then_funding_info()
    {
        Assert.Equal(new[] { "/fapi/v1/exchangeInfo", "/fapi/v1/fundingInfo" }, _binance.MetadataRequests(["BTCUSDT"]));
    }

    [Theory]
    [InlineData("BTCUSDT", "BTC", "USDT")]
    [InlineData("ETHUSDC", "ETH", "USDC")]
    [InlineData("1000PEPEUSDT", "1000PEPE", "USDT")]
    [InlineData("USDCUSDT", "USDC", "USDT")]
    [InlineData("BTCDOMUSDT", "BTCDOM", "USDT")]
    public void Perpetual_symbols_split_into_base_and_quote(string symbol, string baseAsset, string quoteAsset)
    {
        Assert.True(_binance.TrySplitSymbol(symbol, out var b, out var q));
        Assert.Equal((baseAsset, quoteAsset), (b, q));
    }

    [Theory]
    [InlineData("BTCUSDT_240329")]
    [InlineData("btcusdt")]
    [InlineData("USDT")]
    [InlineData("BTCBUSD")]
    [InlineData("BTCUSD")]
    [InlineData("BTC-USDT")]
    [InlineData("")]
    public void Other_symbols_do_not_split(string symbol)
    {
        Assert.False(_binance.TrySplitSymbol(symbol, out _, out _));
    }

    [Fact]
    public void Delta_sequence_fields_are_written_as_U_u_pu()
    {
        var v = new BinanceTestVenue();
        Assert.True(v.Parse(BinanceTestVenue.Fixture("partial-depth.json")).IsUsable);

        Assert.Equal("""{"U":390497796,"u":390497878,"pu":390497794}""", Write(v.Events[0]));
    }

    [Fact]
    public void Stream_snapshot_sequence_fields_are_written_as_U_u_pu()
    {
        var v = new BinanceTestVenue();
        Assert.True(v.Parse(BinanceTestVenue.Fixture("combined-partial-depth.json")).IsUsable);

        Assert.Equal(MarketEventKind.BookSnapshot, v.Events[0].Kind);
        Assert.Equal("""{"U":390497796,"u":390497878,"pu":390497794}""", Write(v.Events[0]));
    }

    [Fact]
    public void Rest_snapshot_sequence_field_is_written_as_lastUpdateId()
    {
        var v = new BinanceTestVenue();
        Assert.True(v.ParseRest("/fapi/v1/depth?symbol=BTCUSDT&limit=1000", BinanceTestVenue.Fixture("depth-snapshot.json")).IsUsable);

        Assert.Equal("""{"lastUpdateId":1027024}""", Write(v.Events[0]));
    }

    [Fact]
    public void Funding_events_have_no_sequence_fields()
    {
        var v = new BinanceTestVenue();
        Assert.True(v.Parse(BinanceTestVenue.Fixture("mark-price-stream.json")).IsUsable);

        Assert.Equal("{}", Write(v.Events[0]));
    }

    private string Write(in MarketEvent evt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            _binance.WriteSequenceFields(writer, evt);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string[] Streams(FeedStream stream) =>
        stream.Path[(stream.Path.IndexOf("?streams=", StringComparison.Ordinal) + "?streams=".Length)..].Split('/');
}
