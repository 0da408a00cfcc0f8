using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Hosting;
using FundingArb.VenueSim.Instruments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Okx;

/// <summary>OKX v5 (instType SWAP, USDT-margined perpetuals) on one loopback port: the REST paths under /api/v5 and the
/// WebSockets /ws/v5/public, /ws/v5/private and /ws/v5/business, spelled as the live venue spells them.</summary>
public sealed class OkxVenue : IVenueFrontEnd
{
    private readonly SimulatedExchange _exchange;
    private readonly TimeProvider _marketClock;
    private readonly TimeProvider _wallClock;
    private readonly OkxTradingEndpoints _trading;
    private readonly OkxStreamHub _streams;
    private readonly OkxFaultWire _faultWire = new();
    private readonly Dictionary<(string Method, string Path), Route> _routes;
    private readonly HashSet<string> _paths;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    public OkxVenue(SimulatedExchange exchange, TimeProvider marketClock, TimeProvider wallClock, int seed, IEnumerable<ApiCredential> credentials)
    {
        _exchange = exchange;
        _marketClock = marketClock;
        _wallClock = wallClock;
        var codes = new OkxInstrumentCodes(exchange);
        var ledger = new OkxAccountLedger(exchange, credentials);
        var indexes = new OkxIndexTickers(exchange);
        var market = new OkxMarketEndpoints(exchange, codes, indexes, wallClock);
        _trading = new OkxTradingEndpoints(exchange, ledger, codes, new OkxOrderRateLimit(wallClock), wallClock);
        _streams = new OkxStreamHub(exchange, _trading, indexes, marketClock, wallClock, seed);
        // The ledger and the indexes first: a push then sees the bills, tallies and index prices that include the event
        // (or step) it reports.
        exchange.Subscribe(ledger);
        exchange.Subscribe(indexes);
        exchange.Subscribe(_streams);
        _routes = new()
        {
            [("GET", "/api/v5/public/time")] = new(false, _ => market.Time()),
            [("GET", "/api/v5/public/instruments")] = new(false, market.Instruments),
            [("GET", "/api/v5/public/funding-rate")] = new(false, market.FundingRate),
            [("GET", "/api/v5/public/funding-rate-history")] = new(false, market.FundingRateHistory),
            [("GET", "/api/v5/public/mark-price")] = new(false, market.MarkPrice),
            [("GET", "/api/v5/market/books")] = new(false, market.Books),
            [("GET", "/api/v5/market/index-tickers")] = new(false, market.IndexTickers),
            [("POST", "/api/v5/trade/order")] = new(true, r => OrderOperation(r, placing: true)),
            [("POST", "/api/v5/trade/batch-orders")] = new(true, BatchOrders),
            [("POST", "/api/v5/trade/cancel-order")] = new(true, r => OrderOperation(r, placing: false)),
            [("GET", "/api/v5/trade/order")] = new(true, _trading.GetOrder),
            [("GET", "/api/v5/trade/orders-pending")] = new(true, _trading.OrdersPending),
            [("GET", "/api/v5/account/positions")] = new(true, _trading.Positions),
            [("GET", "/api/v5/account/balance")] = new(true, _trading.Balance),
            [("GET", "/api/v5/account/bills")] = new(true, _trading.Bills),
            [("GET", "/api/v5/account/config")] = new(true, OkxTradingEndpoints.Config),
            [("POST", "/api/v5/account/set-leverage")] = new(true, _trading.SetLeverage),
            [("POST", "/api/v5/account/set-position-mode")] = new(true, OkxTradingEndpoints.SetPositionMode),
        };
        _paths = [.. _routes.Keys.Select(k => k.Path)];
    }

    public VenueKind Venue => VenueKind.Okx;

