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
using FundingArb.Venues.Binance;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>Sign and serialise one Binance WS API <c>order.place</c> (limit IOC): the client's send path — check against
/// the instrument's rules, count against the rate limits, write the params once into the frame and the signing payload,
/// HMAC with the reused instance — against the conventional client: params as strings (<c>decimal.ToString</c>), a sorted
/// dictionary joined into the payload, one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/> and hex string,
/// <see cref="JsonSerializer"/> with a source-generated context, an <see cref="HttpContent"/> around the bytes.</summary>
[MemoryDiagnoser]
public class BinanceOrderSigningBenchmarks
{
    private const string Key = "sim-binance-key";
    private const string Secret = "sim-binance-secret";
    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(Secret);

    private BinanceExecutionClient _client = null!;
    private OrderRequest _order;
    private long _id;
    private readonly decimal _price = 67321.4m;
    private readonly decimal _quantity = 0.015m;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BinanceMarketData.VenueName);
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", btc);
        _client = new BinanceExecutionClient(venue, registry, new ApiCredentials(Key, Secret),
            new BinanceExecutionOptions
            {
                Endpoints = BinanceExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new BinanceRateLimits(int.MaxValue / 2, int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), new HttpClient(), new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));
        _client.AddInstrument(btc, new InstrumentSpec
        {
            VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.001"),
            MinNotional = 100, ContractSize = Quantity.Parse("1"), IsTrading = true,
        });
        _order = OrderRequest.Limit(btc, ClientOrderId.ForLeg(123456789, 1, 0), OrderSide.Buy, Quantity.Parse("0.015"), Price.Parse("67321.4"),
            TimeInForce.ImmediateOrCancel);
        if (Ours() < 300 || Baseline().Headers.ContentLength < 300) throw new InvalidOperationException("The benchmark requests are not built.");
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer + HashData + strings + HttpContent")]
    public HttpContent Baseline()
    {
        var timestamp = DateTimeOffset.UnixEpoch.AddMilliseconds(1767600000000).ToUnixTimeMilliseconds();
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiKey"] = Key,
            ["newClientOrderId"] = "FA123456789L1A0",
            ["newOrderRespType"] = "RESULT",
            ["price"] = _price.ToString(CultureInfo.InvariantCulture),
            ["quantity"] = _quantity.ToString(CultureInfo.InvariantCulture),
            ["recvWindow"] = "5000",
            ["side"] = "BUY",
            ["symbol"] = "BTCUSDT",
            ["timeInForce"] = "IOC",
            ["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["type"] = "LIMIT",
        };
        var payload = string.Join('&', parameters.Select(p => p.Key + "=" + p.Value));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(SecretBytes, Encoding.UTF8.GetBytes(payload)));
        var request = new BinanceOrderBaselineModels.WsApiRequest
        {
            Id = ++_id,
            Method = "order.place",
            Params = new BinanceOrderBaselineModels.PlaceParams
            {
                ApiKey = parameters["apiKey"], NewClientOrderId = parameters["newClientOrderId"], NewOrderRespType = parameters["newOrderRespType"],
                Price = parameters["price"], Quantity = parameters["quantity"], RecvWindow = 5000, Side = parameters["side"],
                Symbol = parameters["symbol"], TimeInForce = parameters["timeInForce"], Timestamp = timestamp, Type = parameters["type"],
                Signature = signature,
            },
        };
        return new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, BinanceOrderBaselineJsonContext.Default.WsApiRequest));
    }

    [Benchmark(Description = "BinanceExecutionClient: check + limits + write + sign")]
    public int Ours()
    {
        if (!_client.RateLimits.TryAcquire(0, isOrder: true, _client.Clock.NowUnixMs(), out _)) return 0;
        _client.WritePlaceFrame(_order, ++_id, out var frame);
        return frame.Length;
    }
}
