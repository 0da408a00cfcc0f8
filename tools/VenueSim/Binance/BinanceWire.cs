using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Binance;

/// <summary>Binance's spellings of the venue-neutral order enums.</summary>
public static class BinanceWire
{
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "BUY" : "SELL";

    public static string Type(OrderKind kind) => kind == OrderKind.Limit ? "LIMIT" : "MARKET";

    public static string TimeInForce(Matching.TimeInForce tif) => tif switch
    {
        Matching.TimeInForce.GoodTillCancel => "GTC",
        Matching.TimeInForce.ImmediateOrCancel => "IOC",
        Matching.TimeInForce.FillOrKill => "FOK",
        Matching.TimeInForce.PostOnly => "GTX",
        _ => throw new ArgumentOutOfRangeException(nameof(tif), tif, null),
    };

    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.New => "NEW",
        OrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        OrderStatus.Filled => "FILLED",
        OrderStatus.Canceled => "CANCELED",
        OrderStatus.Expired => "EXPIRED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseSide(string? text, out OrderSide side)
    {
        side = text == "SELL" ? OrderSide.Sell : OrderSide.Buy;
        return text is "BUY" or "SELL";
    }

    public static bool TryParseTimeInForce(string? text, out Matching.TimeInForce tif)
    {
        tif = text switch
        {
            "IOC" => Matching.TimeInForce.ImmediateOrCancel,
            "FOK" => Matching.TimeInForce.FillOrKill,
            "GTX" => Matching.TimeInForce.PostOnly,
            _ => Matching.TimeInForce.GoodTillCancel,
        };
        // GTD rests like GTC here: its expiry time is accepted but not enforced (README says so).
        return text is "GTC" or "IOC" or "FOK" or "GTX" or "GTD";
    }
}
