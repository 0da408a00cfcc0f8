using System.Text;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>Private-stream frames from the docs' examples (Fixtures/README.md) into execution updates, and the stream's
/// dedupe: a repeated execution is never delivered twice, a fill is never counted twice.</summary>
public sealed class BybitPrivateParserTests
{
    private readonly InstrumentRegistry _registry = new();
    private readonly VenueId _venue;
    private readonly InstrumentId _btc;
    private readonly InstrumentId _option;

    public BybitPrivateParserTests()
    {
        _venue = _registry.AddVenue(BybitMarketData.VenueName);
        _btc = _registry.Intern("BTC", "USDT");
        _registry.MapSymbol(_venue, "BTCUSDT", _btc);
        // The order page's only example is an option order: its symbol mapped here only to read it.
        _option = _registry.Intern("ETH", "USDC");
        _registry.MapSymbol(_venue, "ETH-30DEC22-1400-C", _option);
    }

    private BybitPrivateParser Parser() => new(_venue, _registry);

    private static byte[] Fixture(string name) => BybitTestFeed.Fixture(name);

    /// <summary>The execution example as a funding settlement (docs/v5/enum#exectype "Funding"; orderType UNKNOWN).</summary>
    private static byte[] Funding(string execFee = "0.27", string execId = "f0f0f0f0-4219-438b-b30a-32ec863018f7") => Encoding.UTF8.GetBytes(
        BybitTestFeed.FixtureText("ws-private-execution.json")
            .Replace("\"execType\": \"Trade\"", "\"execType\": \"Funding\"", StringComparison.Ordinal)
            .Replace("\"execFee\": \"26.3725275\"", $"\"execFee\": \"{execFee}\"", StringComparison.Ordinal)
            .Replace("\"execId\": \"0ab1bdf7-4219-438b-b30a-32ec863018f7\"", $"\"execId\": \"{execId}\"", StringComparison.Ordinal)
            .Replace("\"orderId\": \"9aac161b-8ed6-450d-9cab-c5cc67c21784\"", "\"orderId\": \"\"", StringComparison.Ordinal)
            .Replace("\"orderType\": \"Market\"", "\"orderType\": \"UNKNOWN\"", StringComparison.Ordinal));

    [Fact]
    public void Docs_execution_example_is_a_fill_with_its_exec_id_quantity_price_and_fee()
    {
        var parser = Parser();
        Assert.Equal(BybitPrivateFrame.Updates, parser.Parse(Fixture("ws-private-execution.json"), 5));
        var u = Assert.Single(parser.Updates.ToArray());
        Assert.Equal((ExecutionUpdateKind.Fill, _btc, OrderSide.Sell), (u.Kind, u.Instrument, u.Side));
        Assert.Equal(("0ab1bdf7-4219-438b-b30a-32ec863018f7", "9aac161b-8ed6-450d-9cab-c5cc67c21784"), (u.TradeId.ToString(), u.VenueOrderId.ToString()));
        Assert.True(u.ClientOrderId.IsEmpty); // orderLinkId "": not one of ours
        Assert.Equal((Quantity.Parse("0.5"), Price.Parse("95900.1"), Quantity.Parse("26.3725275")), (u.LastFillQuantity, u.LastFillPrice, u.Fee));
        Assert.Equal(("USDT", false), (u.Asset.ToString(), u.IsMaker));
        Assert.Equal((OrderStatus.Filled, Quantity.Parse("0.5")), (u.Status, u.CumulativeQuantity)); // leavesQty 0 of orderQty 0.5
        Assert.Equal((1746270400353, 1746270400355, 5L), (u.UpdateTimeMs, u.EventTimeMs, u.ReceivedTimestamp));
    }

