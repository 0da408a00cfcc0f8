using System.Text;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>The private WebSocket's messages from the docs' examples (Fixtures/README.md), parsed into execution updates
/// and op answers; duplicates dropped before the ring.</summary>
public sealed class OkxPrivateParserTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Venues", "Okx", "Fixtures", name));

    private static (OkxPrivateParser Parser, InstrumentRegistry Registry, VenueId Venue, InstrumentId Spot, InstrumentId Future) Parser()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(OkxMarketData.VenueName);
        var spot = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTC-USDT", spot); // the docs' examples are SPOT and FUTURES; mapped for the test
        var future = registry.Intern("ETH", "USD");
        registry.MapSymbol(venue, "ETH-USD-210430", future);
        return (new OkxPrivateParser(venue, registry), registry, venue, spot, future);
    }

    [Fact]
    public void The_docs_orders_push_is_one_fill_in_contracts_with_its_fee_as_paid()
    {
        var (parser, _, venue, spot, _) = Parser();
        Assert.Equal(OkxPrivateFrame.Updates, parser.Parse(Fixture("ws-orders.json"), 42));
        var fill = Assert.Single(parser.Updates.ToArray());
        Assert.Equal(ExecutionUpdateKind.Fill, fill.Kind);
        Assert.Equal(venue, fill.Venue);
        Assert.Equal(spot, fill.Instrument);
        Assert.Equal("452197707845865472", fill.VenueOrderId.ToString());
        Assert.Equal("242589207", fill.TradeId.ToString());
        Assert.True(fill.ClientOrderId.IsEmpty); // "clOrdId": ""
        Assert.Equal(OrderSide.Sell, fill.Side);
        Assert.Equal(OrderStatus.Filled, fill.Status);
        Assert.Equal(Quantity.Parse("0.001"), fill.LastFillQuantity);
        Assert.Equal(Price.Parse("31527.1"), fill.LastFillPrice);
        Assert.Equal(Quantity.Parse("0.001"), fill.CumulativeQuantity);
        Assert.Equal(Quantity.Parse("0.02522168"), fill.Fee); // fillFee -0.02522168: charged
        Assert.Equal("USDT", fill.Asset.ToString());
        Assert.True(fill.IsMaker); // execType M
        Assert.False(fill.ReduceOnly); // the string "false"
        Assert.Equal(1654084353264, fill.UpdateTimeMs);
        Assert.Equal(1654084353263, fill.EventTimeMs); // fillTime
        Assert.Equal(42, fill.ReceivedTimestamp);
    }

    [Fact]
    public void Acceptance_and_cancel_pushes_carry_no_trade_and_a_cancel_after_a_fill_repeats_it_harmlessly()
    {
        var (parser, _, _, _, _) = Parser();
        var text = Encoding.UTF8.GetString(Fixture("ws-orders.json"));
        var live = text.Replace("\"state\": \"filled\"", "\"state\": \"live\"", StringComparison.Ordinal)
            .Replace("\"tradeId\": \"242589207\"", "\"tradeId\": \"\"", StringComparison.Ordinal);
        Assert.Equal(OkxPrivateFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(live), 0));
        var accepted = Assert.Single(parser.Updates.ToArray());
        Assert.Equal((ExecutionUpdateKind.Accepted, OrderStatus.New), (accepted.Kind, accepted.Status));
        Assert.True(accepted.LastFillQuantity.IsZero);

        var canceled = text.Replace("\"state\": \"filled\"", "\"state\": \"canceled\"", StringComparison.Ordinal)
            .Replace("\"sz\": \"0.001\"", "\"sz\": \"0.002\"", StringComparison.Ordinal);
        Assert.Equal(OkxPrivateFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(canceled), 0));
        var updates = parser.Updates.ToArray();
        Assert.Equal([ExecutionUpdateKind.Fill, ExecutionUpdateKind.Canceled], updates.Select(u => u.Kind));
        Assert.Equal(OrderStatus.PartiallyFilled, updates[0].Status); // 0.001 of 0.002 before the cancel
        Assert.True(updates[1].TradeId.IsEmpty);
    }

    [Fact]
    public void A_fill_repeated_by_the_venue_reaches_the_ring_once()
    {
        var (parser, _, _, _, _) = Parser();
        var ring = RingBuffer<ExecutionUpdate>.CreateSingleProducer(16);
        using var session = new OkxPrivateSession(new Uri("ws://unused/"), new ApiCredentials("k", "s", "p"),
            new ClockOffset(TimeProvider.System), parser, ring);
        session.OnMessage(Fixture("ws-orders.json"), 1);
        session.OnMessage(Fixture("ws-orders.json"), 2); // resent after a reconnect
        Assert.Equal(0, ring.Cursor);
        Assert.Equal(1, session.Duplicates);
        Assert.Equal(ExecutionUpdateKind.Fill, ring[0].Kind);
    }

    [Fact]
    public void The_docs_positions_push_is_a_position_and_a_changed_funding_fee_is_noticed()
    {
        var (parser, _, _, _, future) = Parser();
        Assert.Equal(OkxPrivateFrame.Updates, parser.Parse(Fixture("ws-positions.json"), 0));
        var position = Assert.Single(parser.Updates.ToArray());
        Assert.Equal((ExecutionUpdateKind.Position, future), (position.Kind, position.Instrument));
        Assert.Equal(Quantity.Parse("1"), position.PositionQuantity);
        Assert.Equal(Price.Parse("2566.31"), position.EntryPrice);
        Assert.Equal(1619507761462, position.UpdateTimeMs);
        Assert.False(parser.FundingFeeChanged); // the first fundingFee seen is the baseline

        var settled = Encoding.UTF8.GetString(Fixture("ws-positions.json")).Replace("\"fundingFee\":\"0\"", "\"fundingFee\":\"-0.27\"", StringComparison.Ordinal);
        parser.Parse(Encoding.UTF8.GetBytes(settled), 0);
        Assert.True(parser.FundingFeeChanged);
        parser.Parse(Encoding.UTF8.GetBytes(settled), 0);
        Assert.False(parser.FundingFeeChanged);
    }

    [Fact]
    public void An_account_push_is_a_balance_per_currency()
    {
        var (parser, _, _, _, _) = Parser();
        Assert.Equal(OkxPrivateFrame.Updates, parser.Parse(Fixture("ws-account.json"), 0));
        var balance = Assert.Single(parser.Updates.ToArray());
        Assert.Equal(ExecutionUpdateKind.Balance, balance.Kind);
        Assert.Equal("USDT", balance.Asset.ToString());
        Assert.Equal(Quantity.Parse("4850.43569362"), balance.Amount); // cashBal "4850.435693622894", cut at 10^-8
        Assert.Equal(1705449605015, balance.UpdateTimeMs);
    }

    [Fact]
    public void Op_answers_logins_and_pongs_are_recognised()
    {
        var (parser, _, _, _, _) = Parser();
        Assert.Equal(OkxPrivateFrame.OpAnswer, parser.Parse(Fixture("ws-order-op.json"), 0));
        Assert.Equal(1512, parser.AnswerId);
        Assert.False(parser.Answer.Error.IsError);
        Assert.Equal("12345689", parser.Answer.VenueOrderId.ToString());
        Assert.Equal(1695190491421, parser.Answer.UpdateTimeMs);

        var refused = """{"id":"9","op":"order","data":[{"clOrdId":"a1","ordId":"","tag":"","ts":"1695190491421","sCode":"51008","sMsg":"Order failed. Insufficient USDT margin in account","subCode":"1001"}],"code":"1","msg":"All operations failed","inTime":"1","outTime":"2"}"""u8;
        Assert.Equal(OkxPrivateFrame.OpAnswer, parser.Parse(refused, 0));
        Assert.Equal((ExecutionErrorKind.InsufficientMargin, 51008), (parser.Answer.Error.Kind, parser.Answer.Error.VenueCode));
        Assert.Equal("Order failed. Insufficient USDT margin in account", Encoding.UTF8.GetString(parser.Answer.Error.MessageUtf8));

        var malformedArgs = """{"id":"10","op":"order","data":[],"code":"60013","msg":"Invalid args","inTime":"1","outTime":"2"}"""u8;
        Assert.Equal(OkxPrivateFrame.OpAnswer, parser.Parse(malformedArgs, 0));
        Assert.Equal((ExecutionErrorKind.InvalidRequest, 60013), (parser.Answer.Error.Kind, parser.Answer.Error.VenueCode));

        Assert.Equal(OkxPrivateFrame.LoggedIn, parser.Parse(Fixture("ws-login.json"), 0));
        Assert.Equal(OkxPrivateFrame.Error, parser.Parse(Fixture("ws-login-failure.json"), 0));
        Assert.Equal((ExecutionErrorKind.Unauthorized, 60009), (parser.Error.Kind, parser.Error.VenueCode));
        Assert.Equal(OkxPrivateFrame.Pong, parser.Parse("pong"u8, 0));
        Assert.Equal(OkxPrivateFrame.Subscribed, parser.Parse(Fixture("ws-subscribe-ack.json"), 0));
        Assert.Equal(OkxPrivateFrame.Malformed, parser.Parse("{\"arg\":"u8, 0));
    }

    [Fact]
    public void The_docs_order_details_and_place_answers_read_into_reports()
    {
        var (_, registry, venue, spot, _) = Parser();
        var details = new System.Text.Json.Utf8JsonReader(Fixture("order-details.json"));
        while (details.Read() && !(details.TokenType == System.Text.Json.JsonTokenType.StartObject && details.CurrentDepth == 2)) { }
        var report = new OrderReport();
        Assert.Equal(FundingArb.Feeds.FrameIssue.None, OkxOrderReader.ReadOrder(ref details, registry, venue, ref report, new byte[256]));
        Assert.Equal((spot, OrderStatus.Filled, OrderSide.Buy), (report.Instrument, report.Status, report.Side));
        Assert.Equal(Quantity.Parse("100"), report.Quantity);
        Assert.Equal(Quantity.Parse("0.00192834"), report.ExecutedQuantity);
        Assert.Equal(Price.Zero, report.LimitPrice); // "px": "" for a market order
        Assert.Equal(Price.Parse("51858"), report.AveragePrice);
        Assert.Equal("680800019749904384", report.VenueOrderId.ToString());

        var ack = new System.Text.Json.Utf8JsonReader(Fixture("place-order.json"));
        while (ack.Read() && !(ack.TokenType == System.Text.Json.JsonTokenType.StartObject && ack.CurrentDepth == 2)) { }
        var placed = new OrderReport();
        Assert.Equal(FundingArb.Feeds.FrameIssue.None, OkxOrderReader.ReadAck(ref ack, ref placed, new byte[256]));
        Assert.False(placed.Error.IsError);
        Assert.Equal("oktswap6", placed.ClientOrderId.ToString());
        Assert.Equal("312269865356374016", placed.VenueOrderId.ToString());
    }
}
