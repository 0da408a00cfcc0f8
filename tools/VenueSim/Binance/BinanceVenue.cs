using System.Globalization;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Binance;

/// <summary>Binance USDⓈ-M Futures on one loopback port: the REST paths under /fapi and the WebSocket market and
/// user-data streams, spelled as the live venue spells them.</summary>
public sealed class BinanceVenue : IVenueFrontEnd
{
    private readonly SimulatedExchange _exchange;
    private readonly TimeProvider _marketClock;
    private readonly TimeProvider _wallClock;
    private readonly BinanceMarketEndpoints _market;
    private readonly BinanceTradingEndpoints _trading;
    private readonly BinanceStreamHub _streams;
    private readonly BinanceTradingApi _tradingApi;
    private readonly BinanceFaultWire _faultWire;
    private readonly Dictionary<(string Method, string Path), Route> _routes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _weightLock = new();
    private long _weightMinute;
    private int _weightUsed;
    private WebApplication? _app;

    public BinanceVenue(SimulatedExchange exchange, TimeProvider marketClock, TimeProvider wallClock, int seed)
    {
        _exchange = exchange;
        _marketClock = marketClock;
        _wallClock = wallClock;
        var listenKeys = new BinanceListenKeys(seed);
        _faultWire = new BinanceFaultWire(wallClock);
        _market = new BinanceMarketEndpoints(exchange, wallClock);
        _trading = new BinanceTradingEndpoints(exchange, listenKeys, _faultWire, seed);
        _streams = new BinanceStreamHub(exchange, listenKeys);
        _tradingApi = new BinanceTradingApi(exchange, _trading, _faultWire, marketClock, wallClock);
        exchange.Subscribe(_streams);
        _routes = new()
        {
            [("GET", "/fapi/v1/ping")] = new(Security.None, 1, _ => BinanceMarketEndpoints.Ping()),
            [("GET", "/fapi/v1/time")] = new(Security.None, 1, _ => _market.Time()),
            [("GET", "/fapi/v1/exchangeInfo")] = new(Security.None, 1, _ => _market.ExchangeInfo()),
            [("GET", "/fapi/v1/depth")] = new(Security.None, 10, _market.Depth),
            [("GET", "/fapi/v1/premiumIndex")] = new(Security.None, 1, _market.PremiumIndex),
            [("GET", "/fapi/v1/fundingInfo")] = new(Security.None, 0, _ => _market.FundingInfo()),
            [("GET", "/fapi/v1/fundingRate")] = new(Security.None, 0, _market.FundingRate),
            [("POST", "/fapi/v1/order")] = new(Security.Signed, 0, _trading.NewOrder),
            [("GET", "/fapi/v1/order")] = new(Security.Signed, 1, _trading.QueryOrder),
            [("DELETE", "/fapi/v1/order")] = new(Security.Signed, 1, _trading.CancelOrder),
            [("GET", "/fapi/v1/openOrders")] = new(Security.Signed, 1, _trading.OpenOrders),
            [("DELETE", "/fapi/v1/allOpenOrders")] = new(Security.Signed, 1, _trading.CancelAllOpenOrders),
            [("GET", "/fapi/v2/positionRisk")] = new(Security.Signed, 5, r => _trading.PositionRisk(r, 2)),
            [("GET", "/fapi/v3/positionRisk")] = new(Security.Signed, 5, r => _trading.PositionRisk(r, 3)),
            [("GET", "/fapi/v2/balance")] = new(Security.Signed, 5, _trading.Balance),
            [("GET", "/fapi/v2/account")] = new(Security.Signed, 5, r => _trading.Account(r, 2)),
            [("GET", "/fapi/v3/account")] = new(Security.Signed, 5, r => _trading.Account(r, 3)),
            [("GET", "/fapi/v1/income")] = new(Security.Signed, 30, _trading.Income),
            [("GET", "/fapi/v1/positionSide/dual")] = new(Security.Signed, 30, _ => BinanceTradingEndpoints.PositionMode()),
            [("POST", "/fapi/v1/positionSide/dual")] = new(Security.Signed, 1, BinanceTradingEndpoints.ChangePositionMode),
            [("GET", "/fapi/v1/multiAssetsMargin")] = new(Security.Signed, 30, _ => BinanceTradingEndpoints.MultiAssetsMode()),
            [("POST", "/fapi/v1/multiAssetsMargin")] = new(Security.Signed, 1, BinanceTradingEndpoints.ChangeMultiAssetsMode),
            [("POST", "/fapi/v1/leverage")] = new(Security.Signed, 1, _trading.ChangeLeverage),
            [("POST", "/fapi/v1/marginType")] = new(Security.Signed, 1, _trading.ChangeMarginType),
            [("GET", "/fapi/v1/commissionRate")] = new(Security.Signed, 20, _trading.CommissionRate),
            [("GET", "/fapi/v1/leverageBracket")] = new(Security.Signed, 1, _trading.LeverageBracket),
            [("POST", "/fapi/v1/listenKey")] = new(Security.UserStream, 1, _trading.StartUserStream),
            [("PUT", "/fapi/v1/listenKey")] = new(Security.UserStream, 1, _trading.KeepAliveUserStream),
            [("DELETE", "/fapi/v1/listenKey")] = new(Security.UserStream, 1, _trading.CloseUserStream),
        };
    }