    [Fact]
    public void A_funding_execution_is_a_payment_of_minus_the_exec_fee()
    {
        var parser = Parser();
        Assert.Equal(BybitPrivateFrame.Updates, parser.Parse(Funding("0.27"), 1));
        var paid = Assert.Single(parser.Updates.ToArray());
        Assert.Equal((ExecutionUpdateKind.FundingPayment, _btc, Quantity.Parse("-0.27"), "USDT"), (paid.Kind, paid.Instrument, paid.Amount, paid.Asset.ToString()));
        Assert.Equal(1746270400353, paid.UpdateTimeMs);
        Assert.True(paid.Fee.IsZero && paid.LastFillQuantity.IsZero);
        parser.Parse(Funding("-0.135"), 1);
        Assert.Equal(Quantity.Parse("0.135"), parser.Updates[0].Amount); // a negative fee is funding received
    }

    [Fact]
    public void Docs_order_example_filled_is_left_to_the_executions_and_a_cancel_is_published()
    {
        var parser = Parser();
        Assert.Equal(BybitPrivateFrame.Updates, parser.Parse(Fixture("ws-private-order.json"), 1));
        Assert.Empty(parser.Updates.ToArray()); // Filled: the fills come from the execution topic, once

        var cancelled = BybitTestFeed.FixtureText("ws-private-order.json").Replace("\"orderStatus\": \"Filled\"", "\"orderStatus\": \"Cancelled\"", StringComparison.Ordinal)
            .Replace("\"rejectReason\": \"EC_NoError\"", "\"rejectReason\": \"EC_PostOnlyWillTakeLiquidity\"", StringComparison.Ordinal);
        parser.Parse(Encoding.UTF8.GetBytes(cancelled), 1);
        var u = Assert.Single(parser.Updates.ToArray());
        Assert.Equal((ExecutionUpdateKind.Canceled, OrderStatus.Canceled, _option), (u.Kind, u.Status, u.Instrument));
        Assert.Equal(("5cf98598-39a7-459e-97bf-76ca765ee020", Quantity.Parse("1"), Price.Parse("75")),
            (u.VenueOrderId.ToString(), u.CumulativeQuantity, u.AveragePrice));
        Assert.Equal(ExecutionErrorKind.PostOnlyWouldTake, u.Error.Kind);
        Assert.Equal((1672364262457, 1672364262474), (u.UpdateTimeMs, u.EventTimeMs));

        parser.Parse(Encoding.UTF8.GetBytes(cancelled.Replace("Cancelled", "New", StringComparison.Ordinal)), 1);
        Assert.Equal(ExecutionUpdateKind.Accepted, Assert.Single(parser.Updates.ToArray()).Kind);
    }

    [Fact]
    public void Docs_position_and_wallet_examples_give_the_position_and_a_balance_per_coin()
    {
        var parser = Parser();
        Assert.Equal(BybitPrivateFrame.Updates, parser.Parse(Fixture("ws-private-position.json"), 1));
        var position = Assert.Single(parser.Updates.ToArray());
        Assert.Equal((ExecutionUpdateKind.Position, _btc, Quantity.Zero, 1697682317038), (position.Kind, position.Instrument, position.PositionQuantity, position.UpdateTimeMs));

        var sold = BybitTestFeed.FixtureText("ws-private-position.json").Replace("\"side\": \"\"", "\"side\": \"Sell\"", StringComparison.Ordinal)
            .Replace("\"size\": \"0\"", "\"size\": \"0.25\"", StringComparison.Ordinal).Replace("\"entryPrice\": \"0\"", "\"entryPrice\": \"28100.5\"", StringComparison.Ordinal);
        parser.Parse(Encoding.UTF8.GetBytes(sold), 1);
        Assert.Equal((Quantity.Parse("-0.25"), Price.Parse("28100.5")), (parser.Updates[0].PositionQuantity, parser.Updates[0].EntryPrice));

        Assert.Equal(BybitPrivateFrame.Updates, parser.Parse(Fixture("ws-private-wallet.json"), 1));
        var balance = Assert.Single(parser.Updates.ToArray());
        Assert.Equal((ExecutionUpdateKind.Balance, "BTC", Quantity.Parse("0.00102964"), 1700034722104), (balance.Kind, balance.Asset.ToString(), balance.Amount, balance.UpdateTimeMs));
    }

    [Theory]
    [InlineData("ws-private-auth-answer.json", BybitPrivateFrame.AuthAccepted)]
    [InlineData("ws-pong-private.json", BybitPrivateFrame.Pong)]
    public void Docs_answers_are_told_apart(string fixture, BybitPrivateFrame expected) =>
        Assert.Equal(expected, Parser().Parse(Fixture(fixture), 1));

