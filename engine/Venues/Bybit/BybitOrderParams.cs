using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Bybit;

/// <summary>The one definition of Bybit's order requests (docs/v5/order/create-order, cancel-order), written as the JSON
/// object that is the REST body and, unchanged, the one item of a WS trade request's <c>args</c>.</summary>
internal static class BybitOrderParams
{
    /// <summary>A linear order in one-way mode (<c>positionIdx</c> 0), tagged with our client order id as
    /// <c>orderLinkId</c> (letters and digits, ≤ 32, within the documented 36). A market order carries no
    /// <c>timeInForce</c>: "Market order will always use IOC".</summary>
    public static void Create(Utf8JsonWriter json, in OrderRequest order, ReadOnlySpan<byte> symbol)
    {
        Span<byte> digits = stackalloc byte[FixedPoint.MaxFormattedLength];
        var limit = order.Kind == OrderKind.Limit;
        json.WriteStartObject();
        json.WriteString("category"u8, "linear"u8);
        json.WriteString("symbol"u8, symbol);
        json.WriteString("side"u8, order.Side == OrderSide.Buy ? "Buy"u8 : "Sell"u8);
        json.WriteString("orderType"u8, limit ? "Limit"u8 : "Market"u8);
        order.Quantity.TryFormat(digits, out var quantityLength);
        json.WriteString("qty"u8, digits[..quantityLength]);
        if (limit)
        {
            order.LimitPrice.TryFormat(digits, out var priceLength);
            json.WriteString("price"u8, digits[..priceLength]);
            json.WriteString("timeInForce"u8, TimeInForceText(order.TimeInForce));
        }
        json.WriteNumber("positionIdx"u8, 0);
        json.WriteString("orderLinkId"u8, order.ClientOrderId.Utf8);
        json.WriteBoolean("reduceOnly"u8, order.ReduceOnly);
        json.WriteEndObject();
    }

    /// <summary>Cancel one order by the client order id we gave it.</summary>
    public static void Cancel(Utf8JsonWriter json, ReadOnlySpan<byte> symbol, in ClientOrderId clientOrderId)
    {
        json.WriteStartObject();
        json.WriteString("category"u8, "linear"u8);
        json.WriteString("symbol"u8, symbol);
        json.WriteString("orderLinkId"u8, clientOrderId.Utf8);
        json.WriteEndObject();
    }

    /// <summary>docs/v5/enum#timeinforce.</summary>
    public static ReadOnlySpan<byte> TimeInForceText(TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.ImmediateOrCancel => "IOC"u8,
        TimeInForce.FillOrKill => "FOK"u8,
        TimeInForce.PostOnly => "PostOnly"u8,
        _ => "GTC"u8,
    };
}
