using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>docs/v5/guide "Authentication": sign = hex HMAC-SHA256(timestamp + key + recv_window + query | raw body),
/// the timing rule server_time − recv_window ≤ timestamp &lt; server_time + 1000 on the wall clock, and the refusals'
/// codes and messages (error page; live texts).</summary>
public class BybitSignatureTests
{
    internal static void AssertRet(BybitResponse response, int code, string message)
    {
        Assert.Equal(200, response.Status);
        Assert.Equal((code, message), (response.RetCode, response.RetMsg));
    }

    [Fact]
    public async Task A_signed_GET_is_accepted_and_reports_the_endpoint_rate_limit()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var response = await sim.SignedGetAsync("/v5/account/wallet-balance", "accountType=UNIFIED");
        AssertRet(response, 0, "OK");
        Assert.Equal("100000", response.Result.GetProperty("list")[0].GetProperty("coin")[0].GetProperty("walletBalance").GetString());
        Assert.Equal("50", response.Headers.GetValues("X-Bapi-Limit").Single());
        Assert.Equal("49", response.Headers.GetValues("X-Bapi-Limit-Status").Single());
        Assert.Equal(sim.WallMs.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-Bapi-Limit-Reset-Timestamp").Single());
        Assert.Equal("48", (await sim.SignedGetAsync("/v5/account/wallet-balance", "accountType=UNIFIED")).Headers.GetValues("X-Bapi-Limit-Status").Single());
    }

    [Fact]
    public async Task A_POST_is_signed_over_its_raw_body_exactly_as_sent()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        // Spaces after the colons, as in the docs' own POST example: the signature covers these exact bytes.
        var response = await sim.SignedPostAsync("/v5/position/set-leverage", """{"category": "linear", "symbol": "BTCUSDT", "buyLeverage": "5", "sellLeverage": "5"}""");
        AssertRet(response, 0, "OK");
    }

    [Fact]
    public async Task A_signed_POST_whose_body_is_not_a_JSON_object_is_refused_with_10001()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        AssertRet(await sim.SignedPostAsync("/v5/order/create", "category=linear&symbol=BTCUSDT"), 10001, "params error: request body is not valid JSON");
        AssertRet(await sim.SignedPostAsync("/v5/order/create", "[1,2]"), 10001, "params error: request body must be a JSON object");
    }

    [Fact]
    public async Task Without_a_recv_window_header_the_window_is_5000_and_the_signed_text_has_no_recv_window()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        AssertRet(await sim.SignedGetAsync("/v5/account/info", "", recvWindow: null, timestamp: sim.WallMs - 5000), 0, "OK");
        var late = sim.WallMs - 5001;
        AssertRet(await sim.SignedGetAsync("/v5/account/info", "", recvWindow: null, timestamp: late), 10002,
            $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{late}],server_timestamp[{sim.WallMs}],recv_window[5000]");
    }

    [Fact]
    public async Task A_tampered_signature_or_body_is_refused_with_10004_naming_the_signed_text()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var ts = sim.WallMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sign = BybitSim.Hmac(BybitSim.Secret, ts + BybitSim.Key + "5000" + "accountType=UNIFIED");
        var tampered = (sign[0] == 'a' ? 'b' : 'a') + sign[1..];
        var response = await sim.SendAsync(HttpMethod.Get, "/v5/account/wallet-balance?accountType=UNIFIED", null, BybitSim.Headers(BybitSim.Key, ts, "5000", tampered));
        AssertRet(response, 10004, $"error sign! origin_string[{ts}sim-bybit-key5000accountType=UNIFIED]");

        var body = """{"category":"linear","symbol":"BTCUSDT","buyLeverage":"5","sellLeverage":"5"}""";
        var bodySign = BybitSim.Hmac(BybitSim.Secret, ts + BybitSim.Key + "5000" + body);
        var altered = body.Replace("\"5\"", "\"6\"", StringComparison.Ordinal);
        response = await sim.SendAsync(HttpMethod.Post, "/v5/position/set-leverage", altered, BybitSim.Headers(BybitSim.Key, ts, "5000", bodySign));
        AssertRet(response, 10004, $"error sign! origin_string[{ts}sim-bybit-key5000{altered}]");
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_10003_and_missing_headers_with_10001()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        AssertRet(await sim.SignedGetAsync("/v5/account/info", "", key: "no-such-key"), 10003, "API key is invalid.");
        // The Binance account's key is not a Bybit key.
        AssertRet(await sim.SignedGetAsync("/v5/account/info", "", key: "sim-binance-key", secret: "sim-binance-secret"), 10003, "API key is invalid.");
        AssertRet(await sim.SendAsync(HttpMethod.Get, "/v5/account/info", null, []), 10001, "empty value: apiTimestamp[] apiKey[]");
        var headers = BybitSim.Headers(BybitSim.Key, "1", "5000", "");
        headers.Remove("X-BAPI-SIGN");
        AssertRet(await sim.SendAsync(HttpMethod.Get, "/v5/account/info", null, headers), 10001, "empty value: apiTimestamp[1] apiKey[sim-bybit-key] apiSignature[]");
    }

    [Theory]
    [InlineData(-8000, "10000", 0)]
    [InlineData(-5000, "5000", 0)]
    [InlineData(-5001, "5000", 10002)]
    [InlineData(999, "5000", 0)]
    [InlineData(1000, "5000", 10002)]
    public async Task The_timestamp_must_satisfy_server_time_minus_recv_window_le_timestamp_lt_server_time_plus_1000(long offsetMs, string recvWindow, int expected)
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        var timestamp = sim.WallMs + offsetMs;
        var response = await sim.SignedGetAsync("/v5/account/info", "", timestamp: timestamp, recvWindow: recvWindow);
        if (expected == 0) AssertRet(response, 0, "OK");
        else AssertRet(response, 10002, $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{timestamp}],server_timestamp[{sim.WallMs}],recv_window[{recvWindow}]");
    }

    [Fact]
    public async Task Timestamps_are_checked_against_the_wall_clock_not_the_market_clock()
    {
        var market = SimHarness.DefaultStart;
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat, market, wallStart: market.AddHours(3));
        AssertRet(await sim.SignedGetAsync("/v5/account/info", "", timestamp: sim.WallMs), 0, "OK");
        Assert.Equal(10002, (await sim.SignedGetAsync("/v5/account/info", "", timestamp: market.ToUnixTimeMilliseconds())).RetCode);
        var time = await sim.GetAsync("/v5/market/time");
        Assert.Equal(sim.WallMs / 1000, long.Parse(time.Result.GetProperty("timeSecond").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Each_account_signs_with_its_own_secret()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat,
            extraAccounts: [new ApiCredential(VenueKind.Bybit, "second-key", "second-secret", StartingBalance: 250m)]);
        var response = await sim.SignedGetAsync("/v5/account/wallet-balance", "accountType=UNIFIED", "second-key", "second-secret");
        AssertRet(response, 0, "OK");
        Assert.Equal("250", response.Result.GetProperty("list")[0].GetProperty("coin")[0].GetProperty("walletBalance").GetString());
        Assert.Equal(10004, (await sim.SignedGetAsync("/v5/account/info", "", "second-key", BybitSim.Secret)).RetCode);
    }
}
