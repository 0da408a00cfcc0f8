using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FundingArb.Replay;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>A simulator on loopback driven by virtual clocks (market and wall), with an HttpClient and WebSocket
/// helpers that sign requests the way the Binance docs describe (independently of the simulator's own code).</summary>
internal sealed class SimHarness : IAsyncDisposable
{
    public const string Key = "sim-binance-key";
    public const string Secret = "sim-binance-secret";

    /// <summary>The docs' signing-example key pair (BF general-info).</summary>
    public const string DocsKey = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
    public const string DocsSecret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

    /// <summary>A minute before the 08:00 UTC settlement.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 7, 59, 0, TimeSpan.Zero);

    private readonly List<ClientWebSocket> _sockets = [];

    private SimHarness(VirtualClock market, VirtualClock wall, VenueSimulator simulator)
    {
        Market = market;
        Wall = wall;
        Simulator = simulator;
        Base = simulator.Endpoints[VenueKind.Binance];
        Http = new HttpClient { BaseAddress = Base, Timeout = TestGuard.Timeout };
    }

    public VirtualClock Market { get; }
    public VirtualClock Wall { get; }
    public VenueSimulator Simulator { get; }
    public Uri Base { get; }
    public HttpClient Http { get; }

    public static async Task<SimHarness> StartAsync(string scenarioJson, DateTimeOffset? start = null, DateTimeOffset? wallStart = null,
        IEnumerable<ApiCredential>? extraAccounts = null, FaultScript? faults = null, int seed = 7)
    {
        var market = new VirtualClock(start ?? DefaultStart);
        var wall = new VirtualClock(wallStart ?? start ?? DefaultStart);
        var simulator = await VenueSimulator.StartAsync(new VenueSimulatorOptions
        {
            Scenario = ScenarioLoader.Parse(scenarioJson),
            MarketClock = market,
            WallClock = wall,
            Seed = seed,
            Faults = faults,
            Accounts = [.. ApiCredential.Defaults, new ApiCredential(VenueKind.Binance, DocsKey, DocsSecret), .. extraAccounts ?? []],
        });
        return new SimHarness(market, wall, simulator);
    }

    /// <summary>Moves both clocks on; the market timer steps the exchange on the way.</summary>
    public void Advance(TimeSpan by)
    {
        Market.Advance(by);
        Wall.Advance(by);
    }

    public async Task<(int Status, JsonElement Json)> GetAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        return await ReadAsync(response);
    }

    /// <summary>A SIGNED request: parameters (in order) plus timestamp from the wall clock, signed as the docs say and
    /// sent in the query string (GET/DELETE) or the form body (POST/PUT).</summary>
    public async Task<(int Status, JsonElement Json)> SignedAsync(HttpMethod method, string path, string parameters, string key = Key, string secret = Secret)
    {
        var payload = (parameters.Length > 0 ? parameters + "&" : "") + "timestamp=" + Wall.GetUtcNow().ToUnixTimeMilliseconds();
        var signed = payload + "&signature=" + HexHmac(secret, payload);
        return await SendRawAsync(method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? signed : null,
            method == HttpMethod.Get || method == HttpMethod.Delete ? null : signed, key);
    }

    public async Task<(int Status, JsonElement Json)> SendRawAsync(HttpMethod method, string path, string? query, string? body, string? key)
    {
        using var request = new HttpRequestMessage(method, path + (query is null ? "" : "?" + query));
        if (key is not null) request.Headers.Add("X-MBX-APIKEY", key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.ASCII);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        using var response = await Http.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<(int, JsonElement)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public static string HexHmac(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    public async Task<ClientWebSocket> ConnectAsync(string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        await socket.ConnectAsync(new Uri(new Uri(Base.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), pathAndQuery), guard.Token);
        _sockets.Add(socket);
        // A stream connection's subscriptions are registered by the server after the upgrade: one LIST_SUBSCRIPTIONS round
        // trip proves they are, so a test that moves the clock next cannot race them. Nothing is pushed before the clock
        // moves, so the round trip swallows nothing. (The WS API answers only its own methods.)
        if (!pathAndQuery.StartsWith("/ws-fapi", StringComparison.Ordinal)) await DrainAsync(socket, marker: 999_998);
        return socket;
    }

    public static async Task SendAsync(ClientWebSocket socket, string text)
    {
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, guard.Token);
    }

    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var guard = new CancellationTokenSource(TestGuard.Timeout);
        var buffer = new byte[256 * 1024];
        var filled = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), guard.Token);
            filled += result.Count;
            if (result.EndOfMessage) break;
        }
        using var document = JsonDocument.Parse(buffer.AsMemory(0, filled));
        return document.RootElement.Clone();
    }

    /// <summary>Everything the server queued before it answers a LIST_SUBSCRIPTIONS sent now: frames on one
    /// connection go out in order, so the reply marks the end of what was already queued.</summary>
    public static async Task<List<JsonElement>> DrainAsync(ClientWebSocket socket, long marker = 999_999)
    {
        await SendAsync(socket, $"{{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":{marker}}}");
        var frames = new List<JsonElement>();
        while (true)
        {
            var frame = await ReceiveAsync(socket);
            if (frame.ValueKind == JsonValueKind.Object && frame.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt64() == marker)
                return frames;
            frames.Add(frame);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets) socket.Abort();
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
