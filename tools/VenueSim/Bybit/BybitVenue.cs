using System.Globalization;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Bybit v5, category linear (USDT perpetuals), on one loopback port: the REST paths under /v5 and the
/// WebSockets /v5/public/linear, /v5/private and /v5/trade, spelled as the live venue spells them.</summary>
public sealed class BybitVenue : IVenueFrontEnd
{
    private readonly SimulatedExchange _exchange;
    private readonly TimeProvider _marketClock;
    private readonly TimeProvider _wallClock;
    private readonly BybitIds _ids;
    private readonly BybitRateLimits _rateLimits = new();
    private readonly BybitPublicHub _public;
    private readonly BybitPrivateHub _private;
    private readonly BybitTradeSocket _trade;
    private readonly BybitFaultWire _faultWire;
    private readonly Dictionary<(string Method, string Path), Route> _routes;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    public BybitVenue(SimulatedExchange exchange, TimeProvider marketClock, TimeProvider wallClock, int seed)
    {
        _exchange = exchange;
        _marketClock = marketClock;
        _wallClock = wallClock;
        _ids = new BybitIds(seed);
        var ledger = new BybitLedger(exchange, _ids);
        _public = new BybitPublicHub(exchange, _ids);
        _private = new BybitPrivateHub(exchange, ledger, _ids, wallClock);
        // The ledger first: the hubs' frames read it.
        exchange.Subscribe(ledger);
        exchange.Subscribe(_public);
        exchange.Subscribe(_private);
        // The routes are built below, with endpoints that need the wire; the wire reads them only once requests arrive.
        _faultWire = new BybitFaultWire(wallClock, (method, path) => _routes!.TryGetValue((method, path), out var route) ? route.RateLimit : 0);
        var market = new BybitMarketEndpoints(exchange, _public, wallClock);
        var orders = new BybitOrderEndpoints(exchange, _ids, _faultWire);
        var account = new BybitAccountEndpoints(exchange, ledger, _ids);
        _trade = new BybitTradeSocket(exchange, orders, _ids, _rateLimits, _faultWire, marketClock, wallClock);
        // Signed routes carry their per-account limit per second (docs/v5/rate-limit, UTA Pro, linear).
        _routes = new()
        {
            [("GET", "/v5/market/time")] = new(0, _ => market.Time()),
            [("GET", "/v5/market/instruments-info")] = new(0, market.InstrumentsInfo),
            [("GET", "/v5/market/tickers")] = new(0, market.Tickers),
            [("GET", "/v5/market/orderbook")] = new(0, market.Orderbook),
            [("GET", "/v5/market/funding/history")] = new(0, market.FundingHistory),
            [("POST", "/v5/order/create")] = new(10, orders.Create),
            [("POST", "/v5/order/cancel")] = new(10, orders.Cancel),
            [("GET", "/v5/order/realtime")] = new(50, orders.Realtime),
            [("GET", "/v5/execution/list")] = new(50, account.Executions),
            [("GET", "/v5/position/list")] = new(50, account.Positions),
            [("POST", "/v5/position/set-leverage")] = new(10, account.SetLeverage),
            [("POST", "/v5/position/switch-mode")] = new(10, account.SwitchMode),
            [("GET", "/v5/account/wallet-balance")] = new(50, account.WalletBalance),
            [("GET", "/v5/account/info")] = new(50, BybitAccountEndpoints.AccountInfo),
            [("GET", "/v5/account/transaction-log")] = new(50, account.TransactionLog),
            [("GET", "/v5/user/query-api")] = new(10, BybitAccountEndpoints.ApiKeyInfo),
        };
    }

    public VenueKind Venue => VenueKind.Bybit;

    public async Task<Uri> StartAsync(int port, CancellationToken cancellationToken)
    {
        // Bybit sends no protocol pings (clients ping with {"op":"ping"}); the WebSocket layer still answers client pings.
        (_app, var url) = await LoopbackHost.StartAsync(port, TimeSpan.Zero, _exchange, _marketClock, AcceptStreamAsync, HandleAsync,
            next => new FaultMiddleware(next, _exchange.Faults, _faultWire, _marketClock, _wallClock).InvokeAsync, cancellationToken);
        return url;
    }

    private async Task HandleAsync(HttpContext http, string path)
    {
        if (!_routes.TryGetValue((http.Request.Method, path), out var route))
        {
            // The venue's gateway answers an unknown path in plain text.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("404 page not found");
            return;
        }
        var now = JsonFrame.UnixMs(_wallClock.GetUtcNow());
        var (request, readError) = await BybitRequest.ReadAsync(http);
        BybitReply reply;
        if (readError is not null) reply = readError;
        else if (route.RateLimit > 0 && BybitSignature.Verify(request!, _exchange, now) is { } authError) reply = authError;
        else reply = route.Handler(request!);
        if (route.RateLimit > 0 && request?.Account is { } account)
        {
            var (limit, remaining, reset) = _rateLimits.Count(account.ApiKey, path, route.RateLimit, now, reply.LimitResetMs);
            http.Response.Headers["X-Bapi-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Bapi-Limit-Status"] = remaining.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Bapi-Limit-Reset-Timestamp"] = reset.ToString(CultureInfo.InvariantCulture);
        }
        http.Response.Headers["Traceid"] = _ids.TraceId();
        var body = reply.Envelope(now);
        http.Response.StatusCode = reply.HttpStatus;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body);
    }

    private async Task AcceptStreamAsync(HttpContext http, string path)
    {
        switch (path)
        {
            case "/v5/public/linear":
                await _public.AcceptAsync(http, _stopping.Token);
                break;
            case "/v5/private":
                await _private.AcceptAsync(http, _stopping.Token);
                break;
            case "/v5/trade":
                await _trade.AcceptAsync(http, _stopping.Token);
                break;
            default:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _public.AbortAll();
        _private.AbortAll();
        await LoopbackHost.StopAsync(_app);
        _stopping.Dispose();
    }

    /// <summary>A REST endpoint: signed when it has a per-account rate limit (public market data has none).</summary>
    private sealed record Route(int RateLimit, Func<BybitRequest, BybitReply> Handler);
}