    [Theory]
    [InlineData("""{"success":false,"ret_msg":"Invalid sign","op":"auth","conn_id":"c"}""", BybitPrivateFrame.AuthRefused)]
    [InlineData("""{"req_id":"subscribe","success":true,"ret_msg":"","op":"subscribe","conn_id":"c"}""", BybitPrivateFrame.Subscribed)]
    [InlineData("""{"success":false,"ret_msg":"Request not authorized","op":"subscribe","conn_id":"c"}""", BybitPrivateFrame.SubscribeRefused)]
    [InlineData("""{"id":"1","topic":"greeks","creationTime":1,"data":[]}""", BybitPrivateFrame.Ignored)]
    [InlineData("""{"topic":"execution","creationTime":1,"data":[{"symbol":"BTCUSDT",""", BybitPrivateFrame.Malformed)]
    [InlineData("""[1,2]""", BybitPrivateFrame.Malformed)]
    [InlineData("""{"topic":"execution","creationTime":1}""", BybitPrivateFrame.Malformed)]
    public void Other_frames_are_told_apart(string frame, BybitPrivateFrame expected) =>
        Assert.Equal(expected, Parser().Parse(Encoding.UTF8.GetBytes(frame), 1));

    [Fact]
    public void The_data_may_come_before_the_topic()
    {
        const string frame = """{"data":[{"symbol":"BTCUSDT","side":"Buy","size":"1","entryPrice":"9000","updatedTime":"1697682317038"}],"creationTime":1697682317044,"topic":"position"}""";
        var parser = Parser();
        Assert.Equal(BybitPrivateFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(frame), 1));
        Assert.Equal(Quantity.Parse("1"), Assert.Single(parser.Updates.ToArray()).PositionQuantity);
    }

    [Fact]
    public void A_fill_without_an_exec_id_is_refused_since_it_could_not_be_deduplicated()
    {
        var frame = BybitTestFeed.FixtureText("ws-private-execution.json").Replace("\"execId\": \"0ab1bdf7-4219-438b-b30a-32ec863018f7\"", "\"execId\": \"\"", StringComparison.Ordinal);
        var parser = Parser();
        Assert.Equal(BybitPrivateFrame.Malformed, parser.Parse(Encoding.UTF8.GetBytes(frame), 1));
        Assert.Equal(FrameIssue.MissingField, parser.LastIssue);
    }

    [Fact]
    public void Items_in_symbols_we_do_not_trade_are_skipped_not_refused()
    {
        var frame = BybitTestFeed.FixtureText("ws-private-execution.json").Replace("\"symbol\": \"BTCUSDT\"", "\"symbol\": \"DOGEUSDT\"", StringComparison.Ordinal);
        var parser = Parser();
        Assert.Equal(BybitPrivateFrame.Updates, parser.Parse(Encoding.UTF8.GetBytes(frame), 1));
        Assert.Empty(parser.Updates.ToArray());
        Assert.Equal(1, parser.Skipped);
    }

    [Fact]
    public void A_repeated_execution_or_funding_is_published_once()
    {
        var ring = RingBuffer<ExecutionUpdate>.CreateSingleProducer(64);
        using var signer = new BybitSigner(new ApiCredentials("k", "s"));
        var stream = new BybitPrivateStream(new Uri("ws://unused/"), signer, new ClockOffset(TimeProvider.System), TimeSpan.FromSeconds(10), Parser(), ring);
        var execution = Fixture("ws-private-execution.json");
        stream.OnMessage(execution, 1);
        stream.OnMessage(execution, 2); // a resend after a reconnect
        stream.OnMessage(Funding(), 3);
        stream.OnMessage(Funding(), 4);
        Assert.Equal(2, stream.Published);
        Assert.Equal(2, stream.Duplicates);
        Assert.Equal(ExecutionUpdateKind.Fill, ring[0].Kind);
        Assert.Equal(ExecutionUpdateKind.FundingPayment, ring[1].Kind);
    }
}
