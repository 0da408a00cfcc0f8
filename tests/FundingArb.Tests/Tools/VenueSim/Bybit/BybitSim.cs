using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>A Bybit response: HTTP status, the JSON body and the response headers.</summary>
internal sealed record BybitResponse(int Status, JsonElement Json, HttpResponseHeaders Headers)
{
    public int RetCode => Json.GetProperty("retCode").GetInt32();
    public string RetMsg => Json.GetProperty("retMsg").GetString()!;
    public JsonElement Result => Json.GetProperty("result");
}

/// <summary>The simulator's Bybit venue on loopback, through <see cref="SimHarness"/> (virtual market and wall clocks),
/// with requests signed the way the docs describe — implemented here, independently of the simulator's code.</summary>
internal sealed class BybitSim : IAsyncDisposable
{
    public const string Key = "sim-bybit-key";
    public const string Secret = "sim-bybit-secret";

    private readonly List<ClientWebSocket> _sockets = [];

    private BybitSim(SimHarness harness)
    {
        Harness = harness;
        Base = harness.Simulator.Endpoints[VenueKind.Bybit];
        Http = new HttpClient { BaseAddress = Base, Timeout = TestGuard.Timeout };
    }

    public SimHarness Harness { get; }
    public Uri Base { get; }
    public HttpClient Http { get; }
    public SimulatedExchange Exchange => Harness.Simulator.ExchangeOf(VenueKind.Bybit);
    public FaultPlan Faults => Harness.Simulator.FaultsOf(VenueKind.Bybit);
    public long WallMs => Harness.Wall.GetUtcNow().ToUnixTimeMilliseconds();

    public static async Task<BybitSim> StartAsync(string scenarioJson, DateTimeOffset? start = null, DateTimeOffset? wallStart = null,
        IEnumerable<ApiCredential>? extraAccounts = null) =>
        new(await SimHarness.StartAsync(scenarioJson, start, wallStart, extraAccounts));

    /// <summary>The fields of a 0.1 BTC market buy on the Flat book (order.create args, or a REST body with
    /// <see cref="CreateAsync"/>).</summary>
    public const string MarketBuy = """ "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.1" """;

    /// <summary>A simulator on <see cref="BybitScenarios.Flat"/> with <paramref name="fault"/> armed on Bybit from the start.</summary>
    public static async Task<BybitSim> StartAsync(FaultRule fault)
    {
        var sim = await StartAsync(BybitScenarios.Flat);
        sim.Faults.Add(fault);
        return sim;
    }

    public void Advance(TimeSpan by) => Harness.Advance(by);

    public static string Hmac(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    public Task<BybitResponse> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery, null, []);

    /// <summary>A signed GET: sign = HMAC(timestamp + key + recvWindow + query string).</summary>
    public Task<BybitResponse> SignedGetAsync(string path, string query, string key = Key, string secret = Secret, long? timestamp = null, string? recvWindow = "5000")
    {
        var ts = (timestamp ?? WallMs).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return SendAsync(HttpMethod.Get, path + (query.Length > 0 ? "?" + query : ""), null, Headers(key, ts, recvWindow, Hmac(secret, ts + key + recvWindow + query)));
    }

    /// <summary>A signed POST: sign = HMAC(timestamp + key + recvWindow + the raw JSON body, exactly as sent).</summary>
    public Task<BybitResponse> SignedPostAsync(string path, string body, string key = Key, string secret = Secret, long? timestamp = null, string? recvWindow = "5000")
    {
        var ts = (timestamp ?? WallMs).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return SendAsync(HttpMethod.Post, path, body, Headers(key, ts, recvWindow, Hmac(secret, ts + key + recvWindow + body)));
    }

    public static Dictionary<string, string> Headers(string key, string timestamp, string? recvWindow, string sign)
    {
        var headers = new Dictionary<string, string> { ["X-BAPI-API-KEY"] = key, ["X-BAPI-TIMESTAMP"] = timestamp, ["X-BAPI-SIGN"] = sign };
        if (recvWindow is not null) headers["X-BAPI-RECV-WINDOW"] = recvWindow;
        return headers;
    }

    public async Task<BybitResponse> SendAsync(HttpMethod method, string pathAndQuery, string? body, Dictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return new BybitResponse((int)response.StatusCode, document.RootElement.Clone(), response.Headers);
    }

    /// <summary>Places an order (POST /v5/order/create) from its JSON fields, category linear added.</summary>
    public Task<BybitResponse> CreateAsync(string fields, string key = Key, string secret = Secret) =>
        SignedPostAsync("/v5/order/create", "{\"category\":\"linear\"," + fields + "}", key, secret);

