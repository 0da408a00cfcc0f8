using System.Text;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Tests.Tools.VenueSim.Okx;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>The OKX execution client against VenueSim over real loopback sockets, on virtual clocks: orders over the
/// private WebSocket's ops and over REST, the private channels, funding from the bills, refusals and their mapping, rate
/// limits, reconnects. Quantities are contracts (BTC-USDT-SWAP: 0.01 BTC each).</summary>
public sealed class OkxExecutionClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Limit(OkxTradingHarness h, OrderSide side, string contracts, string price, TimeInForce tif = TimeInForce.GoodTillCancel,
        bool reduceOnly = false) =>
        OrderRequest.Limit(h.Btc, OkxTradingHarness.NextId(), side, Quantity.Parse(contracts), Price.Parse(price), tif, reduceOnly);

    private static OrderRequest Market(OkxTradingHarness h, OrderSide side, string contracts, bool reduceOnly = false) =>
        OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), side, Quantity.Parse(contracts), reduceOnly);

    [Fact]
    public async Task Place_query_cancel_round_trip_over_the_websocket_ops()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        Assert.True(h.Client.IsReady);
        var order = Limit(h, OrderSide.Buy, "2", "8990");

        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal(order.ClientOrderId, placed.ClientOrderId);
        Assert.False(placed.VenueOrderId.IsEmpty);
        var accepted = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Accepted && u.ClientOrderId == order.ClientOrderId, "the acceptance on orders");
        Assert.Equal(placed.VenueOrderId, accepted.VenueOrderId);

        var queried = await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct);
        Assert.True(queried.IsOk, queried.Error.ToString());
        Assert.Equal((OrderStatus.New, h.Btc, OrderSide.Buy), (queried.Status, queried.Instrument, queried.Side));
        Assert.Equal(Quantity.Parse("2"), queried.Quantity);
        Assert.Equal(Price.Parse("8990"), queried.LimitPrice);
        Assert.Equal(placed.VenueOrderId, queried.VenueOrderId);

        var canceled = await h.Client.CancelAsync(h.Btc, order.ClientOrderId, Ct);
        Assert.True(canceled.IsOk, canceled.Error.ToString());
        Assert.Equal(OrderStatus.Canceled, canceled.Status);
        Assert.Equal(OrderStatus.Canceled, (await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct)).Status);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Canceled && u.ClientOrderId == order.ClientOrderId, "the cancel on orders");
    }

    [Fact]
    public async Task Place_cancel_and_queries_over_rest()
    {
        await using var h = await OkxTradingHarness.StartAsync(useWebSocket: false);
        var order = Limit(h, OrderSide.Sell, "3", "9010.5");
        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(OrderStatus.New, placed.Status);

        var open = await h.Client.QueryOpenOrdersAsync(h.Btc, Ct);
        Assert.True(open.IsOk, open.Error.ToString());
        Assert.Equal(order.ClientOrderId, Assert.Single(open.Value!).ClientOrderId);
        Assert.Single((await h.Client.QueryOpenOrdersAsync(InstrumentId.None, Ct)).Value!);
        Assert.Equal(OrderStatus.Canceled, (await h.Client.CancelAsync(h.Btc, order.ClientOrderId, Ct)).Status);
        Assert.Empty((await h.Client.QueryOpenOrdersAsync(h.Btc, Ct)).Value!);

        var market = Market(h, OrderSide.Buy, "4");
        Assert.True((await h.Client.PlaceAsync(market, Ct)).IsOk);
        var filled = await h.Client.QueryOrderAsync(h.Btc, market.ClientOrderId, Ct);
        Assert.Equal((OrderStatus.Filled, Quantity.Parse("4")), (filled.Status, filled.ExecutedQuantity));
        var position = Assert.Single((await h.Client.QueryPositionsAsync(Ct)).Value!);
        Assert.Equal((h.Btc, "BTC-USDT-SWAP", Quantity.Parse("4")), (position.Instrument, position.VenueSymbol, position.Quantity));
        Assert.Equal(Price.Parse("9000.1"), position.EntryPrice);
        var balance = Assert.Single((await h.Client.QueryBalancesAsync(Ct)).Value!);
        Assert.Equal("USDT", balance.Asset);
        Assert.True(balance.WalletBalance < Quantity.Parse("100000")); // the taker fee was paid
    }

    [Fact]
    public async Task The_private_stream_delivers_the_fills_in_contracts_the_position_and_the_balance()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        var order = Market(h, OrderSide.Buy, "150"); // walks two 100-contract levels: two trades
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);

        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("150"), "the position after the fills");
        await TestGuard.UntilAsync(() =>
        {
            h.Drain();
            return h.Updates.Where(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId)
                .Aggregate(Quantity.Zero, (sum, f) => sum + f.LastFillQuantity) == Quantity.Parse("150");
        }, "fills adding up to the order");
        var fills = h.Updates.Where(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId).ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal(2, fills.Select(f => f.TradeId).Distinct().Count());
        Assert.Equal((Quantity.Parse("100"), Price.Parse("9000.1")), (fills[0].LastFillQuantity, fills[0].LastFillPrice));
        Assert.Equal((Quantity.Parse("50"), Price.Parse("9001.1")), (fills[1].LastFillQuantity, fills[1].LastFillPrice));
        Assert.Equal(Quantity.Parse("4.50005"), fills[0].Fee); // 0.05 % of 100 × 0.01 × 9000.1, paid
        Assert.False(fills[0].IsMaker);
        Assert.Equal(OrderStatus.Filled, fills[^1].Status);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Balance && u.Asset.ToString() == "USDT", "the balance after the fills");
    }

    [Fact]
    public async Task A_funding_settlement_arrives_as_a_funding_payment_from_the_bills()
    {
        await using var h = await OkxTradingHarness.StartAsync(); // 07:59 UTC, a minute before the 08:00 settlement
        Assert.True((await h.Client.PlaceAsync(Market(h, OrderSide.Buy, "10"), Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("10"), "the position");

        h.Sim.Advance(TimeSpan.FromSeconds(61));

        // A long pays 10 × 0.01 × 9000 × 0.0003 = 0.27 USDT; the positions push's fundingFee changes and the bill is read.
        var funding = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.FundingPayment, "the funding payment");
        Assert.Equal(Quantity.Parse("-0.27"), funding.Amount);
        Assert.Equal((h.Btc, "USDT"), (funding.Instrument, funding.Asset.ToString()));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), funding.UpdateTimeMs);

        Assert.False((await h.Client.PollFundingAsync(report: true, Ct)).IsError); // read again: reported once
        h.Drain();
        Assert.Single(h.Updates, u => u.Kind == ExecutionUpdateKind.FundingPayment);
    }

    [Fact]
    public async Task Venue_rejections_are_mapped_and_keep_the_venue_code()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        async Task Expect(OrderRequest order, ExecutionErrorKind kind, int code)
        {
            var report = await h.Client.PlaceAsync(order, Ct);
            Assert.Equal((kind, code), (report.Error.Kind, report.Error.VenueCode));
            Assert.False(report.Error.MessageUtf8.IsEmpty);
            Assert.False(kind.IsTransient);
        }

        await Expect(Market(h, OrderSide.Sell, "1", reduceOnly: true), ExecutionErrorKind.ReduceOnlyRejected, 51169);
        await Expect(Limit(h, OrderSide.Buy, "1", "9500"), ExecutionErrorKind.InvalidPrice, 51006);
        await Expect(Limit(h, OrderSide.Buy, "5000", "8990"), ExecutionErrorKind.InvalidQuantity, 51005); // above maxLmtSz

        var unknown = OkxTradingHarness.NextId();
        var cancel = await h.Client.CancelAsync(h.Btc, unknown, Ct);
        Assert.Equal((ExecutionErrorKind.UnknownOrder, 51400), (cancel.Error.Kind, cancel.Error.VenueCode));
        var query = await h.Client.QueryOrderAsync(h.Btc, unknown, Ct);
        Assert.Equal((ExecutionErrorKind.UnknownOrder, 51603), (query.Error.Kind, query.Error.VenueCode));
    }

    [Fact]
    public async Task Orders_breaking_the_instrument_rules_are_refused_locally_and_never_sent()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        Assert.Equal(ExecutionErrorKind.InvalidQuantity, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.015", "8990"), Ct)).Error.Kind);
        Assert.Equal(ExecutionErrorKind.InvalidPrice, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "1", "8990.05"), Ct)).Error.Kind);
        var unknown = OrderRequest.Market(new InstrumentId(99), OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"));
        Assert.Equal(ExecutionErrorKind.InvalidRequest, (await h.Client.PlaceAsync(unknown, Ct)).Error.Kind);
        Assert.Empty((await h.Client.QueryOpenOrdersAsync(InstrumentId.None, Ct)).Value!);
    }

    [Fact]
    public async Task A_wrong_key_passphrase_or_secret_is_refused_with_the_venues_code_and_mapped_to_unauthorized()
    {
        await using var wrongKey = await OkxTradingHarness.StartAsync(OkxTradingHarness.Credentials(key: "no-such-key"), start: false);
        var balances = await wrongKey.Client.QueryBalancesAsync(Ct);
        Assert.Equal((ExecutionErrorKind.Unauthorized, 50111), (balances.Error.Kind, balances.Error.VenueCode));
        var placed = await wrongKey.Client.PlaceAsync(Market(wrongKey, OrderSide.Buy, "1"), Ct); // not logged in: REST
        Assert.Equal((ExecutionErrorKind.Unauthorized, 50111), (placed.Error.Kind, placed.Error.VenueCode));
        var start = await Assert.ThrowsAsync<InvalidOperationException>(() => wrongKey.Client.StartAsync(Ct));
        Assert.Contains("50111", start.Message, StringComparison.Ordinal);

        await using var wrongPassphrase = await OkxTradingHarness.StartAsync(OkxTradingHarness.Credentials(passphrase: "not-it"), start: false);
        var positions = await wrongPassphrase.Client.QueryPositionsAsync(Ct);
        Assert.Equal((ExecutionErrorKind.Unauthorized, 50105), (positions.Error.Kind, positions.Error.VenueCode));

        await using var wrongSecret = await OkxTradingHarness.StartAsync(OkxTradingHarness.Credentials(secret: "not-the-secret"), start: false);
        var signed = await wrongSecret.Client.QueryPositionsAsync(Ct);
        Assert.Equal((ExecutionErrorKind.Unauthorized, 50113), (signed.Error.Kind, signed.Error.VenueCode));

        // The WebSocket login with the wrong secret: 60007, as the session reads it.
        using var writer = new OkxOrderWriter(OkxTradingHarness.Credentials(secret: "not-the-secret"));
        var socket = await wrongSecret.Sim.ConnectAsync("/ws/v5/private");
        await OkxSim.SendAsync(socket, Encoding.ASCII.GetString(writer.LoginFrame(wrongSecret.Sim.Harness.Wall.GetUtcNow().ToUnixTimeSeconds()).Span));
        var parser = new OkxPrivateParser(wrongSecret.Venue, wrongSecret.Registry);
        Assert.Equal(OkxPrivateFrame.Error, parser.Parse(Encoding.UTF8.GetBytes(await OkxSim.ReceiveTextAsync(socket)), 0));
        Assert.Equal((ExecutionErrorKind.Unauthorized, 60007), (parser.Error.Kind, parser.Error.VenueCode));
    }

    [Fact]
    public async Task A_tampered_body_is_refused_with_50113()
    {
        await using var h = await OkxTradingHarness.StartAsync(start: false);
        using var writer = new OkxOrderWriter(OkxTradingHarness.Credentials());
        var body = Encoding.ASCII.GetString(writer.PlaceBody(Market(h, OrderSide.Buy, "1"), "BTC-USDT-SWAP"u8).Span);
        writer.SignRest("POST"u8, "/api/v5/trade/order"u8, Encoding.ASCII.GetBytes(body), h.Sim.Harness.Wall.GetUtcNow().ToUnixTimeMilliseconds());
        var headers = new Dictionary<string, string>
        {
            ["OK-ACCESS-KEY"] = OkxSim.Key, ["OK-ACCESS-PASSPHRASE"] = OkxSim.Passphrase,
            ["OK-ACCESS-TIMESTAMP"] = Encoding.ASCII.GetString(writer.Timestamp), ["OK-ACCESS-SIGN"] = Encoding.ASCII.GetString(writer.Signature),
        };
        Assert.Equal(200, (await h.Sim.SendAsync(HttpMethod.Post, "/api/v5/trade/order", body, headers)).Status); // as signed: accepted
        var tampered = body.Replace("\"sz\":\"1\"", "\"sz\":\"2\"", StringComparison.Ordinal);
        var (status, json) = await h.Sim.SendAsync(HttpMethod.Post, "/api/v5/trade/order", tampered, headers);
        Assert.Equal((401, "50113"), (status, json.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_with_50102_then_the_clock_is_resynced()
    {
        var clientClock = new VirtualClock(Tools.VenueSim.SimHarness.DefaultStart);
        await using var h = await OkxTradingHarness.StartAsync(clientClock: clientClock, useWebSocket: false);
        Assert.Equal(0, h.Client.Clock.OffsetMs);
        var rounds = h.Client.Clock.Rounds;
        h.Sim.Harness.Wall.Advance(TimeSpan.FromSeconds(40)); // the venue's clock runs ahead: our timestamps are 40 s old (limit 30 s)

        var stale = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "1", "8990"), Ct);
        Assert.Equal((ExecutionErrorKind.ClockSkew, 50102), (stale.Error.Kind, stale.Error.VenueCode));
        Assert.True(stale.Error.Kind.IsTransient);
        Assert.Equal(rounds + 1, h.Client.Clock.Rounds); // resynced before the report came back
        Assert.Equal(40_000, h.Client.Clock.OffsetMs);

        var retried = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "1", "8990"), Ct);
        Assert.True(retried.IsOk, retried.Error.ToString());
    }

    [Fact]
    public async Task Our_own_count_refuses_the_61st_order_in_two_seconds_and_never_sends_it()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        for (var i = 0; i < 60; i++) Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct)).IsOk);
        var refused = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct);
        Assert.Equal((ExecutionErrorKind.RateLimited, 0), (refused.Error.Kind, refused.Error.VenueCode));
        Assert.True(refused.Error.RetryAfterMs > h.Client.Clock.NowUnixMs());
        Assert.Equal(60, (await h.Client.QueryOpenOrdersAsync(h.Btc, Ct)).Value!.Count); // the 61st never went out
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990", reduceOnly: false) with { Instrument = h.Eth, Quantity = Quantity.Parse("1"), LimitPrice = Price.Parse("1990") }, Ct)).IsOk,
            "another instrument has its own limit");

        h.Sim.Advance(TimeSpan.FromSeconds(2)); // a new window
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct)).IsOk);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_venues_50011_drives_the_limiter_and_the_next_order_is_not_sent(bool useWebSocket)
    {
        // Our count set far above the venue's, as if other clients shared the key.
        await using var h = await OkxTradingHarness.StartAsync(limits: () => new OkxRateLimits(perInstrument: 1000), useWebSocket: useWebSocket);
        for (var i = 0; i < 60; i++) Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct)).IsOk);
        var limited = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct);
        Assert.Equal((ExecutionErrorKind.RateLimited, 50011), (limited.Error.Kind, limited.Error.VenueCode));
        Assert.True(limited.Error.Kind.IsTransient);

        var refused = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct);
        Assert.Equal((ExecutionErrorKind.RateLimited, 0), (refused.Error.Kind, refused.Error.VenueCode)); // refused here, not sent
        Assert.Equal(h.Client.RateLimits.Window(OkxRequestKind.PlaceOrder, h.Btc)!.WindowEnd(h.Client.Clock.NowUnixMs()), refused.Error.RetryAfterMs);

        h.Sim.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct)).IsOk);
    }

    [Fact]
    public async Task After_the_socket_drops_it_reconnects_logs_in_resubscribes_and_trading_and_fills_resume()
    {
        TcpRelay? relay = null;
        await using var h = await OkxTradingHarness.StartAsync(route: target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "1", "8990"), Ct)).IsOk);
        Assert.Equal((1, 1), (h.Client.SocketConnects, h.Client.Logins));

        relay!.DropAll();
        await TestGuard.UntilAsync(() => h.Client.SocketConnects == 2 && h.Client.Logins == 2 && h.Client.IsReady, "reconnected, logged in, subscribed");

        var order = Market(h, OrderSide.Buy, "2");
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the new connection");
    }

    [Fact]
    public async Task An_idle_connection_is_kept_warm_with_a_text_ping()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        Assert.Equal(0, h.Client.Session.Pongs);
        h.Sim.Advance(TimeSpan.FromSeconds(25)); // nothing received for a third of SilenceLimit and more: the text ping goes out
        await TestGuard.UntilAsync(() => h.Client.Session.Pongs >= 1, "a pong to our ping");
        Assert.True(h.Client.IsReady);
    }

    [Fact]
    public async Task Secrets_appear_in_no_string_the_client_produces()
    {
        await using var h = await OkxTradingHarness.StartAsync();
        var texts = new List<string> { h.Client.ToString(), OkxTradingHarness.Credentials().ToString(), new OkxSigner(OkxTradingHarness.Credentials()).ToString() };
        texts.Add((await h.Client.PlaceAsync(Market(h, OrderSide.Sell, "1", reduceOnly: true), Ct)).Error.ToString());
        await using var wrong = await OkxTradingHarness.StartAsync(OkxTradingHarness.Credentials(key: "no-such-key"), start: false);
        texts.Add((await Assert.ThrowsAsync<InvalidOperationException>(() => wrong.Client.StartAsync(Ct))).ToString());
        texts.Add((await wrong.Client.QueryBalancesAsync(Ct)).Error.ToString());
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(OkxSim.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(OkxSim.Passphrase, text, StringComparison.Ordinal);
        });
    }
}