    public VenueKind Venue => VenueKind.Binance;

    public SimulatedExchange Exchange => _exchange;

    public async Task<Uri> StartAsync(int port, CancellationToken cancellationToken)
    {
        // Binance pings market-stream connections every 3 minutes; the WebSocket layer answers client pings itself.
        (_app, var url) = await LoopbackHost.StartAsync(port, TimeSpan.FromMinutes(3), _exchange, _marketClock, AcceptStreamAsync, HandleAsync,
            next => new FaultMiddleware(next, _exchange.Faults, _faultWire, _marketClock, _wallClock).InvokeAsync, cancellationToken);
        return url;
    }

    private async Task HandleAsync(HttpContext http, string path)
    {
        if (!_routes.TryGetValue((http.Request.Method, path), out var route))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteAsync(http, BinanceReply.Ok($"{{\"code\":-5000,\"msg\":\"Path {path}, Method {http.Request.Method} is invalid\"}}") with { Status = 404 });
            return;
        }
        var (request, readError) = await BinanceRequest.ReadAsync(http);
        BinanceReply reply;
        if (readError is not null) reply = readError;
        else
        {
            var authError = route.Security switch
            {
                Security.Signed => BinanceSignature.Verify(request!, _exchange, _wallClock),
                Security.UserStream => BinanceSignature.Authenticate(request!, _exchange),
                _ => null,
            };
            reply = authError ?? route.Handler(request!);
        }
        AddWeight(http, route.Weight);
        await WriteAsync(http, reply);
    }

    private async Task AcceptStreamAsync(HttpContext http, string path)
    {
        if (path == "/ws-fapi/v1")
        {
            await _tradingApi.AcceptAsync(http, _stopping.Token);
            return;
        }
        var (route, rest) = path switch
        {
            _ when path.StartsWith("/public/", StringComparison.Ordinal) => (BinanceRoute.Public, path["/public".Length..]),
            _ when path.StartsWith("/market/", StringComparison.Ordinal) => (BinanceRoute.Market, path["/market".Length..]),
            _ when path.StartsWith("/private/", StringComparison.Ordinal) => (BinanceRoute.Private, path["/private".Length..]),
            _ => (BinanceRoute.Legacy, path),
        };
        if (rest is not ("/ws" or "/stream") && !rest.StartsWith("/ws/", StringComparison.Ordinal) && !rest.StartsWith("/stream/", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await _streams.AcceptAsync(http, route, rest, _stopping.Token);
    }

    /// <summary>X-MBX-USED-WEIGHT-1M: the request weight used in the current wall-clock minute.</summary>
    private void AddWeight(HttpContext http, int weight)
    {
        int used;
        lock (_weightLock)
        {
            var minute = _wallClock.GetUtcNow().ToUnixTimeSeconds() / 60;
            if (minute != _weightMinute) { _weightMinute = minute; _weightUsed = 0; }
            used = _weightUsed += weight;
        }
        http.Response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(CultureInfo.InvariantCulture);
    }

    private static Task WriteAsync(HttpContext http, BinanceReply reply) => LoopbackHost.WriteJsonAsync(http, reply.Status, reply.Body, reply.Headers);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _streams.AbortAll();
        await LoopbackHost.StopAsync(_app);
        _stopping.Dispose();
    }

    private enum Security
    {
        None,
        UserStream,
        Signed,
    }

    private sealed record Route(Security Security, int Weight, Func<BinanceRequest, BinanceReply> Handler);
}
