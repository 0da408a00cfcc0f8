using System.Text;
using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>Bybit v5 signing and the WS trade frame. The docs' own examples (docs/v5/guide "Authentication":
/// <c>…5000category=option&amp;symbol=BTC-29JUL22-25000-C</c> → 410e0f38…, <c>…5000{"category": "option"}</c> → f0da7197…)
/// are signed with a secret the docs do not publish, so they cannot be reproduced (venue-wire-facts §2.1, §5). The same
/// strings are signed here with the simulator's secret and checked against values computed independently:
/// <c>printf '%s' '&lt;string&gt;' | openssl dgst -sha256 -hmac 'sim-bybit-secret'</c>.</summary>
public sealed class BybitSigningTests
{
    private const string Secret = "sim-bybit-secret";

    private static string Hex(Action<BybitSigner, byte[]> sign, string key = "XXXXXXXXXX")
    {
        using var signer = new BybitSigner(new ApiCredentials(key, Secret));
        var hex = new byte[BybitSigner.SignatureLength];
        sign(signer, hex);
        return Encoding.ASCII.GetString(hex);
    }

    [Fact]
    public void The_guides_get_example_string_signed_as_timestamp_key_window_query() =>
        Assert.Equal("99ce33f2a93307f2fee01c383ba91b8a52bf5ef20635b94d266420d747ab49d6",
            Hex((s, hex) => s.SignRequest(1658384314791, 5000, "category=option&symbol=BTC-29JUL22-25000-C"u8, hex)));

    [Fact]
    public void The_guides_post_example_string_signed_over_the_body_exactly_as_sent() =>
        // The docs' body has a space after the colon: the sign covers the bytes sent, so it stays.
        Assert.Equal("61f353b3ef60d163222a8d4e24fb7df7c6b2cd4a0ce17bbc703c86cf4283db73",
            Hex((s, hex) => s.SignRequest(1658385579423, 5000, "{\"category\": \"option\"}"u8, hex)));

    [Fact]
    public void The_websocket_auth_signs_get_realtime_and_the_expiry()
    {
        // docs/v5/ws/connect's auth request example uses expires 1662350400000.
        Assert.Equal("b23402baeb52c4520984d62fa2f31b2528a53bdc268c9c0b1bcc86359ee74415", Hex((s, hex) => s.SignRealtime(1662350400000, hex)));
        using var signer = new BybitSigner(new ApiCredentials("sim-bybit-key", Secret));
        using var auth = JsonDocument.Parse(signer.AuthMessage(1662350400000));
        Assert.Equal("auth", auth.RootElement.GetProperty("op").GetString());
        var args = auth.RootElement.GetProperty("args");
        Assert.Equal(("sim-bybit-key", 1662350400000, "b23402baeb52c4520984d62fa2f31b2528a53bdc268c9c0b1bcc86359ee74415"),
            (args[0].GetString(), args[1].GetInt64(), args[2].GetString()));
    }

    private static OrderRequest Order(OrderKind kind = OrderKind.Limit, bool reduceOnly = false) => kind == OrderKind.Limit
        ? OrderRequest.Limit(new InstrumentId(1), ClientOrderId.ForLeg(42, 1, 0), OrderSide.Buy, Quantity.Parse("0.01"), Price.Parse("8990"),
            TimeInForce.GoodTillCancel, reduceOnly)
        : OrderRequest.Market(new InstrumentId(1), ClientOrderId.ForLeg(42, 1, 0), OrderSide.Sell, Quantity.Parse("0.015"), reduceOnly);

    [Fact]
    public void The_rest_body_is_the_create_order_request_and_its_sign_is_reproducible()
    {
        using var writer = new BybitOrderWriter();
        var body = Encoding.ASCII.GetString(writer.CreateBody(Order(), "BTCUSDT"u8));
        Assert.Equal("""{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.01","price":"8990","timeInForce":"GTC","positionIdx":0,"orderLinkId":"FA42L1A0","reduceOnly":false}""", body);
        Assert.Equal("a56df9d86d49ea76c89ddd947f0bbd07ed0b87d6772fd4b555140b194d2ba6e0",
            Hex((s, hex) => s.SignRequest(1711001595207, 5000, Encoding.ASCII.GetBytes(body), hex), key: "sim-bybit-key"));
    }

    [Fact]
    public void A_market_order_carries_no_time_in_force_and_a_reduce_only_flag()
    {
        using var writer = new BybitOrderWriter();
        using var body = JsonDocument.Parse(writer.CreateBody(Order(OrderKind.Market, reduceOnly: true), "BTCUSDT"u8));
        var root = body.RootElement;
        Assert.Equal(("Market", "Sell", "0.015", true), (root.GetProperty("orderType").GetString(), root.GetProperty("side").GetString(),
            root.GetProperty("qty").GetString(), root.GetProperty("reduceOnly").GetBoolean()));
        Assert.False(root.TryGetProperty("timeInForce", out _)); // "Market order will always use IOC"
        Assert.False(root.TryGetProperty("price", out _));
    }

    [Fact]
    public void The_trade_frame_has_the_guidelines_shape_with_the_rest_body_as_its_one_arg()
    {
        using var writer = new BybitOrderWriter();
        var body = Encoding.ASCII.GetString(writer.CreateBody(Order(), "BTCUSDT"u8));
        using var frame = JsonDocument.Parse(writer.CreateFrame(7, Order(), "BTCUSDT"u8, 5000, 1711001595207).ToArray());
        var root = frame.RootElement;
        Assert.Equal(("7", "order.create"), (root.GetProperty("reqId").GetString(), root.GetProperty("op").GetString()));
        var header = root.GetProperty("header"); // strings, as the guideline's request example
        Assert.Equal(("1711001595207", "5000"), (header.GetProperty("X-BAPI-TIMESTAMP").GetString(), header.GetProperty("X-BAPI-RECV-WINDOW").GetString()));
        Assert.Equal(body, Assert.Single(root.GetProperty("args").EnumerateArray()).GetRawText());

        using var cancel = JsonDocument.Parse(writer.CancelFrame(8, "BTCUSDT"u8, ClientOrderId.Parse("FA42L1A0"), 5000, 1).ToArray());
        Assert.Equal("order.cancel", cancel.RootElement.GetProperty("op").GetString());
        Assert.Equal("""{"category":"linear","symbol":"BTCUSDT","orderLinkId":"FA42L1A0"}""", cancel.RootElement.GetProperty("args")[0].GetRawText());
    }

    [Theory]
    [InlineData(TimeInForce.GoodTillCancel, "GTC")]
    [InlineData(TimeInForce.ImmediateOrCancel, "IOC")]
    [InlineData(TimeInForce.FillOrKill, "FOK")]
    [InlineData(TimeInForce.PostOnly, "PostOnly")]
    public void Time_in_force_is_spelled_as_bybit_does(TimeInForce tif, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(BybitOrderParams.TimeInForceText(tif)));
}
