using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Binance;

/// <summary>The one definition of Binance's order requests' parameters (trade/rest-api New-Order, Cancel-Order,
/// Query-Order; the WS API's order.place, order.cancel, order.status take the same), written in ascending name order
/// to either a REST query or a WS API <c>params</c> object.</summary>
internal static class BinanceOrderParams
{
    /// <summary>New order, in one-way mode (no positionSide). <c>newOrderRespType=RESULT</c>: the answer carries the
    /// outcome (an IOC's fill or expiry) at once, so the gateway need not wait for the private stream to know it.</summary>
    public static void Place<T>(ref T p, in OrderRequest order, ReadOnlySpan<byte> symbol, long recvWindowMs, long timestampMs)
        where T : struct, IBinanceParams
    {
        Span<byte> digits = stackalloc byte[FixedPoint.MaxFormattedLength];
        var limit = order.Kind == OrderKind.Limit;
        p.Text("newClientOrderId"u8, order.ClientOrderId.Utf8);
        p.Text("newOrderRespType"u8, "RESULT"u8);
        if (limit)
        {
            order.LimitPrice.TryFormat(digits, out var priceLength);
            p.Text("price"u8, digits[..priceLength]);
        }
        order.Quantity.TryFormat(digits, out var quantityLength);
        p.Text("quantity"u8, digits[..quantityLength]);
        p.Integer("recvWindow"u8, recvWindowMs);
        if (order.ReduceOnly) p.Text("reduceOnly"u8, "true"u8);
        p.Text("side"u8, order.Side == OrderSide.Buy ? "BUY"u8 : "SELL"u8);
        p.Text("symbol"u8, symbol);
        if (limit) p.Text("timeInForce"u8, TimeInForceText(order.TimeInForce));
        p.Integer("timestamp"u8, timestampMs);
        p.Text("type"u8, limit ? "LIMIT"u8 : "MARKET"u8);
    }

    /// <summary>Cancel or query one order by the client order id we gave it.</summary>
    public static void OrderByClientId<T>(ref T p, ReadOnlySpan<byte> symbol, in ClientOrderId clientOrderId, long recvWindowMs, long timestampMs)
        where T : struct, IBinanceParams
    {
        p.Text("origClientOrderId"u8, clientOrderId.Utf8);
        p.Integer("recvWindow"u8, recvWindowMs);
        p.Text("symbol"u8, symbol);
        p.Integer("timestamp"u8, timestampMs);
    }

    /// <summary>A signed request with no parameters of its own (balances, positions, account mode), optionally for one symbol.</summary>
    public static void Account<T>(ref T p, ReadOnlySpan<byte> symbol, long recvWindowMs, long timestampMs)
        where T : struct, IBinanceParams
    {
        p.Integer("recvWindow"u8, recvWindowMs);
        if (!symbol.IsEmpty) p.Text("symbol"u8, symbol);
        p.Integer("timestamp"u8, timestampMs);
    }

    /// <summary>GTX is Binance's post-only ("Good Till Crossing").</summary>
    public static ReadOnlySpan<byte> TimeInForceText(TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.ImmediateOrCancel => "IOC"u8,
        TimeInForce.FillOrKill => "FOK"u8,
        TimeInForce.PostOnly => "GTX"u8,
        _ => "GTC"u8,
    };
}
