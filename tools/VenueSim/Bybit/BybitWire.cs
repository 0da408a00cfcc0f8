using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Bybit's spellings of the venue-neutral order enums (docs/v5/enum) and of numbers: prices to the tick's
/// decimals, quantities to the step's, money amounts to at most 8 decimals without trailing zeros.</summary>
public static class BybitWire
{
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "Buy" : "Sell";

    public static bool TryParseSide(string? text, out OrderSide side)
    {
        side = text == "Sell" ? OrderSide.Sell : OrderSide.Buy;
        return text is "Buy" or "Sell";
    }

    public static string OrderType(OrderKind kind) => kind == OrderKind.Limit ? "Limit" : "Market";

    public static string TimeInForce(Matching.TimeInForce tif) => tif switch
    {
        Matching.TimeInForce.GoodTillCancel => "GTC",
        Matching.TimeInForce.ImmediateOrCancel => "IOC",
        Matching.TimeInForce.FillOrKill => "FOK",
        Matching.TimeInForce.PostOnly => "PostOnly",
        _ => throw new ArgumentOutOfRangeException(nameof(tif), tif, null),
    };

    public static bool TryParseTimeInForce(string? text, out Matching.TimeInForce tif)
    {
        tif = text switch
        {
            "IOC" => Matching.TimeInForce.ImmediateOrCancel,
            "FOK" => Matching.TimeInForce.FillOrKill,
            "PostOnly" => Matching.TimeInForce.PostOnly,
            _ => Matching.TimeInForce.GoodTillCancel,
        };
        return text is null or "GTC" or "IOC" or "FOK" or "PostOnly";
    }

    /// <summary>Derivatives have no PartiallyFilledCanceled ("only spot has this order status"): an order ended with
    /// something executed is <c>Cancelled</c> with its executed qty.</summary>
    public static string OrderStatus(SimulatedOrder order) => order.Status switch
    {
        Matching.OrderStatus.New => "New",
        Matching.OrderStatus.PartiallyFilled => "PartiallyFilled",
        Matching.OrderStatus.Filled => "Filled",
        _ => "Cancelled",
    };

    public static string CancelType(SimulatedOrder order) => order.Status switch
    {
        Matching.OrderStatus.Canceled when order.Refusal is null => "CancelByUser",
        // A resting reduce-only order the position no longer allows.
        Matching.OrderStatus.Expired when order.ReduceOnly && order.TimeInForce == Matching.TimeInForce.GoodTillCancel => "CancelByReduceOnly",
        _ => "UNKNOWN",
    };

    public static string RejectReason(SimulatedOrder order) => order.Refusal switch
    {
        Matching.RejectReason.PostOnlyWouldTake => "EC_PostOnlyWillTakeLiquidity",
        Matching.RejectReason.FillOrKillUnfillable => "EC_CancelForNoFullFill",
        _ => "EC_NoError",
    };

    public static string Price(decimal value, InstrumentSpec spec) => JsonFrame.Fixed(value, spec.PricePrecision);

    public static string Quantity(decimal value, InstrumentSpec spec) => JsonFrame.Fixed(value, spec.QuantityPrecision);

    public static string Money(decimal value) => JsonFrame.Plain(Math.Round(value, 8, MidpointRounding.AwayFromZero));

    public static string Milliseconds(DateTimeOffset time) =>
        JsonFrame.UnixMs(time).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
