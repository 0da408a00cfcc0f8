using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FundingArb.Bench.Venues.Binance;
using FundingArb.Bench.Venues.Okx;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Bench.Gateway;

/// <summary>The baseline's <see cref="IAttemptActions"/>: the same two order frames built the way a conventional C# client
/// builds them — prices and quantities as <c>decimal</c> strings, the client order id and symbol as strings (symbol from a
/// dictionary), Binance's params in a <see cref="SortedDictionary{TKey,TValue}"/> joined into the signing payload, one-shot
/// <see cref="HMACSHA256.HashData(byte[], byte[])"/> and a hex string, and <see cref="JsonSerializer"/> with a
/// source-generated context into a fresh <c>byte[]</c> (what <c>ClientWebSocket.SendAsync</c> would be handed). Like the
/// per-venue order baselines it checks no rule and counts no rate limit.</summary>
public sealed class ConventionalFrameActions(TimeProvider clock, VenueId binance, ApiCredentials binanceCredentials,
    IReadOnlyDictionary<InstrumentId, string> binanceSymbols, IReadOnlyDictionary<InstrumentId, string> okxSymbols) : IAttemptActions
{
    private const long RecvWindowMs = 5000;
    private const long OkxExpiryMs = 9000; // the engine's: request timeout 10 s − margin 1 s
    private readonly byte[] _binanceSecret = binanceCredentials.Secret.ToArray();
    private readonly string _binanceKey = binanceCredentials.ApiKey;
    private long _requestId;

    public byte[][] LastFrames { get; } = new byte[2][];
    public long FramesWritten { get; private set; }
    public long BytesWritten { get; private set; }
    public long TimersArmed { get; private set; }

    public long Now => clock.GetTimestamp();
    public long TicksPerSecond => clock.TimestampFrequency;
    public long NowUnixMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public void Place(LegExecution leg, LegOrder order)
    {
        var frame = leg.Venue == binance ? BinanceOrderPlace(order.Request) : OkxOrderOp(order.Request);
        LastFrames[leg.Index] = frame;
        FramesWritten++;
        BytesWritten += frame.Length;
    }

    private byte[] BinanceOrderPlace(in OrderRequest order)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiKey"] = _binanceKey,
            ["newClientOrderId"] = order.ClientOrderId.ToString(),
            ["newOrderRespType"] = "RESULT",
            ["price"] = Decimal(order.LimitPrice).ToString(CultureInfo.InvariantCulture),
            ["quantity"] = Decimal(order.Quantity).ToString(CultureInfo.InvariantCulture),
            ["recvWindow"] = RecvWindowMs.ToString(CultureInfo.InvariantCulture),
            ["side"] = order.Side == OrderSide.Buy ? "BUY" : "SELL",
            ["symbol"] = binanceSymbols[order.Instrument],
            ["timeInForce"] = "IOC",
            ["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["type"] = "LIMIT",
        };
        var payload = string.Join('&', parameters.Select(p => p.Key + "=" + p.Value));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(_binanceSecret, Encoding.UTF8.GetBytes(payload)));
        var request = new BinanceOrderBaselineModels.WsApiRequest
        {
            Id = ++_requestId,
            Method = "order.place",
            Params = new BinanceOrderBaselineModels.PlaceParams
            {
                ApiKey = parameters["apiKey"], NewClientOrderId = parameters["newClientOrderId"], NewOrderRespType = parameters["newOrderRespType"],
                Price = parameters["price"], Quantity = parameters["quantity"], RecvWindow = RecvWindowMs, Side = parameters["side"],
                Symbol = parameters["symbol"], TimeInForce = parameters["timeInForce"], Timestamp = timestamp, Type = parameters["type"],
                Signature = signature,
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(request, BinanceOrderBaselineJsonContext.Default.WsApiRequest);
    }

    private byte[] OkxOrderOp(in OrderRequest order)
    {
        var op = new TickToTradeBaselineModels.OkxWsOrderOp
        {
            Id = (++_requestId).ToString(CultureInfo.InvariantCulture),
            Op = "order",
            ExpTime = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + OkxExpiryMs).ToString(CultureInfo.InvariantCulture),
            Args =
            [
                new OkxOrderBaselineModels.PlaceOrder
                {
                    InstId = okxSymbols[order.Instrument], TdMode = "cross", ClOrdId = order.ClientOrderId.ToString(),
                    Side = order.Side == OrderSide.Buy ? "buy" : "sell", PosSide = "net", OrdType = "ioc",
                    Sz = Decimal(order.Quantity).ToString(CultureInfo.InvariantCulture),
                    Px = Decimal(order.LimitPrice).ToString(CultureInfo.InvariantCulture),
                },
            ],
        };
        return JsonSerializer.SerializeToUtf8Bytes(op, TickToTradeBaselineJsonContext.Default.OkxWsOrderOp);
    }

    private static decimal Decimal(Price price) => (decimal)price.Raw / Price.One;
    private static decimal Decimal(Quantity quantity) => (decimal)quantity.Raw / Quantity.One;

    public void Arm(LegExecution leg, LegTimer timer, int order, int generation, TimeSpan delay) => TimersArmed++;

    public void Cancel(LegExecution leg, LegOrder order) => throw VenueFrameActions.NotInStart();
    public void Query(LegExecution leg, LegOrder order) => throw VenueFrameActions.NotInStart();
    public void QueryPosition(LegExecution leg) => throw VenueFrameActions.NotInStart();
    public void Opened(ArbitrageAttempt attempt) => throw VenueFrameActions.NotInStart();
    public void Flat(ArbitrageAttempt attempt) => throw VenueFrameActions.NotInStart();
    public void EngageKillSwitch(LegExecution leg) => throw VenueFrameActions.NotInStart();
    public void Alert(LegExecution leg, string message) => throw VenueFrameActions.NotInStart();
}
