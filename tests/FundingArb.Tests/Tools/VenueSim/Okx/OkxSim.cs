using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>The simulator's OKX venue on loopback (through <see cref="SimHarness"/>'s virtual clocks), with requests
/// signed the way the OKX docs describe — written here independently of the simulator's own code.</summary>
internal sealed class OkxSim : IAsyncDisposable
{
    public const string Key = "sim-okx-key";
    public const string Secret = "sim-okx-secret";
    public const string Passphrase = "sim-okx-passphrase";

    /// <summary>An account holding the docs' example SecretKey (#overview-rest-authentication-signature).</summary>
    public const string DocsKey = "okx-docs-example-key";
    public const string DocsSecret = "22582BD0CFF14C41EDBF1AB98506286D";
    public const string DocsPassphrase = "okx-docs-passphrase";

    private readonly List<ClientWebSocket> _sockets = [];

    private OkxSim(SimHarness harness)
    {
        Harness = harness;
        Base = harness.Simulator.Endpoints[VenueKind.Okx];
        Http = new HttpClient { BaseAddress = Base, Timeout = TestGuard.Timeout };
    }

    public SimHarness Harness { get; }
    public Uri Base { get; }
    public HttpClient Http { get; }

    public static async Task<OkxSim> StartAsync(string scenario, DateTimeOffset? start = null, DateTimeOffset? wallStart = null) =>
        new(await SimHarness.StartAsync(scenario, start, wallStart, [new ApiCredential(VenueKind.Okx, DocsKey, DocsSecret, DocsPassphrase)]));

    public void Advance(TimeSpan by) => Harness.Advance(by);

    public static string Sign(string secret, string prehash) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(prehash)));

    /// <summary>OK-ACCESS-TIMESTAMP format: ISO 8601 UTC with milliseconds.</summary>
    public static string IsoTimestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async Task<(int Status, JsonElement Json)> GetAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        return await ReadAsync(response);
    }

    /// <summary>A private request signed as the docs say: timestamp + METHOD + requestPath (with ?query) + body.</summary>
    public Task<(int Status, JsonElement Json)> SignedAsync(HttpMethod method, string pathAndQuery, string? body = null,
        string key = Key, string secret = Secret, string passphrase = Passphrase, DateTimeOffset? at = null, string? sign = null) =>
        SendAsync(method, pathAndQuery, body, SignedHeaders(method, pathAndQuery, body, key, secret, passphrase, at, sign));

    /// <summary>The four OK-ACCESS-* headers of a private request.</summary>
    public Dictionary<string, string> SignedHeaders(HttpMethod method, string pathAndQuery, string? body = null,
        string key = Key, string secret = Secret, string passphrase = Passphrase, DateTimeOffset? at = null, string? sign = null)
    {
        var timestamp = IsoTimestamp(at ?? Harness.Wall.GetUtcNow());
        return new Dictionary<string, string>
        {
            ["OK-ACCESS-KEY"] = key,
            ["OK-ACCESS-SIGN"] = sign ?? Sign(secret, timestamp + method.Method + pathAndQuery + (body ?? "")),
            ["OK-ACCESS-TIMESTAMP"] = timestamp,
            ["OK-ACCESS-PASSPHRASE"] = passphrase,
        };
    }

    /// <summary>A place-order body (and the "order" op's arg) in contracts.</summary>
    public static string Order(string side, string ordType, string sz, string? px = null, string? extra = null, string instId = "BTC-USDT-SWAP") =>
        $$"""{"instId":"{{instId}}","tdMode":"cross","side":"{{side}}","ordType":"{{ordType}}","sz":"{{sz}}"{{(px is null ? "" : $",\"px\":\"{px}\"")}}{{(extra is null ? "" : "," + extra)}}}""";

    public async Task<(int Status, JsonElement Json)> SendAsync(HttpMethod method, string pathAndQuery, string? body, IReadOnlyDictionary<string, string> headers)
    {
        using var response = await SendRawAsync(method, pathAndQuery, body, headers);
        return await ReadAsync(response);
    }

    /// <summary>A request whose response the caller inspects (status, headers, body) and disposes.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, string? body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return await Http.SendAsync(request);
    }

    private static async Task<(int, JsonElement)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>POST /api/v5/trade/order with the given JSON body; returns the answer's data[0] and the whole answer.</summary>
    public async Task<(JsonElement Ack, JsonElement Json)> PlaceAsync(string body)
    {
        var (status, json) = await SignedAsync(HttpMethod.Post, "/api/v5/trade/order", body);
        Assert.Equal(200, status);
        return (json.GetProperty("data")[0], json);
    }

    public async Task<JsonElement> OrderAsync(string ordId, string instId = "BTC-USDT-SWAP")
    {
        var (status, json) = await SignedAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={instId}&ordId={ordId}");
        Assert.Equal(200, status);
        Assert.Equal("0", json.GetProperty("code").GetString());
        return json.GetProperty("data")[0];
    }

    // ---------------------------------------------------------------- WebSocket

    public async Task<ClientWebSocket> ConnectAsync(string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        await socket.ConnectAsync(new Uri(new Uri(Base.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), pathAndQuery), guard.Token);
        _sockets.Add(socket);
        return socket;
    }

    public static Task SendAsync(ClientWebSocket socket, string text) => SimHarness.SendAsync(socket, text);

    public static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        var buffer = new byte[512 * 1024];
        var filled = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), guard.Token);
            filled += result.Count;
            if (result.EndOfMessage) break;
        }
        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var document = JsonDocument.Parse(await ReceiveTextAsync(socket));
        return document.RootElement.Clone();
    }

    /// <summary>Everything the server queued before it answers a "ping" sent now: frames on one connection go out in
    /// order, so the "pong" marks the end of what was already queued.</summary>
    public static async Task<List<JsonElement>> DrainAsync(ClientWebSocket socket)
    {
        await SendAsync(socket, "ping");
        var frames = new List<JsonElement>();
        while (await ReceiveTextAsync(socket) is var text && text != "pong")
        {
            using var document = JsonDocument.Parse(text);
            frames.Add(document.RootElement.Clone());
        }
        return frames;
    }

    /// <summary>The pushes of <paramref name="channel"/> among <paramref name="frames"/>.</summary>
    public static List<JsonElement> OfChannel(IEnumerable<JsonElement> frames, string channel) =>
        [.. frames.Where(f => f.TryGetProperty("arg", out var arg) && arg.GetProperty("channel").GetString() == channel)];

    public static string LoginFrame(string key, string secret, string passphrase, long unixSeconds)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var sign = Sign(secret, timestamp + "GET" + "/users/self/verify");
        return $$"""{"op":"login","args":[{"apiKey":"{{key}}","passphrase":"{{passphrase}}","timestamp":"{{timestamp}}","sign":"{{sign}}"}]}""";
    }

    /// <summary>Connects to /ws/v5/private and logs in as the default account; asserts the login ack.</summary>
    public async Task<ClientWebSocket> PrivateAsync()
    {
        var socket = await ConnectAsync("/ws/v5/private");
        await SendAsync(socket, LoginFrame(Key, Secret, Passphrase, Harness.Wall.GetUtcNow().ToUnixTimeSeconds()));
        var ack = await ReceiveAsync(socket);
        Assert.Equal("login", ack.GetProperty("event").GetString());
        Assert.Equal("0", ack.GetProperty("code").GetString());
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets) socket.Abort();
        Http.Dispose();
        await Harness.DisposeAsync();
    }
}
