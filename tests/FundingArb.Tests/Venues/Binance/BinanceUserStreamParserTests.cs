using System.Text;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>User-data events from the docs' examples (Fixtures/README.md) into execution updates, and the stream's
/// dedupe: a repeated or overtaken update is never delivered twice, a fill is never counted twice.</summary>
public sealed class BinanceUserStreamParserTests
{
    private readonly BinanceTestVenue _venue = new();

    private BinanceUserStreamParser Parser() => new(_venue.Venue, _venue.Registry);

    /// <summary>The docs' ORDER_TRADE_UPDATE with the documented fields changed to a limit order's fill.</summary>
    private static string Trade(long tradeId, string last, string cumulative, string status, long time = 1568879465650) =>
        BinanceTestVenue.Fixture("order-trade-update.json")
            .Replace("\"c\":\"TEST\"", "\"c\":\"FA7L0A0\"").Replace("\"x\":\"NEW\"", "\"x\":\"TRADE\"").Replace("\"X\":\"NEW\"", $"\"X\":\"{status}\"")
            .Replace("\"l\":\"0\"", $"\"l\":\"{last}\"").Replace("\"z\":\"0\"", $"\"z\":\"{cumulative}\"").Replace("\"L\":\"0\"", "\"L\":\"7103.1\"")
            .Replace("\"t\":0", $"\"t\":{tradeId}").Replace("\"n\":\"0\"", "\"n\":\"0.00355155\"")
            .Replace("\"T\":1568879465650,\"t\"", $"\"T\":{time},\"t\"");

    private static string NewOrder() => BinanceTestVenue.Fixture("order-trade-update.json").Replace("\"c\":\"TEST\"", "\"c\":\"FA7L0A0\"");

