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
using FundingArb.Venues.Bybit;

namespace FundingArb.Bench.Venues.Bybit;

/// <summary>One Bybit order (BTCUSDT limit IOC): the WS trade <c>order.create</c> frame — the client's send path: check
/// against the instrument's rules, count against the rate limits, write header and args into the reused buffer (the
/// connection is authenticated once, so no per-order signature) — against the conventional client (strings,
/// <see cref="JsonSerializer"/> with a source-generated context, a header dictionary); and the REST fallback's sign over
/// the same body — the reused <see cref="IncrementalHash"/> fed the pieces in turn, against string concatenation, one-shot
/// <see cref="HMACSHA256.HashData(byte[], byte[])"/> and a hex string.</summary>
[MemoryDiagnoser]
public class BybitOrderBenchmarks
{
    private const string Key = "sim-bybit-key";
    private const string Secret = "sim-bybit-secret";
    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(Secret);

    private BybitExecutionClient _client = null!;
    private BybitSigner _signer = null!;
    private OrderRequest _order;
    private byte[] _body = [];
    private readonly byte[] _hex = new byte[BybitSigner.SignatureLength];
    private long _id;
    private readonly decimal _price = 67321.4m;
    private readonly decimal _quantity = 0.015m;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BybitMarketData.VenueName);
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", btc);
        _client = new BybitExecutionClient(venue, registry, new ApiCredentials(Key, Secret),
            new BybitExecutionOptions
            {
                Endpoints = BybitExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")),
                RateLimits = () => new BybitRateLimits(int.MaxValue / 2, int.MaxValue / 2),
                Backoff = () => ReconnectBackoff.Default(new Random(1)),
            },
            RingBuffer<ExecutionUpdate>.CreateSingleProducer(16), new HttpClient(), new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));
        _client.AddInstrument(btc, new InstrumentSpec
        {
            VenueSymbol = "BTCUSDT", TickSize = Price.Parse("0.1"), LotStep = Quantity.Parse("0.001"), MinQuantity = Quantity.Parse("0.001"),
            MinNotional = 100, ContractSize = Quantity.Parse("1"), IsTrading = true,
        });
        _signer = new BybitSigner(new ApiCredentials(Key, Secret));
        _order = OrderRequest.Limit(btc, ClientOrderId.ForLeg(123456789, 1, 0), OrderSide.Buy, Quantity.Parse("0.015"), Price.Parse("67321.4"),
            TimeInForce.ImmediateOrCancel);
        _body = JsonSerializer.SerializeToUtf8Bytes(Args(), BybitOrderBaselineJsonContext.Default.CreateArgs);
        if (Ours() < 200 || Baseline().Length < 200 || SignBaseline().Length != 64) throw new InvalidOperationException("The benchmark requests are not built.");
    }

    private BybitOrderBaselineModels.CreateArgs Args() => new()
    {
        Category = "linear", Symbol = "BTCUSDT", Side = "Buy", OrderType = "Limit", Qty = _quantity.ToString(CultureInfo.InvariantCulture),
        Price = _price.ToString(CultureInfo.InvariantCulture), TimeInForce = "IOC", PositionIdx = 0, OrderLinkId = "FA123456789L1A0", ReduceOnly = false,
    };

    [Benchmark(Baseline = true, Description = "WS frame: JsonSerializer + strings + header dictionary")]
    public byte[] Baseline()
    {
        var timestamp = DateTimeOffset.UnixEpoch.AddMilliseconds(1767600000000).ToUnixTimeMilliseconds();
        var request = new BybitOrderBaselineModels.TradeRequest
        {
            ReqId = (++_id).ToString(CultureInfo.InvariantCulture),
            Header = new Dictionary<string, string>
            {
                ["X-BAPI-TIMESTAMP"] = timestamp.ToString(CultureInfo.InvariantCulture),
                ["X-BAPI-RECV-WINDOW"] = "5000",
            },
            Op = "order.create",
            Args = [Args()],
        };
        return JsonSerializer.SerializeToUtf8Bytes(request, BybitOrderBaselineJsonContext.Default.TradeRequest);
    }

    [Benchmark(Description = "BybitExecutionClient: check + limits + write WS frame")]
    public int Ours()
    {
        if (!_client.RateLimits.TryAcquire(BybitEndpoint.OrderCreate, rest: false, _client.Clock.NowUnixMs(), out _)) return 0;
        _client.WritePlaceFrame(_order, ++_id, out var frame);
        return frame.Length;
    }

    [Benchmark(Description = "REST sign: concat + HashData + hex string")]
    public string SignBaseline() =>
        Convert.ToHexStringLower(HMACSHA256.HashData(SecretBytes, Encoding.UTF8.GetBytes("1767600000000" + Key + "5000" + Encoding.UTF8.GetString(_body))));

    [Benchmark(Description = "BybitSigner.SignRequest (reused IncrementalHash)")]
    public byte SignOurs()
    {
        _signer.SignRequest(1767600000000, 5000, _body, _hex);
        return _hex[0];
    }
}
