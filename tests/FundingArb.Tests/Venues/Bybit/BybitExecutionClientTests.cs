using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Tests.Tools.VenueSim;
using FundingArb.Tests.Tools.VenueSim.Bybit;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>The Bybit execution client against VenueSim over real loopback sockets, on virtual clocks: orders over the
/// WS trade API and over REST, the private stream, funding, refusals and their mapping, rate limits, reconnects.</summary>
public sealed class BybitExecutionClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Limit(BybitTradingHarness h, OrderSide side, string quantity, string price, TimeInForce tif = TimeInForce.GoodTillCancel,
        bool reduceOnly = false) =>
        OrderRequest.Limit(h.Btc, BybitTradingHarness.NextId(), side, Quantity.Parse(quantity), Price.Parse(price), tif, reduceOnly);

    private static OrderRequest Market(BybitTradingHarness h, OrderSide side, string quantity, bool reduceOnly = false) =>
        OrderRequest.Market(h.Btc, BybitTradingHarness.NextId(), side, Quantity.Parse(quantity), reduceOnly);

    [Fact]
    public async Task Place_query_cancel_round_trip_over_the_websocket_trade_api()
    {
        await using var h = await BybitTradingHarness.StartAsync();
        Assert.True(h.Client.IsReady);
        var order = Limit(h, OrderSide.Buy, "0.02", "8990");

        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(OrderStatus.New, placed.Status); // the answer carries ids only: accepted
        Assert.Equal(order.ClientOrderId, placed.ClientOrderId);
        Assert.Equal(36, placed.VenueOrderId.Utf8.Length); // a UUID

        var queried = await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct);
        Assert.True(queried.IsOk, queried.Error.ToString());
        Assert.Equal((OrderStatus.New, placed.VenueOrderId, h.Btc), (queried.Status, queried.VenueOrderId, queried.Instrument));
        Assert.Equal((Quantity.Parse("0.02"), Price.Parse("8990"), OrderSide.Buy), (queried.Quantity, queried.LimitPrice, queried.Side));

        var canceled = await h.Client.CancelAsync(h.Btc, order.ClientOrderId, Ct);
        Assert.True(canceled.IsOk, canceled.Error.ToString());
        Assert.Equal(placed.VenueOrderId, canceled.VenueOrderId);
        Assert.Equal(OrderStatus.Canceled, (await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct)).Status);

        Assert.Equal(2, h.Client.TradeApi.Answers); // create and cancel went over the WS trade API, not REST
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Accepted && u.ClientOrderId == order.ClientOrderId, "the order on the stream");
        var cancel = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Canceled && u.ClientOrderId == order.ClientOrderId, "the cancel on the stream");
        Assert.Equal(placed.VenueOrderId, cancel.VenueOrderId);
        Assert.False(cancel.Error.IsError);
    }

    [Fact]
    public async Task Place_cancel_and_queries_over_rest()
    {
        await using var h = await BybitTradingHarness.StartAsync(useWebSocketTrade: false);
        var order = Limit(h, OrderSide.Sell, "0.03", "9010.5");
        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal((OrderStatus.New, order.ClientOrderId), (placed.Status, placed.ClientOrderId));

        var open = await h.Client.QueryOpenOrdersAsync(h.Btc, Ct);
        Assert.True(open.IsOk, open.Error.ToString());
        var listed = Assert.Single(open.Value!);
        Assert.Equal((order.ClientOrderId, OrderSide.Sell, Price.Parse("9010.5")), (listed.ClientOrderId, listed.Side, listed.LimitPrice));
        Assert.Single((await h.Client.QueryOpenOrdersAsync(InstrumentId.None, Ct)).Value!);

        Assert.True((await h.Client.CancelAsync(h.Btc, order.ClientOrderId, Ct)).IsOk);
        Assert.Empty((await h.Client.QueryOpenOrdersAsync(h.Btc, Ct)).Value!);

        var market = Market(h, OrderSide.Buy, "0.04");
        Assert.True((await h.Client.PlaceAsync(market, Ct)).IsOk);
        var filled = await h.Client.QueryOrderAsync(h.Btc, market.ClientOrderId, Ct);
        Assert.Equal((OrderStatus.Filled, Quantity.Parse("0.04"), Price.Parse("9000.1")), (filled.Status, filled.ExecutedQuantity, filled.AveragePrice));
        var positions = await h.Client.QueryPositionsAsync(Ct);
        Assert.True(positions.IsOk, positions.Error.ToString());
        var position = Assert.Single(positions.Value!);
        Assert.Equal((h.Btc, "BTCUSDT", Quantity.Parse("0.04")), (position.Instrument, position.VenueSymbol, position.Quantity));
        Assert.Equal(Price.Parse("9000.1"), position.EntryPrice);
        var balances = await h.Client.QueryBalancesAsync(Ct);
        Assert.True(balances.IsOk, balances.Error.ToString());
        var usdt = Assert.Single(balances.Value!);
        Assert.Equal("USDT", usdt.Asset);
        Assert.True(usdt.AvailableBalance.IsPositive && usdt.AvailableBalance < usdt.WalletBalance); // margin is held for the position
        Assert.Equal(0, h.Client.TradeConnects);
    }

    [Fact]
    public async Task Positions_in_symbols_the_registry_does_not_map_are_reported_with_no_instrument()
    {
        await using var h = await BybitTradingHarness.StartAsync();
        // ETHUSDT traded by someone else with the key (another configuration): the client does not trade it here.
        var other = await h.Sim.CreateAsync("\"symbol\":\"ETHUSDT\",\"side\":\"Sell\",\"orderType\":\"Market\",\"qty\":\"1\"");
        Assert.Equal(0, other.RetCode);
        var unmapped = new InstrumentRegistry();
        var venue = unmapped.AddVenue(BybitMarketData.VenueName);
        await using var client = new BybitExecutionClient(venue, unmapped, new ApiCredentials(BybitSim.Key, BybitSim.Secret),
            new BybitExecutionOptions { Endpoints = BybitExecutionEndpoints.OnOneHost(h.Sim.Base) },
            FundingArb.Ring.RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), h.Http, h.Sim.Harness.Wall);
        var positions = await client.QueryPositionsAsync(Ct);
        Assert.True(positions.IsOk, positions.Error.ToString());
        var eth = Assert.Single(positions.Value!);
        Assert.Equal((InstrumentId.None, "ETHUSDT", Quantity.Parse("-1")), (eth.Instrument, eth.VenueSymbol, eth.Quantity));

        // A resting ETH order left by that configuration can still fill: reconciliation sees it too.
        var resting = await h.Sim.CreateAsync("\"symbol\":\"ETHUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"1\",\"price\":\"1950\"");
        Assert.Equal(0, resting.RetCode);
        var open = await client.QueryOpenOrdersAsync(InstrumentId.None, Ct);
        Assert.True(open.IsOk, open.Error.ToString());
        var order = Assert.Single(open.Value!);
        Assert.Equal((InstrumentId.None, "ETHUSDT", OrderSide.Buy), (order.Instrument, order.VenueSymbol, order.Side));
    }

    [Fact]
    public async Task The_private_stream_delivers_the_fills_and_position_of_an_order_placed()
    {
        await using var h = await BybitTradingHarness.StartAsync();
        var order = Market(h, OrderSide.Buy, "1.5"); // walks two 1-BTC levels: two trades
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);

        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("1.5"), "the position after the fills");
        await TestGuard.UntilAsync(() =>
        {
            h.Drain();
            return h.Updates.Where(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId)
                .Aggregate(Quantity.Zero, (sum, f) => sum + f.LastFillQuantity) == Quantity.Parse("1.5");
        }, "fills adding up to the order");
        var fills = h.Updates.Where(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId).ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal(2, fills.Select(f => f.TradeId).Distinct().Count());
        Assert.All(fills, f => Assert.True(f.Fee.IsPositive && f.Asset.ToString() == "USDT" && !f.IsMaker && f.Side == OrderSide.Buy));
        Assert.Equal((Price.Parse("9000.1"), Quantity.Parse("1")), (fills[0].LastFillPrice, fills[0].LastFillQuantity));
        Assert.Equal((Price.Parse("9001.1"), Quantity.Parse("0.5")), (fills[1].LastFillPrice, fills[1].LastFillQuantity));
        Assert.Equal((OrderStatus.Filled, Quantity.Parse("1.5")), (fills[^1].Status, fills[^1].CumulativeQuantity));
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Balance && u.Asset.ToString() == "USDT", "the wallet after the fills");
        Assert.Equal(0, h.Client.PrivateStream.Duplicates);
    }

    [Fact]
    public async Task A_funding_settlement_arrives_as_a_funding_payment()
    {
        await using var h = await BybitTradingHarness.StartAsync(); // 07:59 UTC, a minute before the 08:00 settlement
        Assert.True((await h.Client.PlaceAsync(Market(h, OrderSide.Buy, "0.1"), Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("0.1"), "the position");

        await h.AdvanceAsync(TimeSpan.FromMinutes(2));

        // Rate +0.0003 at mark 9000: the long pays 0.1 × 9000 × 0.0003 = 0.27 USDT (execFee +0.27 → received −0.27).
        var funding = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.FundingPayment, "the funding payment");
        Assert.Equal(Quantity.Parse("-0.27"), funding.Amount);
        Assert.Equal(("USDT", h.Btc), (funding.Asset.ToString(), funding.Instrument));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), funding.UpdateTimeMs);
        Assert.Equal(1, h.Client.StreamConnects); // the heartbeat kept both sockets up through the two minutes
        Assert.Equal(1, h.Client.TradeConnects);
    }

    [Fact]
    public async Task Venue_rejections_are_mapped_and_keep_the_venue_code()
    {
        // No minimum notional locally, so that the venue's 110094 can be seen.
        await using var h = await BybitTradingHarness.StartAsync(btcSpec: BybitTradingHarness.BtcSpec with { MinNotional = null });
        async Task Expect(OrderRequest order, ExecutionErrorKind kind, int code)
        {
            var report = await h.Client.PlaceAsync(order, Ct);
            Assert.Equal((kind, code), (report.Error.Kind, report.Error.VenueCode));
            Assert.False(report.Error.MessageUtf8.IsEmpty);
            Assert.False(kind.IsTransient);
        }

        await Expect(Market(h, OrderSide.Sell, "0.01", reduceOnly: true), ExecutionErrorKind.ReduceOnlyRejected, 110017);
        await Expect(Limit(h, OrderSide.Buy, "500", "8990"), ExecutionErrorKind.InsufficientMargin, 110007);
        await Expect(Limit(h, OrderSide.Buy, "0.01", "9500"), ExecutionErrorKind.InvalidPrice, 110003);
        await Expect(Limit(h, OrderSide.Buy, "0.01", "8990"), ExecutionErrorKind.NotionalTooSmall, 110094);
        await Expect(OrderRequest.Limit(h.Btc, BybitTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("2000"), Price.Parse("8990"),
            TimeInForce.GoodTillCancel), ExecutionErrorKind.InvalidRequest, 10001); // over maxQty: a params error

        var twice = Limit(h, OrderSide.Buy, "0.02", "8990");
        Assert.True((await h.Client.PlaceAsync(twice, Ct)).IsOk);
        await Expect(twice, ExecutionErrorKind.DuplicateClientOrderId, 110072);

        var unknown = BybitTradingHarness.NextId();
        var cancel = await h.Client.CancelAsync(h.Btc, unknown, Ct);
        Assert.Equal((ExecutionErrorKind.UnknownOrder, 110001), (cancel.Error.Kind, cancel.Error.VenueCode));
        Assert.Equal(ExecutionErrorKind.UnknownOrder, (await h.Client.QueryOrderAsync(h.Btc, unknown, Ct)).Error.Kind);
    }

    [Fact]
    public async Task A_post_only_order_that_would_take_is_acknowledged_then_cancelled_with_the_reason()
    {
        await using var h = await BybitTradingHarness.StartAsync();
        var order = Limit(h, OrderSide.Buy, "0.02", "9000.1", TimeInForce.PostOnly);
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk); // as live: accepted first
        var canceled = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Canceled && u.ClientOrderId == order.ClientOrderId, "the cancel");
        Assert.Equal(ExecutionErrorKind.PostOnlyWouldTake, canceled.Error.Kind);

        var fok = Limit(h, OrderSide.Buy, "6", "9010", TimeInForce.FillOrKill);
        Assert.True((await h.Client.PlaceAsync(fok, Ct)).IsOk);
        var killed = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Canceled && u.ClientOrderId == fok.ClientOrderId, "the FOK's cancel");
        Assert.Equal(ExecutionErrorKind.FillOrKillUnfilled, killed.Error.Kind);
    }

    [Fact]
    public async Task Orders_breaking_the_instrument_rules_are_refused_locally_and_never_sent()
    {
        await using var h = await BybitTradingHarness.StartAsync();
        Assert.Equal(ExecutionErrorKind.InvalidQuantity, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.0205", "8990"), Ct)).Error.Kind);
        Assert.Equal(ExecutionErrorKind.InvalidQuantity, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.005", "8990"), Ct)).Error.Kind);
        Assert.Equal(ExecutionErrorKind.InvalidPrice, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990.05"), Ct)).Error.Kind);
        Assert.Equal(ExecutionErrorKind.NotionalTooSmall, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.01", "8990"), Ct)).Error.Kind);
        var unknown = OrderRequest.Market(new InstrumentId(99), BybitTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"));
        Assert.Equal(ExecutionErrorKind.InvalidRequest, (await h.Client.PlaceAsync(unknown, Ct)).Error.Kind);
        Assert.Equal(0, h.Client.TradeApi.Answers);
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_a_report_never_an_exception()
    {
        await using var h = await BybitTradingHarness.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var placed = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), cancelled.Token);
        Assert.Equal(ExecutionErrorKind.CanceledBeforeSend, placed.Error.Kind); // as on Binance and OKX
        Assert.False(placed.Error.Kind.IsOutcomeUnknown); // refused before it was written: nothing went out
        var canceled = await h.Client.CancelAsync(h.Btc, BybitTradingHarness.NextId(), cancelled.Token);
        Assert.Equal(ExecutionErrorKind.CanceledBeforeSend, canceled.Error.Kind);
        Assert.Equal(0, h.Client.TradeApi.Answers);
        Assert.Equal(0, h.Client.RateLimits.Of(BybitEndpoint.OrderCreate).Used(h.Client.Clock.NowUnixMs())); // nor took a place in the limits
    }

    [Fact]
    public async Task A_wrong_key_and_a_wrong_secret_are_refused_and_mapped_to_unauthorized()
    {
        await using var h = await BybitTradingHarness.StartAsync(new ApiCredentials("no-such-key", BybitSim.Secret), start: false);
        var wrongKey = await h.Client.QueryBalancesAsync(Ct);
        Assert.Equal((ExecutionErrorKind.Unauthorized, 10003), (wrongKey.Error.Kind, wrongKey.Error.VenueCode));
        var placed = await h.Client.PlaceAsync(Market(h, OrderSide.Buy, "0.02"), Ct); // not started: REST
        Assert.Equal((ExecutionErrorKind.Unauthorized, 10003), (placed.Error.Kind, placed.Error.VenueCode));
        var start = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.StartAsync(Ct));
        Assert.Contains("10003", start.Message, StringComparison.Ordinal);

        await using var tampered = await BybitTradingHarness.StartAsync(new ApiCredentials(BybitSim.Key, "not-the-secret"), start: false);
        var badSign = await tampered.Client.QueryPositionsAsync(Ct);
        Assert.Equal((ExecutionErrorKind.Unauthorized, 10004), (badSign.Error.Kind, badSign.Error.VenueCode));
    }

    [Fact]
    public async Task A_websocket_auth_with_a_wrong_sign_is_refused_on_both_sockets()
    {
        await using var h = await BybitTradingHarness.StartAsync(start: false);
        using var wrong = new BybitSigner(new ApiCredentials(BybitSim.Key, "not-the-secret"));
        var auth = System.Text.Encoding.ASCII.GetString(wrong.AuthMessage(h.Sim.WallMs + 10_000));

        var trade = await h.Sim.ConnectAsync("/v5/trade");
        await SimHarness.SendAsync(trade, auth);
        var answer = await SimHarness.ReceiveAsync(trade);
        var session = new BybitTradeApi(new Uri("ws://unused/"), wrong, new BybitRateLimits(), new ClockOffset(h.Sim.Harness.Wall), TimeSpan.FromSeconds(10));
        session.OnMessage(System.Text.Encoding.UTF8.GetBytes(answer.GetRawText()), 0);
        Assert.False(session.IsAuthenticated);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => session.FirstReady);
        Assert.Contains("10004", refused.Message, StringComparison.Ordinal);

        var stream = await h.Sim.ConnectAsync("/v5/private");
        await SimHarness.SendAsync(stream, auth);
        var streamAnswer = await SimHarness.ReceiveAsync(stream);
        var parser = new BybitPrivateParser(h.Venue, h.Registry);
        Assert.Equal(BybitPrivateFrame.AuthRefused, parser.Parse(System.Text.Encoding.UTF8.GetBytes(streamAnswer.GetRawText()), 0));
        Assert.Equal("Invalid sign", System.Text.Encoding.UTF8.GetString(parser.LastMessage));
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_with_10002_then_the_clock_is_resynced()
    {
        var clientClock = new VirtualClock(SimHarness.DefaultStart);
        await using var h = await BybitTradingHarness.StartAsync(clientClock: clientClock);
        Assert.Equal(0, h.Client.Clock.OffsetMs);
        var rounds = h.Client.Clock.Rounds;
        h.Sim.Harness.Wall.Advance(TimeSpan.FromSeconds(10)); // the venue's clock runs ahead of ours: our timestamps are now 10 s old

        var stale = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct);
        Assert.Equal((ExecutionErrorKind.ClockSkew, 10002), (stale.Error.Kind, stale.Error.VenueCode));
        Assert.True(stale.Error.Kind.IsTransient);
        Assert.Equal(rounds + 1, h.Client.Clock.Rounds); // resynced before the report came back
        Assert.Equal(10_000, h.Client.Clock.OffsetMs);

        var retried = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct);
        Assert.True(retried.IsOk, retried.Error.ToString());
    }

    [Fact]
    public async Task The_limit_figures_drive_the_limiter_and_a_refused_order_is_never_sent()
    {
        // Five orders a second for the test; the venue counts create per account and endpoint, WS and REST together.
        await using var h = await BybitTradingHarness.StartAsync(limits: () => new BybitRateLimits(orderPerSecond: 5));
        var limiter = h.Client.RateLimits.Of(BybitEndpoint.OrderCreate);
        var now = h.Client.Clock.NowUnixMs();
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct)).IsOk);
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct)).IsOk);
        Assert.Equal(2, limiter.Used(now));
        // Someone else with the same key, over REST: +1 each on the venue's count, unseen by ours.
        Assert.Equal(0, (await h.Sim.CreateAsync("\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.02\",\"price\":\"8980\"")).RetCode);
        Assert.Equal(0, (await h.Sim.CreateAsync("\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.02\",\"price\":\"8980\"")).RetCode);

        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct)).IsOk); // 3 by our count; the venue's header says 5
        Assert.Equal(5, limiter.Used(now));

        var refused = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct);
        Assert.Equal((ExecutionErrorKind.RateLimited, 0), (refused.Error.Kind, refused.Error.VenueCode));
        Assert.InRange(refused.Error.RetryAfterMs, now + 1000, now + 1010); // when they leave the rolling second
        var probe = await h.Sim.CreateAsync("\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.02\",\"price\":\"8980\"");
        Assert.Equal("4", probe.Headers.GetValues("X-Bapi-Limit-Status").Single()); // 10 − 6: the refused one never went out

        h.Sim.Advance(TimeSpan.FromMilliseconds(refused.Error.RetryAfterMs - now)); // the retry time the refusal gave
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct)).IsOk);
    }

    [Fact]
    public async Task After_the_connections_drop_both_reconnect_reauthenticate_and_the_gateway_is_told_to_reconcile()
    {
        TcpRelay? relay = null;
        await using var h = await BybitTradingHarness.StartAsync(route: target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.02", "8990"), Ct)).IsOk);
        Assert.Equal((1, 1), (h.Client.TradeConnects, h.Client.StreamConnects));
        h.Drain();
        Assert.DoesNotContain(h.Updates, u => u.Kind == ExecutionUpdateKind.StreamResynced); // nothing to reconcile at the first subscribe

        relay!.DropAll();
        await TestGuard.UntilAsync(() => h.Client.TradeConnects == 2 && h.Client.StreamConnects == 2 && h.Client.IsReady,
            "both connections back, authenticated and subscribed again");
        var resynced = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "the resync after the gap");
        Assert.Equal(h.Venue, resynced.Venue);

        var order = Market(h, OrderSide.Buy, "0.02");
        Assert.True((await h.Client.PlaceAsync(order, Ct)).IsOk);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the new stream connection");
    }

    [Fact]
    public async Task Secrets_appear_in_no_string_the_client_produces()
    {
        const string secret = BybitSim.Secret;
        await using var h = await BybitTradingHarness.StartAsync();
        var texts = new List<string> { h.Client.ToString()!, new ApiCredentials(BybitSim.Key, secret).ToString(), new BybitSigner(new ApiCredentials(BybitSim.Key, secret)).ToString() };
        texts.Add((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "500", "8990"), Ct)).Error.ToString());
        await using var wrong = await BybitTradingHarness.StartAsync(new ApiCredentials("no-such-key", secret), start: false);
        texts.Add((await Assert.ThrowsAsync<InvalidOperationException>(() => wrong.Client.StartAsync(Ct))).ToString());
        texts.Add((await wrong.Client.QueryBalancesAsync(Ct)).Error.ToString());
        await using var badSign = await BybitTradingHarness.StartAsync(new ApiCredentials(BybitSim.Key, "not-the-" + secret), start: false);
        texts.Add((await badSign.Client.QueryBalancesAsync(Ct)).Error.ToString()); // 10004 echoes the signed text: key, time, query — never a secret
        Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }
}
