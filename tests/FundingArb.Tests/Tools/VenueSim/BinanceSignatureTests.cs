using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>Binance USDⓈ-M signing (general-info, "SIGNED Endpoint Examples for POST /fapi/v1/order"): the documented
/// request is accepted as sent; any change to it, a wrong or missing key, or a timestamp outside the window is refused
/// with Binance's code and message.</summary>
public class BinanceSignatureTests
{
    // The docs' example: payload, its documented signature, and the time it was made.
    private const string DocsPayload = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
    private const string DocsSignature = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";
    private static readonly DateTimeOffset DocsTime = DateTimeOffset.FromUnixTimeMilliseconds(1591702613943);

    /// <summary>Wall clock half a second after the example was signed; the market clock where the tests usually start.</summary>
    private static Task<SimHarness> StartAsync() => SimHarness.StartAsync(TestScenarios.Flat, wallStart: DocsTime.AddMilliseconds(500));

    [Fact]
    public void The_docs_signature_is_what_HMAC_SHA256_of_the_payload_gives()
    {
        Assert.Equal(DocsSignature, SimHarness.HexHmac(SimHarness.DocsSecret, DocsPayload));
    }

    [Fact]
    public async Task The_documented_request_as_a_query_string_is_accepted()
    {
        await using var sim = await StartAsync();
        var (status, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, SimHarness.DocsKey);
        Assert.Equal(200, status);
        Assert.Equal("NEW", json.GetProperty("status").GetString());
        Assert.Equal("9000.0", json.GetProperty("price").GetString());
        Assert.Equal("1.000", json.GetProperty("origQty").GetString());
    }

    [Fact]
    public async Task The_documented_request_as_a_body_is_accepted_and_the_signature_case_does_not_matter()
    {
        await using var sim = await StartAsync();
        var (status, _) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", null, DocsPayload + "&signature=" + DocsSignature.ToUpperInvariant(), SimHarness.DocsKey);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Query_and_body_are_signed_concatenated_without_a_separator()
    {
        await using var sim = await StartAsync();
        const string query = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC";
        const string body = "quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943";
        var signature = SimHarness.HexHmac(SimHarness.DocsSecret, query + body);
        var (status, _) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", query, body + "&signature=" + signature, SimHarness.DocsKey);
        Assert.Equal(200, status);

        // Signed with an '&' between the two parts, the same request is refused.
        var withAmpersand = SimHarness.HexHmac(SimHarness.DocsSecret, query + "&" + body);
        var (refused, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", query, body + "&signature=" + withAmpersand, SimHarness.DocsKey);
        Assert.Equal(400, refused);
        Assert.Equal(-1022, json.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=2&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943")]
    [InlineData("symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943")]
    [InlineData("side=BUY&symbol=BTCUSDT&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943")]
    public async Task A_tampered_request_is_refused_with_1022(string tampered)
    {
        await using var sim = await StartAsync();
        var (status, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", tampered + "&signature=" + DocsSignature, null, SimHarness.DocsKey);
        Assert.Equal(400, status);
        AssertError(json, -1022, "Signature for this request is not valid.");
        var (_, open) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT", SimHarness.DocsKey, SimHarness.DocsSecret);
        Assert.Equal(0, open.GetArrayLength());
    }

    [Fact]
    public async Task A_request_signed_with_another_secret_is_refused_with_1022()
    {
        await using var sim = await StartAsync();
        var (status, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, SimHarness.Key);
        Assert.Equal(400, status);
        AssertError(json, -1022, "Signature for this request is not valid.");
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_2015_and_a_missing_one_with_2014()
    {
        await using var sim = await StartAsync();
        var (status, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, "not-a-key");
        Assert.Equal(401, status);
        AssertError(json, -2015, "Invalid API-key, IP, or permissions for action.");
        (status, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, null);
        Assert.Equal(401, status);
        AssertError(json, -2014, "API-key format invalid.");
    }

    [Fact]
    public async Task A_timestamp_older_than_the_receive_window_is_refused_with_1021()
    {
        // The wall clock is 5001 ms past the example's timestamp: one millisecond outside its recvWindow of 5000.
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat, wallStart: DocsTime.AddMilliseconds(5001));
        var (status, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, SimHarness.DocsKey);
        Assert.Equal(400, status);
        AssertError(json, -1021, "Timestamp for this request is outside of the recvWindow.");
    }

    [Fact]
    public async Task The_window_edge_is_inclusive()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat, wallStart: DocsTime.AddMilliseconds(5000));
        var (status, _) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, SimHarness.DocsKey);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_timestamp_a_second_ahead_of_the_server_is_refused_with_1021()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat, wallStart: DocsTime.AddMilliseconds(-1000));
        var (status, json) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, SimHarness.DocsKey);
        Assert.Equal(400, status);
        AssertError(json, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    }

    [Fact]
    public async Task The_market_clock_does_not_decide_the_timestamp_check()
    {
        // Market time far from the wall clock (a virtual scenario day): signed requests still check against the wall.
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat, start: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), wallStart: DocsTime.AddMilliseconds(100));
        var (status, _) = await sim.SendRawAsync(HttpMethod.Post, "/fapi/v1/order", DocsPayload + "&signature=" + DocsSignature, null, SimHarness.DocsKey);
        Assert.Equal(200, status);
        var (_, time) = await sim.GetAsync("/fapi/v1/time");
        Assert.Equal(DocsTime.AddMilliseconds(100).ToUnixTimeMilliseconds(), time.GetProperty("serverTime").GetInt64());
    }

    [Fact]
    public async Task Missing_timestamp_or_signature_names_the_parameter()
    {
        await using var sim = await StartAsync();
        var (_, json) = await sim.SendRawAsync(HttpMethod.Get, "/fapi/v2/balance", "signature=00", null, SimHarness.Key);
        AssertError(json, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        (_, json) = await sim.SendRawAsync(HttpMethod.Get, "/fapi/v2/balance", "timestamp=1591702613943", null, SimHarness.Key);
        AssertError(json, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    }

    internal static void AssertError(JsonElement json, int code, string message)
    {
        Assert.Equal(code, json.GetProperty("code").GetInt32());
        Assert.Equal(message, json.GetProperty("msg").GetString());
    }
}
