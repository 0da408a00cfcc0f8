using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>OKX v5 signing (#overview-rest-authentication-signature, #overview-websocket-login). The docs publish the
/// recipe, an example SecretKey, timestamp and requestPath, but no reproducible signature (their login example's sign
/// is illustrative), so the expected signs here are computed independently by the test from that recipe.</summary>
public class OkxSignatureTests
{
    // The docs' example: GET /api/v5/account/balance?ccy=BTC at 2020-12-08T09:08:57.715Z with SecretKey 22582BD0….
    private const string DocsTimestamp = "2020-12-08T09:08:57.715Z";
    private const string DocsPath = "/api/v5/account/balance?ccy=BTC";
    private static readonly DateTimeOffset DocsTime = DateTimeOffset.Parse(DocsTimestamp, System.Globalization.CultureInfo.InvariantCulture);

    private static Task<OkxSim> StartAtDocsTimeAsync() => OkxSim.StartAsync(OkxScenarios.Flat, wallStart: DocsTime.AddSeconds(2));

    private static Dictionary<string, string> Headers(string key, string sign, string timestamp, string passphrase) => new()
    {
        ["OK-ACCESS-KEY"] = key,
        ["OK-ACCESS-SIGN"] = sign,
        ["OK-ACCESS-TIMESTAMP"] = timestamp,
        ["OK-ACCESS-PASSPHRASE"] = passphrase,
    };

    private static void AssertError(int status, JsonElement json, int expectedStatus, string code, string message)
    {
        Assert.Equal(expectedStatus, status);
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Equal(message, json.GetProperty("msg").GetString());
        Assert.Equal(0, json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task The_docs_example_request_signed_with_the_docs_secret_is_accepted()
    {
        await using var sim = await StartAtDocsTimeAsync();
        // Independently computed: Base64(HMAC-SHA256("22582BD0CFF14C41EDBF1AB98506286D", timestamp + "GET" + path)).
        var sign = OkxSim.Sign(OkxSim.DocsSecret, DocsTimestamp + "GET" + DocsPath);
        var (status, json) = await sim.SendAsync(HttpMethod.Get, DocsPath, null, Headers(OkxSim.DocsKey, sign, DocsTimestamp, OkxSim.DocsPassphrase));
        Assert.Equal(200, status);
        Assert.Equal("0", json.GetProperty("code").GetString());
        Assert.Equal("100000", json.GetProperty("data")[0].GetProperty("details")[0].GetProperty("cashBal").GetString());
    }

    [Fact]
    public async Task A_POST_is_signed_over_its_exact_body_the_docs_set_leverage_body_included()
    {
        await using var sim = await StartAtDocsTimeAsync();
        const string body = """{"instId":"BTC-USDT-SWAP","lever":"5","mgnMode":"cross"}""";
        var sign = OkxSim.Sign(OkxSim.DocsSecret, DocsTimestamp + "POST" + "/api/v5/account/set-leverage" + body);
        var (status, json) = await sim.SendAsync(HttpMethod.Post, "/api/v5/account/set-leverage", body, Headers(OkxSim.DocsKey, sign, DocsTimestamp, OkxSim.DocsPassphrase));
        Assert.Equal(200, status);
        Assert.Equal("5", json.GetProperty("data")[0].GetProperty("lever").GetString());

        // The same sign over a body with one more space is refused.
        var (refused, error) = await sim.SendAsync(HttpMethod.Post, "/api/v5/account/set-leverage", body.Replace(",", ", ", StringComparison.Ordinal),
            Headers(OkxSim.DocsKey, sign, DocsTimestamp, OkxSim.DocsPassphrase));
        AssertError(refused, error, 401, "50113", "Invalid signature.");
    }

    [Theory]
    [InlineData("/api/v5/account/balance?ccy=ETH")] // another query: GET parameters are part of requestPath
    [InlineData("/api/v5/account/balance")]
    public async Task A_sign_made_for_another_request_path_is_refused_with_50113(string path)
    {
        await using var sim = await StartAtDocsTimeAsync();
        var sign = OkxSim.Sign(OkxSim.DocsSecret, DocsTimestamp + "GET" + DocsPath);
        var (status, json) = await sim.SendAsync(HttpMethod.Get, path, null, Headers(OkxSim.DocsKey, sign, DocsTimestamp, OkxSim.DocsPassphrase));
        AssertError(status, json, 401, "50113", "Invalid signature.");
    }

    [Fact]
    public async Task Wrong_key_wrong_passphrase_and_wrong_secret_are_refused_with_their_codes()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var (s1, j1) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/config", key: "no-such-key");
        AssertError(s1, j1, 401, "50111", "Invalid OK-ACCESS-KEY.");
        var (s2, j2) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/config", passphrase: "wrong");
        AssertError(s2, j2, 401, "50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.");
        var (s3, j3) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/config", secret: "wrong-secret");
        AssertError(s3, j3, 401, "50113", "Invalid signature.");
    }

    [Theory]
    [InlineData(31, "50102", "Timestamp request expired.")]
    [InlineData(-31, "50102", "Timestamp request expired.")]
    public async Task A_timestamp_more_than_30_seconds_from_server_time_is_refused_with_50102(int offsetSeconds, string code, string message)
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var at = sim.Harness.Wall.GetUtcNow().AddSeconds(offsetSeconds);
        var (status, json) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/config", at: at);
        AssertError(status, json, 401, code, message);
        var (inside, _) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/config", at: sim.Harness.Wall.GetUtcNow().AddSeconds(-29));
        Assert.Equal(200, inside);
    }

    [Fact]
    public async Task A_timestamp_not_in_ISO_8601_milliseconds_is_refused_with_50112()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var unix = sim.Harness.Wall.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (status, json) = await sim.SendAsync(HttpMethod.Get, "/api/v5/account/config", null,
            Headers(OkxSim.Key, OkxSim.Sign(OkxSim.Secret, unix + "GET/api/v5/account/config"), unix, OkxSim.Passphrase));
        AssertError(status, json, 401, "50112", "Invalid OK-ACCESS-TIMESTAMP.");
    }

    [Theory]
    [InlineData("OK-ACCESS-KEY", "50103", "Request header \"OK-ACCESS-KEY\" cannot be empty.")]
    [InlineData("OK-ACCESS-SIGN", "50106", "Request header \"OK-ACCESS-SIGN\" cannot be empty.")]
    [InlineData("OK-ACCESS-TIMESTAMP", "50107", "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty.")]
    [InlineData("OK-ACCESS-PASSPHRASE", "50104", "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty.")]
    public async Task A_missing_header_is_refused_with_its_code(string missing, string code, string message)
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var timestamp = OkxSim.IsoTimestamp(sim.Harness.Wall.GetUtcNow());
        var headers = Headers(OkxSim.Key, OkxSim.Sign(OkxSim.Secret, timestamp + "GET/api/v5/account/config"), timestamp, OkxSim.Passphrase);
        headers.Remove(missing);
        var (status, json) = await sim.SendAsync(HttpMethod.Get, "/api/v5/account/config", null, headers);
        AssertError(status, json, 401, code, message);
    }

    [Fact]
    public async Task A_refused_order_request_places_nothing()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        const string body = """{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"limit","px":"8990","sz":"1"}""";
        var (status, _) = await sim.SignedAsync(HttpMethod.Post, "/api/v5/trade/order", body, sign: OkxSim.Sign(OkxSim.Secret, "tampered"));
        Assert.Equal(401, status);
        var (_, pending) = await sim.SignedAsync(HttpMethod.Get, "/api/v5/trade/orders-pending");
        Assert.Equal(0, pending.GetProperty("data").GetArrayLength());
    }

    // ---------------------------------------------------------------- WebSocket login

    [Fact]
    public async Task WebSocket_login_signed_over_timestamp_GET_users_self_verify_is_accepted()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws/v5/private");
        await OkxSim.SendAsync(socket, OkxSim.LoginFrame(OkxSim.Key, OkxSim.Secret, OkxSim.Passphrase, sim.Harness.Wall.GetUtcNow().ToUnixTimeSeconds()));
        var ack = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-login.json", ack);
        Assert.Equal("login", ack.GetProperty("event").GetString());
        Assert.Equal("0", ack.GetProperty("code").GetString());
        Assert.Equal("", ack.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task WebSocket_login_with_the_docs_example_secret_and_timestamp_verifies_the_independent_sign()
    {
        // The docs' login timestamp 1538054050 with their SecretKey; the docs' own sign "7L+z…" is not this HMAC.
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat, wallStart: DateTimeOffset.FromUnixTimeSeconds(1538054050).AddSeconds(5));
        Assert.Equal("+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=", OkxSim.Sign(OkxSim.DocsSecret, "1538054050GET/users/self/verify"));
        var socket = await sim.ConnectAsync("/ws/v5/private");
        await OkxSim.SendAsync(socket, OkxSim.LoginFrame(OkxSim.DocsKey, OkxSim.DocsSecret, OkxSim.DocsPassphrase, 1538054050));
        Assert.Equal("login", (await OkxSim.ReceiveAsync(socket)).GetProperty("event").GetString());
        await OkxSim.SendAsync(socket, $$"""{"op":"login","args":[{"apiKey":"{{OkxSim.DocsKey}}","passphrase":"{{OkxSim.DocsPassphrase}}","timestamp":"1538054050","sign":"7L+zFQ+CEgGu5rzCj4+BdV2/uUHGqddA9pI6ztsRRPs="}]}""");
        var refused = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("60007", refused.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("key", "60005", "Invalid apiKey")]
    [InlineData("passphrase", "60024", "Wrong passphrase")]
    [InlineData("secret", "60007", "Invalid sign")]
    [InlineData("stale", "60006", "Timestamp request expired")]
    [InlineData("timestamp", "60004", "Invalid timestamp")]
    public async Task WebSocket_login_refusals_carry_the_documented_codes(string wrong, string code, string message)
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var now = sim.Harness.Wall.GetUtcNow().ToUnixTimeSeconds();
        var frame = wrong switch
        {
            "key" => OkxSim.LoginFrame("nobody", OkxSim.Secret, OkxSim.Passphrase, now),
            "passphrase" => OkxSim.LoginFrame(OkxSim.Key, OkxSim.Secret, "wrong", now),
            "secret" => OkxSim.LoginFrame(OkxSim.Key, "wrong", OkxSim.Passphrase, now),
            "stale" => OkxSim.LoginFrame(OkxSim.Key, OkxSim.Secret, OkxSim.Passphrase, now - 31),
            _ => OkxSim.LoginFrame(OkxSim.Key, OkxSim.Secret, OkxSim.Passphrase, now).Replace($"\"{now}\"", "\"yesterday\"", StringComparison.Ordinal),
        };
        var socket = await sim.ConnectAsync("/ws/v5/private");
        await OkxSim.SendAsync(socket, frame);
        var error = await OkxSim.ReceiveAsync(socket);
        ShapeAssert.Matches("Okx/ws-login-failure.json", error);
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("msg").GetString());
        // Not logged in: private channels still refuse.
        await OkxSim.SendAsync(socket, """{"op":"subscribe","args":[{"channel":"orders","instType":"SWAP"}]}""");
        Assert.Equal("60011", (await OkxSim.ReceiveAsync(socket)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_login_frame_without_arguments_fails_with_60009()
    {
        await using var sim = await OkxSim.StartAsync(OkxScenarios.Flat);
        var socket = await sim.ConnectAsync("/ws/v5/private");
        await OkxSim.SendAsync(socket, """{"op":"login","args":[]}""");
        var error = await OkxSim.ReceiveAsync(socket);
        Assert.Equal("60009", error.GetProperty("code").GetString());
        Assert.Equal("Login failed.", error.GetProperty("msg").GetString());
    }
}