    [Fact]
    public void Docs_order_update_example_is_an_accepted_order()
    {
        var parser = Parser();
        Assert.Equal(BinanceUserFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(BinanceTestVenue.Fixture("order-trade-update.json")), 5));
        var u = Assert.Single(parser.Updates.ToArray());
        Assert.Equal(ExecutionUpdateKind.Accepted, u.Kind);
        Assert.Equal(_venue.Btc, u.Instrument);
        Assert.Equal(OrderSide.Sell, u.Side);
        Assert.Equal(OrderStatus.New, u.Status);
        Assert.Equal("8886774", u.VenueOrderId.ToString());
        Assert.Equal("TEST", u.ClientOrderId.ToString());
        Assert.Equal(1568879465650, u.UpdateTimeMs);
        Assert.Equal(1568879465651, u.EventTimeMs);
        Assert.Equal(5, u.ReceivedTimestamp);
    }

    [Fact]
    public void A_trade_is_a_fill_with_its_trade_id_quantity_price_and_fee()
    {
        var parser = Parser();
        Assert.Equal(BinanceUserFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(Trade(5001, "0.001", "0.001", "FILLED")), 1));
        var u = Assert.Single(parser.Updates.ToArray());
        Assert.Equal(ExecutionUpdateKind.Fill, u.Kind);
        Assert.Equal("FA7L0A0", u.ClientOrderId.ToString());
        Assert.Equal("5001", u.TradeId.ToString());
        Assert.Equal(Quantity.Parse("0.001"), u.LastFillQuantity);
        Assert.Equal(Price.Parse("7103.1"), u.LastFillPrice);
        Assert.Equal(Quantity.Parse("0.00355155"), u.Fee);
        Assert.Equal("USDT", u.Asset.ToString());
        Assert.Equal(OrderStatus.Filled, u.Status);
    }

    [Fact]
    public void Docs_account_update_example_gives_balances_and_the_position()
    {
        var parser = Parser();
        Assert.Equal(BinanceUserFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(BinanceTestVenue.Fixture("account-update.json")), 1));
        var updates = parser.Updates.ToArray();
        Assert.Equal(3, updates.Length);
        Assert.Equal(ExecutionUpdateKind.Balance, updates[0].Kind);
        Assert.Equal("USDT", updates[0].Asset.ToString());
        Assert.Equal(Quantity.Parse("122624.12345678"), updates[0].Amount);
        Assert.Equal("BUSD", updates[1].Asset.ToString());
        Assert.Equal(ExecutionUpdateKind.Position, updates[2].Kind);
        Assert.Equal(_venue.Btc, updates[2].Instrument);
        Assert.True(updates[2].PositionQuantity.IsZero);
        Assert.All(updates, u => Assert.Equal(1564745798938, u.UpdateTimeMs));
        Assert.DoesNotContain(updates, u => u.Kind == ExecutionUpdateKind.FundingPayment);
    }

    [Fact]
    public void Funding_fee_in_the_cross_shape_is_a_funding_payment_without_instrument()
    {
        // The docs describe it in words: only B (the funding asset), no P; built from the documented fields.
        const string frame = """{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"122624.12345678","cw":"100.12345678","bc":"-0.12345678"}],"P":[]}}""";
        var parser = Parser();
        Assert.Equal(BinanceUserFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(frame), 1));
        var funding = Assert.Single(parser.Updates.ToArray(), u => u.Kind == ExecutionUpdateKind.FundingPayment);
        Assert.Equal(Quantity.Parse("-0.12345678"), funding.Amount);
        Assert.Equal("USDT", funding.Asset.ToString());
        Assert.True(funding.Instrument.IsNone);
        Assert.Equal(1564745798938, funding.UpdateTimeMs);
    }

    [Fact]
    public void Funding_fee_with_one_isolated_position_is_attributed_to_it()
    {
        const string frame = """{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"1","cw":"1","bc":"0.5"}],"P":[{"s":"ETHUSDT","pa":"-2","ep":"2000","bep":"0","cr":"0","up":"0","mt":"isolated","iw":"1","ps":"BOTH"}]}}""";
        var parser = Parser();
        parser.Parse(Encoding.UTF8.GetBytes(frame), 1);
        var funding = Assert.Single(parser.Updates.ToArray(), u => u.Kind == ExecutionUpdateKind.FundingPayment);
        Assert.Equal(_venue.Eth, funding.Instrument);
        var position = Assert.Single(parser.Updates.ToArray(), u => u.Kind == ExecutionUpdateKind.Position);
        Assert.Equal(Quantity.Parse("-2"), position.PositionQuantity);
    }

    [Theory]
    [InlineData("{\"e\":\"listenKeyExpired\",\"E\":1576653824250,\"listenKey\":\"WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv\"}", BinanceUserFrame.ListenKeyExpired)]
    [InlineData("{\"result\":[\"abc\"],\"id\":1}", BinanceUserFrame.SubscriptionList)]
    [InlineData("{\"e\":\"TRADE_LITE\",\"E\":1721895408092,\"T\":1721895408214,\"s\":\"BTCUSDT\"}", BinanceUserFrame.Ignored)]
    [InlineData("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,", BinanceUserFrame.Malformed)]
    [InlineData("[1,2]", BinanceUserFrame.Malformed)]
    [InlineData("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1568879465651}", BinanceUserFrame.Malformed)]
    public void Other_frames_are_told_apart(string frame, BinanceUserFrame expected) =>
        Assert.Equal(expected, Parser().Parse(Encoding.UTF8.GetBytes(frame), 1));

    [Fact]
    public void A_fill_without_a_trade_id_is_refused_since_it_could_not_be_deduplicated()
    {
        var parser = Parser();
        Assert.Equal(BinanceUserFrame.Malformed, parser.Parse(Encoding.UTF8.GetBytes(Trade(0, "0.001", "0.001", "FILLED")), 1));
        Assert.Equal(FrameIssue.MissingField, parser.LastIssue);
    }

    /// <summary>The stream end to end minus the socket: frames in, the execution ring out.</summary>
    private sealed class Stream
    {
        public Stream(BinanceTestVenue venue)
        {
            Ring = RingBuffer<ExecutionUpdate>.CreateSingleProducer(256);
            Handler = new BinanceUserStream(new Uri("ws://127.0.0.1/"), null!, new BinanceUserStreamParser(venue.Venue, venue.Registry), Ring);
        }

        public RingBuffer<ExecutionUpdate> Ring { get; }
        public BinanceUserStream Handler { get; }

        public void Feed(string frame) => Handler.OnMessage(Encoding.UTF8.GetBytes(frame), 1);

        public List<ExecutionUpdate> Published()
        {
            var list = new List<ExecutionUpdate>();
            for (long s = 0; s <= Ring.Cursor; s++) list.Add(Ring[s]);
            return list;
        }
    }

    [Fact]
    public void A_repeated_trade_is_delivered_once_and_the_fill_never_counted_twice()
    {
        var stream = new Stream(_venue);
        stream.Feed(NewOrder());
        stream.Feed(Trade(5001, "0.0004", "0.0004", "PARTIALLY_FILLED"));
        stream.Feed(Trade(5001, "0.0004", "0.0004", "PARTIALLY_FILLED")); // resent
        stream.Feed(Trade(5002, "0.0006", "0.001", "FILLED", time: 1568879465700));
        stream.Feed(Trade(5002, "0.0006", "0.001", "FILLED", time: 1568879465700)); // resent after a reconnect
        var fills = stream.Published().Where(u => u.Kind == ExecutionUpdateKind.Fill).ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal(Quantity.Parse("0.001"), fills.Aggregate(Quantity.Zero, (sum, f) => sum + f.LastFillQuantity));
        Assert.Equal(2, stream.Handler.Duplicates);
        Assert.Equal(2, stream.Handler.Counters[FrameIssue.Duplicate]);
    }

    [Fact]
    public void Fills_out_of_order_both_count_and_a_late_new_is_stale()
    {
        var stream = new Stream(_venue);
        stream.Feed(Trade(5002, "0.0006", "0.001", "FILLED", time: 1568879465700));
        stream.Feed(Trade(5001, "0.0004", "0.0004", "PARTIALLY_FILLED")); // older trade, arrives late: still a fill
        stream.Feed(NewOrder()); // the order's NEW, overtaken by its fills
        var published = stream.Published();
        Assert.Equal(2, published.Count(u => u.Kind == ExecutionUpdateKind.Fill));
        Assert.DoesNotContain(published, u => u.Kind == ExecutionUpdateKind.Accepted);
        Assert.Equal(1, stream.Handler.Stale);
    }

    [Fact]
    public void A_repeated_funding_payment_is_delivered_once()
    {
        const string frame = """{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"122624.12345678","cw":"100.12345678","bc":"-0.12345678"}],"P":[]}}""";
        var stream = new Stream(_venue);
        stream.Feed(frame);
        stream.Feed(frame);
        Assert.Single(stream.Published(), u => u.Kind == ExecutionUpdateKind.FundingPayment);
    }

    [Fact]
    public void Both_sides_of_a_self_trade_are_fills_though_they_share_the_trade_id()
    {
        static string Side(string client, long orderId, string side) =>
            Trade(777, "0.001", "0.001", "FILLED").Replace("\"c\":\"FA7L0A0\"", $"\"c\":\"{client}\"").Replace("\"S\":\"SELL\"", $"\"S\":\"{side}\"")
                .Replace("\"i\":8886774", $"\"i\":{orderId}");
        var stream = new Stream(_venue);
        stream.Feed(Side("FA1L0A0", 1001, "BUY"));
        stream.Feed(Side("FA2L0A0", 1002, "SELL"));
        stream.Feed(Side("FA2L0A0", 1002, "SELL")); // a true repeat is still one
        var fills = stream.Published().Where(u => u.Kind == ExecutionUpdateKind.Fill).ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal([OrderSide.Buy, OrderSide.Sell], fills.Select(f => f.Side));
        Assert.Equal(1, stream.Handler.Duplicates);
    }

    [Fact]
    public void Two_cross_margin_funding_payments_of_equal_amount_settled_together_are_both_delivered()
    {
        // Two symbols settled in the same ms for the same amount: two events, each leaving its own wallet balance.
        const string first = """{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"1000.50000000","cw":"1000.5","bc":"0.50000000"}],"P":[]}}""";
        const string second = """{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"1001.00000000","cw":"1001","bc":"0.50000000"}],"P":[]}}""";
        var stream = new Stream(_venue);
        stream.Feed(first);
        stream.Feed(second);
        var payments = stream.Published().Where(u => u.Kind == ExecutionUpdateKind.FundingPayment).ToList();
        Assert.Equal(2, payments.Count);
        Assert.Equal([Quantity.Parse("1000.5"), Quantity.Parse("1001")], payments.Select(p => p.WalletBalance));
    }

    [Fact]
    public void Malformed_frames_are_counted_and_dropped()
    {
        var stream = new Stream(_venue);
        stream.Feed("not json");
        stream.Feed("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1568879465651,\"o\":{\"s\":\"BTCUSDT\",\"x\":\"TRADE\",\"X\":\"FILLED\",\"l\":\"-1\"}}");
        stream.Feed(Trade(5001, "0.001", "0.001", "FILLED").Replace("BTCUSDT", "DOGEUSDT"));
        Assert.Empty(stream.Published());
        Assert.Equal(2, stream.Handler.Counters.Malformed);
        Assert.Equal(1, stream.Handler.Counters[FrameIssue.UnknownSymbol]);
        Assert.Equal(-1, stream.Ring.Cursor);
    }
}