    /// <summary>The order as GET /v5/order/realtime lists it, looked up by its id.</summary>
    public async Task<JsonElement> OrderAsync(string symbol, string orderId, string key = Key, string secret = Secret)
    {
        var response = await SignedGetAsync("/v5/order/realtime", $"category=linear&symbol={symbol}&orderId={orderId}", key, secret);
        Assert.Equal(0, response.RetCode);
        return Assert.Single(response.Result.GetProperty("list").EnumerateArray());
    }

    public async Task<JsonElement> PositionAsync(string symbol, string key = Key, string secret = Secret)
    {
        var response = await SignedGetAsync("/v5/position/list", $"category=linear&symbol={symbol}", key, secret);
        Assert.Equal(0, response.RetCode);
        return Assert.Single(response.Result.GetProperty("list").EnumerateArray());
    }

    /// <summary>The BTCUSDT position's size as the venue writes it ("0.100").</summary>
    public async Task<string> SizeAsync() => (await PositionAsync("BTCUSDT")).GetProperty("size").GetString()!;

    // ---------------------------------------------------------------- WebSockets

    public async Task<ClientWebSocket> ConnectAsync(string path)
    {
        var socket = new ClientWebSocket();
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        await socket.ConnectAsync(new Uri(new Uri(Base.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), path), guard.Token);
        _sockets.Add(socket);
        return socket;
    }

    /// <summary>A private-stream connection, authenticated and subscribed to <paramref name="topics"/>.</summary>
    public async Task<ClientWebSocket> ConnectPrivateAsync(params string[] topics)
    {
        var socket = await ConnectAsync("/v5/private");
        await SimHarness.SendAsync(socket, AuthMessage(Key, Secret, WallMs + 10_000));
        Assert.True((await SimHarness.ReceiveAsync(socket)).GetProperty("success").GetBoolean());
        await SimHarness.SendAsync(socket, "{\"op\":\"subscribe\",\"args\":[" + string.Join(',', topics.Select(t => "\"" + t + "\"")) + "]}");
        Assert.True((await SimHarness.ReceiveAsync(socket)).GetProperty("success").GetBoolean());
        return socket;
    }

    /// <summary>A public-stream subscribe; returns the ack.</summary>
    public static async Task<JsonElement> SubscribeAsync(ClientWebSocket socket, string requestId, params string[] topics)
    {
        await SimHarness.SendAsync(socket, $"{{\"req_id\":\"{requestId}\",\"op\":\"subscribe\",\"args\":[{string.Join(',', topics.Select(t => "\"" + t + "\""))}]}}");
        return await SimHarness.ReceiveAsync(socket);
    }

    /// <summary>A trade-socket (<c>/v5/trade</c>) connection, authenticated.</summary>
    public async Task<ClientWebSocket> ConnectTradeAsync()
    {
        var socket = await ConnectAsync("/v5/trade");
        await SimHarness.SendAsync(socket, AuthMessage(Key, Secret, WallMs + 10_000));
        Assert.Equal(0, (await SimHarness.ReceiveAsync(socket)).GetProperty("retCode").GetInt32());
        return socket;
    }

    /// <summary>An <c>order.create</c> frame stamped now, its args the REST body's fields with category linear.</summary>
    public string TradeCreate(string requestId, string fields) =>
        $$"""{"reqId":"{{requestId}}","header":{"X-BAPI-TIMESTAMP":"{{WallMs}}"},"op":"order.create","args":[{"category":"linear",{{fields}}}]}""";

    /// <summary>The docs' auth request: args [key, expires, hex HMAC("GET/realtime" + expires)].</summary>
    public static string AuthMessage(string key, string secret, long expires, bool expiresAsString = false)
    {
        var text = expires.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expiresJson = expiresAsString ? "\"" + text + "\"" : text;
        return $"{{\"req_id\":\"auth-1\",\"op\":\"auth\",\"args\":[\"{key}\",{expiresJson},\"{Hmac(secret, "GET/realtime" + text)}\"]}}";
    }

    /// <summary>Everything the server queued before it answers a ping sent now: frames on one connection go out in
    /// order, so the pong carrying <paramref name="marker"/> ends what was already queued. Works on the public and
    /// private streams (both echo <c>req_id</c>).</summary>
    public static async Task<List<JsonElement>> DrainAsync(ClientWebSocket socket, string marker = "drain")
    {
        await SimHarness.SendAsync(socket, $"{{\"req_id\":\"{marker}\",\"op\":\"ping\"}}");
        var frames = new List<JsonElement>();
        while (true)
        {
            var frame = await SimHarness.ReceiveAsync(socket);
            if (frame.TryGetProperty("req_id", out var id) && id.GetString() == marker) return frames;
            frames.Add(frame);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets) socket.Abort();
        Http.Dispose();
        await Harness.DisposeAsync();
    }
}
