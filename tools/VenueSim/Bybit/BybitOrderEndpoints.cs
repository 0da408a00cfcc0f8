using System.Text.RegularExpressions;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Order entry for linear perpetuals: POST /v5/order/create and /v5/order/cancel (also behind the WebSocket
/// trade API's <c>order.create</c>/<c>order.cancel</c>) and GET /v5/order/realtime. The caller has authenticated the
/// request (<see cref="BybitRequest.Account"/> is set). As live, create answers only ids: the order's fate is on the
/// order stream and /v5/order/realtime — a post-only order that would take, or an FOK order the book cannot fill, is
/// acknowledged and then cancelled with its reject reason. An order refused by a fault is rendered through
/// <see cref="BybitFaultWire.Rejection"/> first (an explicit code, the 10006 rate limit), else as its reason.</summary>
public sealed partial class BybitOrderEndpoints(SimulatedExchange exchange, BybitIds ids, BybitFaultWire faultWire)
{
    /// <summary>Conditional and TP/SL parameters: those orders are not simulated, so they are refused rather than ignored.</summary>
    private static readonly string[] UnsimulatedParameters =
        ["triggerPrice", "triggerDirection", "takeProfit", "stopLoss", "tpslMode", "tpLimitPrice", "slLimitPrice", "orderIv"];

    /// <summary>"A max of 36 characters. Combinations of numbers, letters (upper and lower cases), dashes, and underscores".</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,36}$")]
    private static partial Regex OrderLinkIdRule();

    public BybitReply Create(BybitRequest request)
    {
        var account = request.Account!;
        if (request.CheckLinear() is { } category) return category;
        if (request.Get("symbol") is not { } symbol || !exchange.Markets.TryGetValue(symbol, out var market)) return BybitError.SymbolInvalid;
        var spec = market.Spec;
        if (!BybitWire.TryParseSide(request.Get("side"), out var side)) return BybitError.SideInvalid;
        OrderKind kind;
        switch (request.Get("orderType"))
        {
            case "Limit": kind = OrderKind.Limit; break;
            case "Market": kind = OrderKind.Market; break;
            default: return BybitError.OrderTypeInvalid;
        }
        foreach (var name in UnsimulatedParameters)
            if (request.Get(name) is { } value && value != "0") return BybitError.NotSimulated(name);
        switch (request.Get("positionIdx"))
        {
            case null or "0": break;
            case "1" or "2": return BybitError.PositionIdxNotMatch;
            default: return BybitError.Params("positionIdx invalid");
        }
        if (request.GetBoolean("reduceOnly") is not { } reduceOnly) return BybitError.Params("reduceOnly invalid");
        // closeOnTrigger orders "can only reduce your position", so they are reduce-only here.
        if (request.GetBoolean("closeOnTrigger") is not { } closeOnTrigger) return BybitError.Params("closeOnTrigger invalid");
        if (!BybitWire.TryParseTimeInForce(request.Get("timeInForce"), out var tif)) return BybitError.TimeInForceInvalid;
        if (kind == OrderKind.Market) tif = TimeInForce.ImmediateOrCancel; // "Market order will always use IOC"
        if (QuantityError(request.Get("qty"), spec, kind, out var quantity) is { } qtyError) return qtyError;
        var price = 0m;
        if (kind == OrderKind.Limit && PriceError(request.Get("price"), spec, out price) is { } priceError) return priceError;
        var orderLinkId = request.Get("orderLinkId") ?? "";
        if (orderLinkId.Length > 0)
        {
            if (!OrderLinkIdRule().IsMatch(orderLinkId)) return BybitError.Params("orderLinkId invalid");
            // Unique for good, not only among open orders: "always unique".
            if (exchange.Orders(account, null).Exists(o => o.ClientOrderId == orderLinkId)) return BybitError.OrderLinkIdDuplicate;
        }

        var order = new OrderRequest(symbol, side, kind, tif, quantity, price, reduceOnly || closeOnTrigger, orderLinkId);
        var result = exchange.Place(account, order);
        if (result.Fault is { } injected && faultWire.Rejection(injected) is { } rendered) return rendered;
        long orderId;
        switch (result.Rejection)
        {
            case null:
                orderId = result.Order!.OrderId;
                break;
            case RejectReason.PostOnlyWouldTake or RejectReason.FillOrKillUnfillable:
                orderId = exchange.FileRefused(account, order, result.Rejection.Value).OrderId;
                break;
            case RejectReason.ReduceOnlyWouldIncrease:
                lock (exchange.Gate)
                {
                    var held = account.Positions.TryGetValue(symbol, out var position) ? position.Quantity : 0;
                    // A fault can refuse an order that would reduce: then neither specific message fits, and the
                    // venue's general one does.
                    return held == 0 ? BybitError.ReduceOnlyZeroPosition
                        : (held > 0) == (side == OrderSide.Buy) ? BybitError.ReduceOnlySameSide : BybitError.ReduceOnlyNotSatisfied;
                }
            default:
                return result.Rejection switch
                {
                    RejectReason.InsufficientMargin => BybitError.InsufficientBalance,
                    RejectReason.DuplicateClientOrderId => BybitError.OrderLinkIdDuplicate,
                    RejectReason.TooManyOpenOrders => BybitError.TooManyActiveOrders,
                    RejectReason.PriceAboveBand or RejectReason.PriceBelowBand => BybitError.PriceOutOfRange,
                    RejectReason.NotionalTooSmall => BybitError.BelowMinimumValue(JsonFrame.Plain(spec.MinNotional), spec.QuoteAsset),
                    RejectReason.Unspecified => BybitFaultWire.OrderRejected,
                    _ => BybitError.SymbolInvalid,
                };
        }
        return Ids(orderId, orderLinkId);
    }

    private static BybitError? QuantityError(string? text, InstrumentSpec spec, OrderKind kind, out decimal quantity)
    {
        if (!BybitRequest.TryParseDecimal(text, out quantity) || quantity <= 0
            || InstrumentSpec.DecimalPlaces(quantity) > spec.QuantityPrecision || quantity % spec.StepSize != 0)
            return BybitError.QtyInvalid;
        if (quantity < spec.MinQty) return BybitError.QtyBelowMinimum;
        // One maximum serves limit and market orders (maxOrderQty = maxMktOrderQty in instruments-info).
        return quantity > spec.MaxQty ? BybitError.QtyAboveMaximum : null;
    }

    private static BybitError? PriceError(string? text, InstrumentSpec spec, out decimal price)
    {
        if (!BybitRequest.TryParseDecimal(text, out price) || price <= 0
            || InstrumentSpec.DecimalPlaces(price) > spec.PricePrecision || price % spec.TickSize != 0)
            return BybitError.PriceInvalid;
        return null;
    }

    public BybitReply Cancel(BybitRequest request)
    {
        var account = request.Account!;
        if (request.CheckLinear() is { } category) return category;
        if (request.Get("symbol") is not { } symbol || !exchange.Markets.ContainsKey(symbol)) return BybitError.SymbolInvalid;
        var orderIdText = request.Get("orderId");
        var orderLinkId = request.Get("orderLinkId");
        if (orderIdText is null && orderLinkId is null) return BybitError.OrderIdRequired;
        // "If both orderId and orderLinkId are entered … Bybit will prioritize the orderId".
        SimulatedOrder? order = null;
        if (orderIdText is not null)
        {
            if (ids.TryParseOrder(orderIdText, out var id)) order = exchange.Find(account, symbol, id, null);
        }
        else order = exchange.Find(account, symbol, null, orderLinkId);
        if (order is null || !exchange.Cancel(account, order)) return BybitError.OrderNotExists;
        return Ids(order.OrderId, order.ClientOrderId);
    }

    /// <summary>Open orders (openOnly 0, the default) or recently closed ones (openOnly 1), newest first; by
    /// <c>orderId</c> or <c>orderLinkId</c> whatever their state. Linear needs symbol, baseCoin or settleCoin.</summary>
    public BybitReply Realtime(BybitRequest request)
    {
        var account = request.Account!;
        if (request.CheckLinear() is { } category) return category;
        var symbol = request.Get("symbol");
        var baseCoin = request.Get("baseCoin");
        var settleCoin = request.Get("settleCoin");
        if (symbol is null && baseCoin is null && settleCoin is null) return BybitError.Params("symbol, baseCoin or settleCoin is required");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BybitError.SymbolInvalid;
        if (request.TryGetLimit(20, 50, out var limit) is { } limitError) return limitError;
        var openOnly = request.Get("openOnly");
        if (openOnly is not (null or "0" or "1")) return BybitError.Params("openOnly invalid");
        var orderIdText = request.Get("orderId");
        var orderLinkId = request.Get("orderLinkId");
        lock (exchange.Gate)
        {
            IEnumerable<SimulatedOrder> orders = exchange.Orders(account, symbol)
                .Where(o => baseCoin is null || exchange.Markets[o.Symbol].Spec.BaseAsset == baseCoin)
                .Where(o => settleCoin is null || exchange.Markets[o.Symbol].Spec.QuoteAsset == settleCoin);
            if (orderIdText is not null) orders = ids.TryParseOrder(orderIdText, out var id) ? orders.Where(o => o.OrderId == id) : [];
            else if (orderLinkId is not null) orders = orders.Where(o => o.ClientOrderId == orderLinkId);
            else orders = openOnly == "1" ? orders.Where(o => !o.IsOpen).TakeLast(500) : orders.Where(o => o.IsOpen);
            var newestFirst = orders.OrderByDescending(o => o.OrderId).ToList();
            if (BybitCursor.Page(newestFirst, o => ids.Order(o.OrderId), request.Get("cursor"), limit) is not { } paged)
                return BybitError.Params("cursor invalid");
            var (page, next) = paged;
            return BybitReply.Ok((page, next, exchange, ids), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteStartArray("list"u8);
                foreach (var order in s.page) BybitOrderJson.Write(w, order, s.exchange.Markets[order.Symbol].Spec, s.ids, stream: false);
                w.WriteEndArray();
                w.WriteString("nextPageCursor"u8, s.next);
                w.WriteString("category"u8, "linear");
                w.WriteEndObject();
            });
        }
    }

    private BybitReply Ids(long orderId, string orderLinkId) => BybitReply.Ok((ids.Order(orderId), orderLinkId), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString("orderId"u8, s.Item1);
        w.WriteString("orderLinkId"u8, s.orderLinkId);
        w.WriteEndObject();
    });
}
