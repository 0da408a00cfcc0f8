using System.Globalization;
using System.Net.WebSockets;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>Order faults decided by the exchange, as OKX's REST, "order" op and orders channel show them: refusals in
/// sCode/sMsg (HTTP 200, code "1"), the rate limit as REST 429 50011 or sCode 50011 on the socket.</summary>
public class OkxOrderFaultTests
{
    [Fact]
    public async Task The_nth_order_is_refused_with_sCode_51008_and_its_subCode()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var armed = OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Nth = 2 });

        Assert.Equal("0", (await OkxFaultClient.PlaceAsync(sim)).Json.GetProperty("code").GetString());
        var (status, json) = await OkxFaultClient.PlaceAsync(sim);
        Assert.Equal("0", (await OkxFaultClient.PlaceAsync(sim)).Json.GetProperty("code").GetString());

        Assert.Equal(200, status);
        Assert.Equal("All operations failed", json.GetProperty("msg").GetString());
        var ack = OkxFaultClient.AssertRefused(json, "51008", "Order failed. Insufficient USDT margin in account");
        Assert.Equal("1001", ack.GetProperty("subCode").GetString());
        Assert.Equal(1, armed.Applied);
        Assert.Equal(20m, await OkxFaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task An_emergency_close_is_refused_twice_then_succeeds()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        await OkxFaultClient.PlaceAsync(sim);
        OkxFaultClient.Plan(sim).Add(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.ReduceOnlyWouldIncrease, ReduceOnly = true, Count = 2 });
        var close = OkxSim.Order("sell", "market", "10", extra: "\"reduceOnly\":true");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (_, json) = await OkxFaultClient.PlaceAsync(sim, close);
            Assert.Equal("51170", json.GetProperty("data")[0].GetProperty("sCode").GetString());
        }
        var (ack, final) = await sim.PlaceAsync(close);

        Assert.Equal("0", final.GetProperty("code").GetString());
        Assert.Equal("filled", (await sim.OrderAsync(ack.GetProperty("ordId").GetString()!)).GetProperty("state").GetString());
        Assert.Equal(0m, await OkxFaultClient.PositionAsync(sim));
    }

    [Theory]
    [InlineData(RejectReason.Unspecified, "50028", "Unable to place the order. Please contact the customer service for details.")]
    [InlineData(RejectReason.PostOnlyWouldTake, "50028", "Unable to place the order. Please contact the customer service for details.")]
    [InlineData(RejectReason.FillOrKillUnfillable, "50028", "Unable to place the order. Please contact the customer service for details.")]
    [InlineData(RejectReason.DuplicateClientOrderId, "51016", "Client order ID already exists.")]
    [InlineData(RejectReason.TooManyOpenOrders, "51025", "Order count exceeds the limit.")]
    [InlineData(RejectReason.NotionalTooSmall, "51020", "Your order should meet or exceed the minimum order amount.")]
    [InlineData(RejectReason.UnknownSymbol, "51001", "Instrument ID, Instrument ID code or Spread ID doesn't exist.")]
    [InlineData(RejectReason.PriceAboveBand, "51006", "Order price is not within the price limit (max buy price: 9450 , min sell price: 8550 )")]
    public async Task Each_reason_is_refused_with_its_sCode(RejectReason reason, string sCode, string sMsg)
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = reason });

        var (status, json) = await OkxFaultClient.PlaceAsync(sim);

        Assert.Equal(200, status);
        OkxFaultClient.AssertRefused(json, sCode, sMsg);
    }

    [Fact]
    public async Task An_explicit_code_and_message_are_the_sCode_and_sMsg_for_matching_client_ids()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule
        {
            Kind = FaultKind.Reject, ClientOrderId = "hedge[0-9]+", Code = 51010, Message = "Request unsupported under current account mode",
        });

        var (_, other) = await OkxFaultClient.PlaceAsync(sim, OkxSim.Order("buy", "market", "10", extra: "\"clOrdId\":\"open1\""));
        var (status, json) = await OkxFaultClient.PlaceAsync(sim, OkxSim.Order("buy", "market", "10", extra: "\"clOrdId\":\"hedge2\""));

        Assert.Equal("0", other.GetProperty("code").GetString());
        Assert.Equal(200, status);
        var ack = OkxFaultClient.AssertRefused(json, "51010", "Request unsupported under current account mode");
        Assert.Equal("hedge2", ack.GetProperty("clOrdId").GetString());
    }

    [Fact]
    public async Task A_rate_limit_refusal_is_a_429_50011_over_rest_and_sCode_50011_on_the_socket()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.RateLimited, Count = 2 });
        var socket = await sim.PrivateAsync();

        using (var limited = await OkxFaultClient.PlaceRawAsync(sim))
        {
            Assert.Equal(429, (int)limited.StatusCode);
            Assert.False(limited.Headers.Contains("Retry-After")); // OKX documents no such header
            Assert.Equal("""{"code":"50011","msg":"Too Many Requests","data":[]}""", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("r1"));
        var op = await OkxSim.ReceiveAsync(socket);

        OkxFaultClient.AssertRefused(op, "50011", OkxFaultClient.RateLimitReached);
        Assert.Equal(0m, await OkxFaultClient.PositionAsync(sim));
    }

    [Fact]
    public async Task A_reject_reaches_the_order_op_with_the_same_sCode()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin });
        var socket = await sim.PrivateAsync();

        await OkxSim.SendAsync(socket, OkxFaultClient.WsOrder("a1"));
        var answer = await OkxSim.ReceiveAsync(socket);

        Assert.Equal("a1", answer.GetProperty("id").GetString());
        OkxFaultClient.AssertRefused(answer, "51008", "Order failed. Insufficient USDT margin in account");
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task A_never_fill_order_stays_live_even_when_marketable_until_canceled()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.NeverFill, Nth = 1 });

        var (ack, _) = await sim.PlaceAsync(OkxFaultClient.MarketBuy);
        var ordId = ack.GetProperty("ordId").GetString()!;
        sim.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("live", (await sim.OrderAsync(ordId)).GetProperty("state").GetString());

        var (status, canceled) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", $$"""{"instId":"BTC-USDT-SWAP","ordId":"{{ordId}}"}""");
        Assert.Equal(200, status);
        Assert.Equal("0", canceled.GetProperty("data")[0].GetProperty("sCode").GetString());
        var order = await sim.OrderAsync(ordId);
        Assert.Equal("canceled", order.GetProperty("state").GetString());
        Assert.Equal("0", order.GetProperty("accFillSz").GetString());
        Assert.Equal("1", order.GetProperty("cancelSource").GetString());
    }

    [Theory]
    [InlineData("0.5", null, "50")]   // half of 100 contracts
    [InlineData(null, "0.01", "0.01")] // the minimum lot
    public async Task A_partial_fill_fills_its_share_then_the_rest_is_canceled_by_the_system(string? fraction, string? quantity, string filled)
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule
        {
            Kind = FaultKind.PartialFill, Nth = 1,
            Fraction = fraction is null ? null : decimal.Parse(fraction, CultureInfo.InvariantCulture),
            Quantity = quantity is null ? null : decimal.Parse(quantity, CultureInfo.InvariantCulture),
        });
        var socket = await OkxFaultClient.OrdersChannelAsync(sim);

        var (ack, _) = await sim.PlaceAsync(OkxSim.Order("buy", "limit", "100", "9001.1"));
        var ordId = ack.GetProperty("ordId").GetString()!;

        var order = await sim.OrderAsync(ordId);
        Assert.Equal("canceled", order.GetProperty("state").GetString());
        Assert.Equal(filled, order.GetProperty("accFillSz").GetString());
        Assert.Equal("0", order.GetProperty("cancelSource").GetString());
        Assert.Equal([ordId + ":live", ordId + ":partially_filled", ordId + ":canceled"], OkxFaultClient.OrderStates(await OkxSim.DrainAsync(socket)));
    }

    [Fact]
    public async Task A_late_fill_waits_on_the_market_clock_past_the_clients_30_s_timeout_then_fills()
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.LateFill, Delay = TimeSpan.FromSeconds(45), Nth = 1 });

        var (ack, _) = await sim.PlaceAsync(OkxFaultClient.MarketBuy);
        var ordId = ack.GetProperty("ordId").GetString()!;
        sim.Advance(TimeSpan.FromSeconds(30)); // the client's verification timeout passes
        Assert.Equal("live", (await sim.OrderAsync(ordId)).GetProperty("state").GetString());

        sim.Advance(TimeSpan.FromSeconds(16));
        var order = await sim.OrderAsync(ordId);
        Assert.Equal("filled", order.GetProperty("state").GetString());
        Assert.Equal("10", order.GetProperty("accFillSz").GetString());
        Assert.Equal(10m, await OkxFaultClient.PositionAsync(sim));
    }

    [Theory]
    [InlineData(false, "0", "canceled", 0)]
    [InlineData(true, "51400", "filled", 10)]
    public async Task A_cancel_before_a_late_fill_wins_or_loses_the_race_as_scripted(bool fillsDespiteCancel, string cancelSCode, string state, decimal position)
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = FaultKind.LateFill, Delay = TimeSpan.FromSeconds(45), FillsDespiteCancel = fillsDespiteCancel });

        var (ack, _) = await sim.PlaceAsync(OkxFaultClient.MarketBuy);
        var ordId = ack.GetProperty("ordId").GetString()!;
        sim.Advance(TimeSpan.FromSeconds(31));
        var (_, cancel) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", $$"""{"instId":"BTC-USDT-SWAP","ordId":"{{ordId}}"}""");

        Assert.Equal(cancelSCode, cancel.GetProperty("data")[0].GetProperty("sCode").GetString());
        sim.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(state, (await sim.OrderAsync(ordId)).GetProperty("state").GetString());
        Assert.Equal(position, await OkxFaultClient.PositionAsync(sim));
    }

    [Theory]
    [InlineData(FaultKind.DuplicateUpdates, "A:live A:live A:filled A:filled B:live B:filled")] // every push twice, the next order untouched
    [InlineData(FaultKind.OutOfOrderUpdates, "A:filled A:live B:live B:filled")]               // the fill before live, the next order untouched
    public async Task Orders_pushes_arrive_duplicated_or_out_of_order(FaultKind kind, string expected)
    {
        await using var sim = await OkxFaultClient.StartAsync(new FaultRule { Kind = kind, Nth = 1 });
        var socket = await OkxFaultClient.OrdersChannelAsync(sim);

        var (a, _) = await sim.PlaceAsync(OkxFaultClient.MarketBuy);
        var (b, _) = await sim.PlaceAsync(OkxFaultClient.MarketBuy);

        var states = string.Join(' ', OkxFaultClient.OrderStates(await OkxSim.DrainAsync(socket)));
        Assert.Equal(expected, states.Replace(a.GetProperty("ordId").GetString()!, "A", StringComparison.Ordinal)
            .Replace(b.GetProperty("ordId").GetString()!, "B", StringComparison.Ordinal));
    }
}
