using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Tests.Tools.VenueSim;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The Binance execution client against VenueSim over real loopback sockets, on virtual clocks: orders over the
/// WS API and over REST, the private stream, funding, refusals and their mapping, rate limits, reconnects.</summary>
public sealed class BinanceExecutionClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Limit(BinanceTradingHarness h, OrderSide side, string quantity, string price, TimeInForce tif = TimeInForce.GoodTillCancel,
        bool reduceOnly = false) =>
        OrderRequest.Limit(h.Btc, BinanceTradingHarness.NextId(), side, Quantity.Parse(quantity), Price.Parse(price), tif, reduceOnly);

    private static OrderRequest Market(BinanceTradingHarness h, OrderSide side, string quantity, bool reduceOnly = false) =>
        OrderRequest.Market(h.Btc, BinanceTradingHarness.NextId(), side, Quantity.Parse(quantity), reduceOnly);

    [Fact]
    public async Task Place_query_cancel_round_trip_over_the_websocket_api()
    {
        await using var h = await BinanceTradingHarness.StartAsync();
        Assert.True(h.Client.IsReady);
        var order = Limit(h, OrderSide.Buy, "0.002", "8990");

        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal(order.ClientOrderId, placed.ClientOrderId);
        Assert.Equal(h.Btc, placed.Instrument);
        Assert.Equal(Quantity.Parse("0.002"), placed.Quantity);
        Assert.Equal(Price.Parse("8990"), placed.LimitPrice);
        Assert.False(placed.VenueOrderId.IsEmpty);

        var queried = await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct);
        Assert.True(queried.IsOk, queried.Error.ToString());
        Assert.Equal(OrderStatus.New, queried.Status);
        Assert.Equal(placed.VenueOrderId, queried.VenueOrderId);

        var canceled = await h.Client.CancelAsync(h.Btc, order.ClientOrderId, Ct);
        Assert.True(canceled.IsOk, canceled.Error.ToString());
        Assert.Equal(OrderStatus.Canceled, canceled.Status);
        Assert.Equal(OrderStatus.Canceled, (await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct)).Status);

        Assert.Equal(4, h.Client.WebSocketApi.Answers); // all four went over the WS API, none fell back to REST
        var accepted = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Canceled && u.ClientOrderId == order.ClientOrderId, "the cancel on the stream");
        Assert.Equal(placed.VenueOrderId, accepted.VenueOrderId);
    }

    [Fact]
    public async Task Place_query_cancel_and_queries_over_rest()
    {
        await using var h = await BinanceTradingHarness.StartAsync(useWebSocketApi: false);
        var order = Limit(h, OrderSide.Sell, "0.003", "9010.5");
        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal(OrderSide.Sell, placed.Side);

        var open = await h.Client.QueryOpenOrdersAsync(h.Btc, Ct);
        Assert.True(open.IsOk, open.Error.ToString());
        Assert.Equal(order.ClientOrderId, Assert.Single(open.Value!).ClientOrderId);
        Assert.Single((await h.Client.QueryOpenOrdersAsync(InstrumentId.None, Ct)).Value!);

        Assert.Equal(OrderStatus.New, (await h.Client.QueryOrderAsync(h.Btc, order.ClientOrderId, Ct)).Status);
        Assert.Equal(OrderStatus.Canceled, (await h.Client.CancelAsync(h.Btc, order.ClientOrderId, Ct)).Status);
        Assert.Empty((await h.Client.QueryOpenOrdersAsync(h.Btc, Ct)).Value!);

        var filled = await h.Client.PlaceAsync(Market(h, OrderSide.Buy, "0.004"), Ct);
        Assert.Equal(OrderStatus.Filled, filled.Status); // newOrderRespType=RESULT: the outcome comes with the answer
        Assert.Equal(Quantity.Parse("0.004"), filled.ExecutedQuantity);
        var positions = await h.Client.QueryPositionsAsync(Ct);
        Assert.True(positions.IsOk, positions.Error.ToString());
        var position = Assert.Single(positions.Value!);
        Assert.Equal(h.Btc, position.Instrument);
        Assert.Equal(Quantity.Parse("0.004"), position.Quantity);
        var balances = await h.Client.QueryBalancesAsync(Ct);
        Assert.True(balances.IsOk, balances.Error.ToString());
        Assert.Equal("USDT", Assert.Single(balances.Value!).Asset);
        Assert.Equal(0, h.Client.WebSocketApiConnects);
    }

    [Fact]
    public async Task The_private_stream_delivers_the_fills_and_position_of_an_order_placed()
    {
        await using var h = await BinanceTradingHarness.StartAsync();
        var order = Market(h, OrderSide.Buy, "1.5"); // walks two 1-BTC levels: two trades
        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        Assert.Equal(OrderStatus.Filled, placed.Status);

        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("1.5"), "the position after the fills");
        await TestGuard.UntilAsync(() =>
        {
            h.Drain();
            return h.Updates.Where(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId)
                .Aggregate(Quantity.Zero, (sum, f) => sum + f.LastFillQuantity) == Quantity.Parse("1.5");
        }, "fills adding up to the order");
        var fills = h.Updates.Where(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId).ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal(fills.Count, fills.Select(f => f.TradeId).Distinct().Count());
        Assert.All(fills, f => Assert.True(f.Fee.IsPositive));
        Assert.Equal(Price.Parse("9000.1"), fills[0].LastFillPrice);
        Assert.Equal(Price.Parse("9001.1"), fills[1].LastFillPrice);
        Assert.Equal(OrderStatus.Filled, fills[^1].Status);
    }

    [Fact]
    public async Task A_funding_settlement_arrives_as_a_funding_payment()
    {
        await using var h = await BinanceTradingHarness.StartAsync(); // 07:59 UTC, a minute before the 08:00 settlement
        var placed = await h.Client.PlaceAsync(Market(h, OrderSide.Buy, "0.01"), Ct);
        Assert.Equal(OrderStatus.Filled, placed.Status);
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Position && u.PositionQuantity == Quantity.Parse("0.01"), "the position");

        h.Sim.Advance(TimeSpan.FromMinutes(2));

        // Rate +0.0003 at mark 9000: the long pays 0.01 × 9000 × 0.0003 = 0.027 USDT.
        var funding = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.FundingPayment, "the funding payment");
        Assert.Equal(Quantity.Parse("-0.027"), funding.Amount);
        Assert.Equal("USDT", funding.Asset.ToString());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), funding.UpdateTimeMs);
    }

    [Fact]
    public async Task Venue_rejections_are_mapped_and_keep_the_venue_code()
    {
        await using var h = await BinanceTradingHarness.StartAsync();
        async Task Expect(OrderRequest order, ExecutionErrorKind kind, int code)
        {
            var report = await h.Client.PlaceAsync(order, Ct);
            Assert.Equal(kind, report.Error.Kind);
            Assert.Equal(code, report.Error.VenueCode);
            Assert.False(report.Error.MessageUtf8.IsEmpty);
            Assert.False(kind.IsTransient);
        }

        await Expect(Market(h, OrderSide.Sell, "0.001", reduceOnly: true), ExecutionErrorKind.ReduceOnlyRejected, -2022);
        await Expect(Limit(h, OrderSide.Buy, "6", "9010", TimeInForce.FillOrKill), ExecutionErrorKind.FillOrKillUnfilled, -5021);
        await Expect(Limit(h, OrderSide.Buy, "0.001", "9000.1", TimeInForce.PostOnly), ExecutionErrorKind.PostOnlyWouldTake, -5022);
        await Expect(Limit(h, OrderSide.Buy, "500", "8990"), ExecutionErrorKind.InsufficientMargin, -2019);
        await Expect(Limit(h, OrderSide.Buy, "0.001", "9500"), ExecutionErrorKind.InvalidPrice, -4016);

        var unknown = BinanceTradingHarness.NextId();
        var cancel = await h.Client.CancelAsync(h.Btc, unknown, Ct);
        Assert.Equal((ExecutionErrorKind.UnknownOrder, -2011), (cancel.Error.Kind, cancel.Error.VenueCode));
        var query = await h.Client.QueryOrderAsync(h.Btc, unknown, Ct);
        Assert.Equal((ExecutionErrorKind.UnknownOrder, -2013), (query.Error.Kind, query.Error.VenueCode));
    }

    [Fact]
    public async Task Orders_breaking_the_instrument_rules_are_refused_locally_and_never_sent()
    {
        await using var h = await BinanceTradingHarness.StartAsync();
        Assert.Equal(ExecutionErrorKind.InvalidQuantity, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.0015", "8990"), Ct)).Error.Kind);
        Assert.Equal(ExecutionErrorKind.InvalidPrice, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.001", "8990.05"), Ct)).Error.Kind);
        Assert.Equal(ExecutionErrorKind.NotionalTooSmall, (await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.001", "1000"), Ct)).Error.Kind);
        var unknown = OrderRequest.Market(new InstrumentId(99), BinanceTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("1"));
        Assert.Equal(ExecutionErrorKind.InvalidRequest, (await h.Client.PlaceAsync(unknown, Ct)).Error.Kind);
        Assert.Equal(0, h.Client.WebSocketApi.Answers);
    }

    [Fact]
    public async Task A_wrong_key_and_a_wrong_secret_are_refused_and_mapped_to_unauthorized()
    {
        await using var h = await BinanceTradingHarness.StartAsync(new ApiCredentials("no-such-key", SimHarness.Secret), start: false);
        var wrongKey = await h.Client.QueryBalancesAsync(Ct);
        Assert.Equal((ExecutionErrorKind.Unauthorized, -2015), (wrongKey.Error.Kind, wrongKey.Error.VenueCode));
        var placed = await h.Client.PlaceAsync(Market(h, OrderSide.Buy, "0.001"), Ct); // not started: REST
        Assert.Equal((ExecutionErrorKind.Unauthorized, -2015), (placed.Error.Kind, placed.Error.VenueCode));
        var start = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.StartAsync(Ct));
        Assert.Contains("-2015", start.Message, StringComparison.Ordinal);

        await using var tampered = await BinanceTradingHarness.StartAsync(new ApiCredentials(SimHarness.Key, "not-the-secret"), start: false);
        var badSignature = await tampered.Client.QueryPositionsAsync(Ct);
        Assert.Equal((ExecutionErrorKind.Unauthorized, -1022), (badSignature.Error.Kind, badSignature.Error.VenueCode));
    }

    [Fact]
    public async Task A_tampered_websocket_api_frame_is_refused_with_minus_1022()
    {
        await using var h = await BinanceTradingHarness.StartAsync(start: false);
        using var writer = new BinanceOrderWriter(new ApiCredentials(SimHarness.Key, SimHarness.Secret));
        var frame = writer.PlaceFrame(5, Market(h, OrderSide.Buy, "0.001"), "BTCUSDT"u8, 5000, h.Sim.Wall.GetUtcNow().ToUnixTimeMilliseconds()).ToArray();
        var text = System.Text.Encoding.ASCII.GetString(frame).Replace("\"quantity\":\"0.001\"", "\"quantity\":\"0.002\"", StringComparison.Ordinal);
        var socket = await h.Sim.ConnectAsync("/ws-fapi/v1");
        await SimHarness.SendAsync(socket, text);
        var answer = await SimHarness.ReceiveAsync(socket);

        var session = new BinanceWsApi(new Uri("ws://unused/"), h.Venue, h.Registry, new BinanceRateLimits(), new ClockOffset(h.Sim.Wall));
        Assert.True(session.Pending.TryArm(5, long.MaxValue, out var reply));
        session.OnMessage(System.Text.Encoding.UTF8.GetBytes(answer.GetRawText()), 0);
        var report = await reply.Task;
        Assert.Equal((ExecutionErrorKind.Unauthorized, -1022), (report.Error.Kind, report.Error.VenueCode));
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_with_minus_1021_then_the_clock_is_resynced()
    {
        var clientClock = new VirtualClock(SimHarness.DefaultStart);
        await using var h = await BinanceTradingHarness.StartAsync(clientClock: clientClock);
        Assert.Equal(0, h.Client.Clock.OffsetMs);
        var rounds = h.Client.Clock.Rounds;
        h.Sim.Wall.Advance(TimeSpan.FromSeconds(10)); // the venue's clock runs ahead of ours: our timestamps are now 10 s old

        var stale = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.001", "8990"), Ct);
        Assert.Equal((ExecutionErrorKind.ClockSkew, -1021), (stale.Error.Kind, stale.Error.VenueCode));
        Assert.True(stale.Error.Kind.IsTransient);
        Assert.Equal(rounds + 1, h.Client.Clock.Rounds); // resynced before the report came back
        Assert.Equal(10_000, h.Client.Clock.OffsetMs);

        var retried = await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.001", "8990"), Ct);
        Assert.True(retried.IsOk, retried.Error.ToString());
    }

    [Fact]
    public async Task The_weight_header_drives_the_limiter_and_a_refused_request_is_never_sent()
    {
        // Start-up spends 34 weight (3 × time, positionSide/dual 30, listenKey 1); limit 50 for the test.
        await using var h = await BinanceTradingHarness.StartAsync(limits: () => new BinanceRateLimits(weightPerMinute: 50));
        var now = h.Client.Clock.NowUnixMs();
        Assert.Equal(34, h.Client.RateLimits.Weight.Used(now));
        await h.Sim.SignedAsync(HttpMethod.Get, "/fapi/v2/balance", ""); // someone else on the same IP: +5 each
        await h.Sim.SignedAsync(HttpMethod.Get, "/fapi/v2/balance", "");

        Assert.True((await h.Client.QueryBalancesAsync(Ct)).IsOk); // 34 + 5 fits by our count; the venue says 49
        Assert.Equal(49, h.Client.RateLimits.Weight.Used(now));

        var refused = await h.Client.QueryBalancesAsync(Ct); // 49 + 5 > 50
        Assert.Equal(ExecutionErrorKind.RateLimited, refused.Error.Kind);
        Assert.Equal(0, refused.Error.VenueCode);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), refused.Error.RetryAfterMs);
        using (var ping = await h.Sim.Http.GetAsync("/fapi/v1/ping", Ct))
            Assert.Equal("50", ping.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single()); // 49 + the ping: the refused one never went out

        h.Sim.Advance(TimeSpan.FromMinutes(1)); // a new minute
        Assert.True((await h.Client.QueryBalancesAsync(Ct)).IsOk);
    }

    [Fact]
    public async Task After_the_connections_drop_both_reconnect_and_trading_and_fills_resume()
    {
        TcpRelay? relay = null;
        await using var h = await BinanceTradingHarness.StartAsync(route: target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        Assert.True((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "0.001", "8990"), Ct)).IsOk);
        Assert.Equal((1, 1), (h.Client.WebSocketApiConnects, h.Client.UserStreamConnects));

        relay!.DropAll();
        await TestGuard.UntilAsync(() => h.Client.WebSocketApiConnects == 2 && h.Client.UserStreamConnects == 2 && h.Client.IsReady,
            "both connections back and the stream subscribed again");

        var order = Market(h, OrderSide.Buy, "0.002");
        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the new stream connection");
    }

    [Fact]
    public async Task Each_time_the_stream_is_ready_again_after_a_drop_a_resync_is_published_for_reconciliation()
    {
        TcpRelay? relay = null;
        await using var h = await BinanceTradingHarness.StartAsync(route: target => (relay = new TcpRelay(target)).Base);
        await using var _ = relay!;
        h.Drain();
        Assert.DoesNotContain(h.Updates, u => u.Kind == ExecutionUpdateKind.StreamResynced); // the first subscription is no gap

        for (var drop = 1; drop <= 2; drop++)
        {
            relay!.DropAll();
            await TestGuard.UntilAsync(() =>
            {
                h.Drain();
                return h.Updates.Count(u => u.Kind == ExecutionUpdateKind.StreamResynced) == drop;
            }, $"resync {drop} on the execution ring");
        }
        var resync = h.Updates.First(u => u.Kind == ExecutionUpdateKind.StreamResynced);
        Assert.Equal(h.Venue, resync.Venue);
        await TestGuard.UntilAsync(() => h.Client.IsReady, "the WS API back as well");
    }

    [Fact]
    public async Task An_expired_listen_key_is_replaced_and_the_stream_resumes()
    {
        await using var h = await BinanceTradingHarness.StartAsync();
        h.Sim.Advance(TimeSpan.FromMinutes(61)); // keys live 60 min after the last POST/PUT
        await TestGuard.UntilAsync(() => h.Client.UserStreamConnects >= 2 && h.Client.IsReady, "a new key and a new connection");
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.StreamResynced, "a resync: events of the lapsed key may be lost");
        // The hour jumped in one call while clock samples were in flight: a round joined across the jump refuses its
        // samples (ClockOffset.MaxRoundTrip) and keeps the offset; the next round settles it, as the next refresh would.
        var synced = await h.Client.SyncClockAsync(Ct) || await h.Client.SyncClockAsync(Ct);
        Assert.True(synced);

        var order = Market(h, OrderSide.Buy, "0.001");
        var placed = await h.Client.PlaceAsync(order, Ct);
        Assert.True(placed.IsOk, placed.Error.ToString());
        await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.Fill && u.ClientOrderId == order.ClientOrderId, "the fill on the renewed stream");
    }

    [Fact]
    public async Task Secrets_appear_in_no_string_the_client_produces()
    {
        const string secret = "sim-binance-secret";
        await using var h = await BinanceTradingHarness.StartAsync();
        var texts = new List<string> { h.Client.ToString()!, new ApiCredentials(SimHarness.Key, secret).ToString() };
        texts.Add((await h.Client.PlaceAsync(Limit(h, OrderSide.Buy, "500", "8990"), Ct)).Error.ToString());
        await using var wrong = await BinanceTradingHarness.StartAsync(new ApiCredentials("no-such-key", secret), start: false);
        texts.Add((await Assert.ThrowsAsync<InvalidOperationException>(() => wrong.Client.StartAsync(Ct))).ToString());
        texts.Add((await wrong.Client.QueryBalancesAsync(Ct)).Error.ToString());
        Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }
}
