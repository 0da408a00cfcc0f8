using System.Text;
using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The docs' own signing examples (Fixtures/README.md names the pages), and the request writer: sorted params,
/// the signed payload equal to what is sent, in the WS API frame and the REST query alike.</summary>
public sealed class BinanceSigningTests
{
    private static string Sign(string secret, string payload)
    {
        using var signer = new BinanceSigner(new ApiCredentials("docs-key", secret));
        var hex = new byte[BinanceSigner.SignatureLength];
        signer.Sign(Encoding.ASCII.GetBytes(payload), hex);
        return Encoding.ASCII.GetString(hex);
    }

    [Fact]
    public void Futures_general_info_example_1_and_2_hmac()
    {
        // BF general-info, "SIGNED Endpoint Examples for POST /fapi/v1/order - HMAC Keys", Example 1 (query) = Example 2 (body).
        Assert.Equal("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9", Sign(
            "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9",
            "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943"));
    }

    [Fact]
    public void Futures_general_info_example_3_mixed_query_and_body_hmac()
    {
        // Example 3: query + body concatenated with no '&' between; reproduces with the space the docs' echo shows.
        Assert.Equal("f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2", Sign(
            "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9",
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=9000&recvWindow=5000&timestamp= 1591702613943"));
    }

    [Fact]
    public void Spot_rest_example_hmac()
    {
        Assert.Equal("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", Sign(
            "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"));
    }

    [Fact]
    public void WebSocket_api_example_hmac_over_sorted_params()
    {
        // Spot web-socket-api "SIGNED request example (HMAC)": the params of its order.place, sorted by name.
        Assert.Equal("cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a", Sign(
            "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
            "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&newOrderRespType=ACK&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"));
    }

    /// <summary>Records every parameter, to check the one definition writes them in ascending name order.</summary>
    private struct RecordingParams : IBinanceParams
    {
        public List<string> Names;

        public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Names.Add(Encoding.ASCII.GetString(name));

        public void Integer(ReadOnlySpan<byte> name, long value) => Names.Add(Encoding.ASCII.GetString(name));
    }

    [Theory]
    [InlineData(OrderKind.Limit, true)]
    [InlineData(OrderKind.Market, false)]
    public void Order_params_are_written_in_ascending_name_order(OrderKind kind, bool reduceOnly)
    {
        var order = Order(kind, reduceOnly);
        var recording = new RecordingParams { Names = ["apiKey"] };
        BinanceOrderParams.Place(ref recording, order, "BTCUSDT"u8, 5000, 1591702613943);
        Assert.Equal(recording.Names.Order(StringComparer.Ordinal), recording.Names);
        var byId = new RecordingParams { Names = ["apiKey"] };
        BinanceOrderParams.OrderByClientId(ref byId, "BTCUSDT"u8, order.ClientOrderId, 5000, 1);
        Assert.Equal(byId.Names.Order(StringComparer.Ordinal), byId.Names);
    }

    private static OrderRequest Order(OrderKind kind = OrderKind.Limit, bool reduceOnly = false) => kind == OrderKind.Limit
        ? OrderRequest.Limit(new InstrumentId(1), ClientOrderId.ForLeg(42, 1, 0), OrderSide.Buy, Quantity.Parse("1"), Price.Parse("9000"),
            TimeInForce.GoodTillCancel, reduceOnly)
        : OrderRequest.Market(new InstrumentId(1), ClientOrderId.ForLeg(42, 1, 0), OrderSide.Sell, Quantity.Parse("0.015"), reduceOnly);

    [Fact]
    public void WebSocket_frame_carries_every_param_and_a_signature_over_them_sorted()
    {
        using var writer = new BinanceOrderWriter(new ApiCredentials(SimDocs.Key, SimDocs.Secret));
        var frame = writer.PlaceFrame(7, Order(), "BTCUSDT"u8, 5000, 1591702613943).ToArray();
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        Assert.Equal(7, root.GetProperty("id").GetInt64());
        Assert.Equal("order.place", root.GetProperty("method").GetString());
        var parameters = root.GetProperty("params");
        // INT params are JSON numbers, DECIMAL and STRING ones JSON strings (websocket-api-general-info).
        Assert.Equal(JsonValueKind.Number, parameters.GetProperty("timestamp").ValueKind);
        Assert.Equal(JsonValueKind.Number, parameters.GetProperty("recvWindow").ValueKind);
        Assert.Equal("9000", parameters.GetProperty("price").GetString());
        Assert.Equal("1", parameters.GetProperty("quantity").GetString());
        Assert.Equal("FA42L1A0", parameters.GetProperty("newClientOrderId").GetString());
        var payload = string.Join('&', parameters.EnumerateObject().Where(p => p.Name != "signature").OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())));
        Assert.Equal("apiKey=" + SimDocs.Key + "&newClientOrderId=FA42L1A0&newOrderRespType=RESULT&price=9000&quantity=1&recvWindow=5000" +
            "&side=BUY&symbol=BTCUSDT&timeInForce=GTC&timestamp=1591702613943&type=LIMIT", payload);
        Assert.Equal(Sign(SimDocs.Secret, payload), parameters.GetProperty("signature").GetString());
    }

    [Fact]
    public void Rest_query_is_signed_over_exactly_what_precedes_the_signature()
    {
        using var writer = new BinanceOrderWriter(new ApiCredentials(SimDocs.Key, SimDocs.Secret));
        var query = Encoding.ASCII.GetString(writer.PlaceQuery(Order(OrderKind.Market, reduceOnly: true), "BTCUSDT"u8, 5000, 1591702613943));
        var at = query.IndexOf("&signature=", StringComparison.Ordinal);
        Assert.Equal("newClientOrderId=FA42L1A0&newOrderRespType=RESULT&quantity=0.015&recvWindow=5000&reduceOnly=true&side=SELL&symbol=BTCUSDT" +
            "&timestamp=1591702613943&type=MARKET", query[..at]);
        Assert.Equal(Sign(SimDocs.Secret, query[..at]), query[(at + "&signature=".Length)..]);
    }

    [Theory]
    [InlineData(TimeInForce.GoodTillCancel, "GTC")]
    [InlineData(TimeInForce.ImmediateOrCancel, "IOC")]
    [InlineData(TimeInForce.FillOrKill, "FOK")]
    [InlineData(TimeInForce.PostOnly, "GTX")]
    public void Time_in_force_is_spelled_as_binance_does(TimeInForce tif, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(BinanceOrderParams.TimeInForceText(tif)));

    private static class SimDocs
    {
        public const string Key = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
        public const string Secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
    }
}