    public async Task<Uri> StartAsync(int port, CancellationToken cancellationToken)
    {
        // OKX expects the client to keep the connection alive with the text "ping"; protocol-level pings are answered too.
        (_app, var url) = await LoopbackHost.StartAsync(port, TimeSpan.FromSeconds(25), HandleAsync,
            next => new FaultMiddleware(next, _exchange.Faults, _faultWire, _marketClock, _wallClock).InvokeAsync, cancellationToken);
        return url;
    }

    private async Task HandleAsync(HttpContext http)
    {
        // Requests see the market as of now even when the step timer runs late.
        _exchange.AdvanceTo(_marketClock.GetUtcNow());
        var path = http.Request.Path.Value ?? "/";
        if (http.WebSockets.IsWebSocketRequest)
        {
            OkxStreamRoute? route = path switch
            {
                "/ws/v5/public" => OkxStreamRoute.Public,
                "/ws/v5/private" => OkxStreamRoute.Private,
                "/ws/v5/business" => OkxStreamRoute.Business,
                _ => null,
            };
            if (route is { } r) await _streams.AcceptAsync(http, r, _stopping.Token);
            else http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        OkxReply reply;
        if (!_routes.TryGetValue((http.Request.Method, path), out var handler))
            reply = _paths.Contains(path) ? OkxError.InvalidMethod : new OkxReply(404, "{\"code\":\"404\",\"msg\":\"Not Found\",\"data\":[]}"u8.ToArray());
        else
        {
            var (request, readError) = await OkxRequest.ReadAsync(http);
            if (readError is not null) reply = readError;
            else if (handler.Signed && OkxSignature.Verify(request!, _exchange, _wallClock) is { } authError) reply = authError;
            else reply = handler.Handle(request!);
        }
        await LoopbackHost.WriteJsonAsync(http, reply.Status, reply.Body);
    }

    /// <summary>POST /trade/order and /trade/cancel-order; the optional expTime header ends the request unprocessed once
    /// the wall clock has passed it (sCode 50037).</summary>
    private OkxReply OrderOperation(OkxRequest request, bool placing)
    {
        var received = _wallClock.GetUtcNow();
        var body = request.Body!.Value;
        if (request.Header("expTime") is { } expiry && OkxArgs.TryLong(expiry, out var expiresAt) && received.ToUnixTimeMilliseconds() > expiresAt)
            return _trading.Answer((null, OkxOrderAck.Failed(OkxError.OrderExpired, OkxArgs.Text(body, "clOrdId") ?? "", "", received)), placing, received);
        var outcome = placing ? _trading.PlaceOrder(request.Account!, body) : _trading.CancelOrder(request.Account!, body);
        return _trading.Answer(outcome, placing, received);
    }

    /// <summary>POST /trade/batch-orders: up to 20 orders, each placed as /trade/order places it, answered together
    /// (code "0" all placed, "1" none, "2" some; each order's outcome in its sCode). A request-level error in any order
    /// refuses the whole batch, as the venue checks the request before placing anything.</summary>
    private OkxReply BatchOrders(OkxRequest request)
    {
        var received = _wallClock.GetUtcNow();
        var orders = request.Body!.Value;
        if (orders.GetArrayLength() is 0 or > MaxBatchOrders) return OkxError.Invalid("batch-orders");
        if (orders.EnumerateArray().Any(o => o.ValueKind != JsonValueKind.Object)) return OkxError.JsonSyntax;
        var acks = new List<OkxOrderAck>();
        foreach (var order in orders.EnumerateArray())
        {
            var (error, ack) = _trading.PlaceOrder(request.Account!, order);
            if (error is not null) return acks.Count == 0 ? error : _trading.Answer(acks, placing: true, received);
            acks.Add(ack!);
        }
        return _trading.Answer(acks, placing: true, received);
    }

    private const int MaxBatchOrders = 20;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _streams.AbortAll();
        await LoopbackHost.StopAsync(_app);
        _stopping.Dispose();
    }

    private sealed record Route(bool Signed, Func<OkxRequest, OkxReply> Handle);
}
