using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Venues.Okx;

namespace FundingArb.Bench.Venues.Okx;

/// <summary>Sign and serialise one OKX order (BTC-USDT-SWAP limit IOC, 15 contracts @ 67321.4): the REST body with its
/// <c>OK-ACCESS-TIMESTAMP</c> and <c>OK-ACCESS-SIGN</c> — written once into a pooled buffer, ISO timestamp formatted in
/// place, HMAC with the reused instance, Base64 into a preallocated buffer — and the client's WebSocket send path (check
/// against the rules, count against the limits, write the <c>order</c> op; the session is logged in, so ops carry no
/// signature), against the conventional client: a model with strings (<c>decimal.ToString</c>), <see cref="JsonSerializer"/>
/// with a source-generated context, the ISO timestamp and the prehash as strings, one-shot
/// <see cref="HMACSHA256.HashData(byte[], byte[])"/>, <see cref="Convert.ToBase64String(byte[])"/>, an <see cref="HttpContent"/>.</summary>
[MemoryDiagnoser]
public class OkxOrderSigningBenchmarks
{
    private const string Secret = "sim-okx-secret";
    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(Secret);
    private static readonly long NowMs = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private OkxExecutionClient _client = null!;
    private OkxOrderWriter _writer = null!;
    private OrderRequest _order;
    private long _id;
    private readonly decimal _price = 67321.4m;
    private readonly decimal _size = 15m;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(OkxMarketData.VenueName);
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTC-USDT-SWAP", btc);
        var credentials = new ApiCredentials("sim-okx-key", Secret, "sim-okx-passphrase");
        _client = new OkxExecutionClient(venue, registry, credentials,
            new OkxExecutionOptions
            {
                Endpoints = OkxExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new OkxRateLimits(int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), new HttpClient(), new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));
        _client.AddInstrument(btc, new InstrumentSpec
        {
            VenueSymbol = "BTC-USDT-SWAP", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.01"), MinQuantity = Quantity.Parse("0.01"),
            ContractSize = Quantity.Parse("0.01"), IsTrading = true,
        });
        _writer = new OkxOrderWriter(credentials);
        _order = OrderRequest.Limit(btc, ClientOrderId.ForLeg(123456789, 1, 0), OrderSide.Buy, Quantity.Parse("15"), Price.Parse("67321.4"),
            TimeInForce.ImmediateOrCancel);
        if (OursRest() < 100 || OursWebSocket() < 100 || Baseline().Headers.ContentLength < 100) throw new InvalidOperationException("The benchmark requests are not built.");
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer + HashData + strings + HttpContent")]
    public HttpContent Baseline()
    {
        var body = JsonSerializer.Serialize(new OkxOrderBaselineModels.PlaceOrder
        {
            InstId = "BTC-USDT-SWAP", TdMode = "cross", ClOrdId = "FA123456789L1A0", Side = "buy", PosSide = "net", OrdType = "ioc",
            Sz = _size.ToString(CultureInfo.InvariantCulture), Px = _price.ToString(CultureInfo.InvariantCulture),
        }, OkxOrderBaselineJsonContext.Default.PlaceOrder);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(NowMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(SecretBytes, Encoding.UTF8.GetBytes(timestamp + "POST" + "/api/v5/trade/order" + body)));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("OK-ACCESS-SIGN", sign);
        content.Headers.TryAddWithoutValidation("OK-ACCESS-TIMESTAMP", timestamp);
        return content;
    }

    [Benchmark(Description = "OkxOrderWriter: REST body + ISO timestamp + sign")]
    public int OursRest()
    {
        var body = _writer.PlaceBody(_order, "BTC-USDT-SWAP"u8);
        _writer.SignRest("POST"u8, "/api/v5/trade/order"u8, body.Span, NowMs);
        return body.Length + _writer.Signature.Length;
    }

    [Benchmark(Description = "OkxExecutionClient: check + limits + write the order op")]
    public int OursWebSocket()
    {
        if (!_client.RateLimits.TryAcquire(OkxRequestKind.PlaceOrder, _order.Instrument, _client.Clock.NowUnixMs(), out _)) return 0;
        _client.WritePlaceFrame(_order, ++_id, out var frame);
        return frame.Length;
    }
}
