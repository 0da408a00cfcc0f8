using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>The one definition of OKX's order request arguments (#order-book-trading-trade-post-place-order and
/// -cancel-order; the WS ops <c>order</c> and <c>cancel-order</c> take the same), written as a JSON object: the REST body,
/// or the single element of a WS op's <c>args</c>.</summary>
internal static class OkxOrderParams
{
    /// <summary>A new order in net mode, cross margin: <c>sz</c> in contracts; <c>ordType</c> carries the time in force
    /// (limit, ioc, fok, post_only) or market.</summary>
    public static void Place(Utf8JsonWriter json, in OrderRequest order, ReadOnlySpan<byte> instId)
    {
        Span<byte> digits = stackalloc byte[FixedPoint.MaxFormattedLength];
        json.WriteStartObject();
        json.WriteString("instId"u8, instId);
        json.WriteString("tdMode"u8, "cross"u8);
        json.WriteString("clOrdId"u8, order.ClientOrderId.Utf8);
        json.WriteString("side"u8, order.Side == OrderSide.Buy ? "buy"u8 : "sell"u8);
        json.WriteString("posSide"u8, "net"u8);
        json.WriteString("ordType"u8, OrderType(order));
        order.Quantity.TryFormat(digits, out var quantityLength);
        json.WriteString("sz"u8, digits[..quantityLength]);
        if (order.Kind == OrderKind.Limit)
        {
            order.LimitPrice.TryFormat(digits, out var priceLength);
            json.WriteString("px"u8, digits[..priceLength]);
        }
        if (order.ReduceOnly) json.WriteBoolean("reduceOnly"u8, true);
        json.WriteEndObject();
    }

    /// <summary>Cancel one order by the client order id we gave it.</summary>
    public static void Cancel(Utf8JsonWriter json, ReadOnlySpan<byte> instId, in ClientOrderId clientOrderId)
    {
        json.WriteStartObject();
        json.WriteString("instId"u8, instId);
        json.WriteString("clOrdId"u8, clientOrderId.Utf8);
        json.WriteEndObject();
    }

    public static ReadOnlySpan<byte> OrderType(in OrderRequest order) => order.Kind == OrderKind.Market
        ? "market"u8
        : order.TimeInForce switch
        {
            TimeInForce.ImmediateOrCancel => "ioc"u8,
            TimeInForce.FillOrKill => "fok"u8,
            TimeInForce.PostOnly => "post_only"u8,
            _ => "limit"u8,
        };
}
