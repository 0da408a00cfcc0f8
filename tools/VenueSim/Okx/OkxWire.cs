using System.Globalization;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Okx;

/// <summary>OKX's spellings of the venue-neutral order and instrument terms. Numbers go out as strings in their shortest
/// exact form ("8477", "0.01"), as OKX prints them; times as Unix milliseconds in strings.</summary>
public static class OkxWire
{
    /// <summary>Every simulated OKX instrument is a USDT-margined perpetual.</summary>
    public const string InstrumentType = "SWAP";

    public static string Number(decimal value) => JsonFrame.Plain(value);

    /// <summary>Rates carry at most 16 decimals: the docs' funding-rate examples ("0.0001875391284828") never show more,
    /// while a path interpolated in decimal would print 28.</summary>
    public const int RateDecimals = 16;

    public static string Rate(decimal value) => Number(Math.Round(value, RateDecimals, MidpointRounding.AwayFromZero));

    /// <summary>A mark or index price from the scenario path, at the instrument's tick decimals: the docs' examples print
    /// them so ("markPx":"42310.6", "idxPx":"62890.5" for BTC-USDT, tick 0.1), as Bybit's simulator does.</summary>
    public static decimal PriceOf(decimal value, InstrumentSpec spec) => Math.Round(value, spec.PricePrecision, MidpointRounding.AwayFromZero);

    public static string Price(decimal value, InstrumentSpec spec) => Number(PriceOf(value, spec));

    public static string Ms(DateTimeOffset time) => JsonFrame.UnixMs(time).ToString(CultureInfo.InvariantCulture);

    /// <summary>"BTC-USDT" for BTC-USDT-SWAP: the instrument family (and the legacy "uly").</summary>
    public static string Family(InstrumentSpec spec) => spec.BaseAsset + "-" + spec.QuoteAsset;

    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    public static bool TryParseSide(string? text, out OrderSide side)
    {
        side = text == "sell" ? OrderSide.Sell : OrderSide.Buy;
        return text is "buy" or "sell";
    }

    /// <summary>ordType: market, limit, post_only, fok, ioc (the types a one-way SWAP account trades here).</summary>
    public static string OrderType(SimulatedOrder order) => order.Kind == OrderKind.Market ? "market" : order.TimeInForce switch
    {
        TimeInForce.ImmediateOrCancel => "ioc",
        TimeInForce.FillOrKill => "fok",
        TimeInForce.PostOnly => "post_only",
        _ => "limit",
    };

    public static bool TryParseOrderType(string text, out OrderKind kind, out TimeInForce timeInForce)
    {
        kind = text == "market" ? OrderKind.Market : OrderKind.Limit;
        timeInForce = text switch
        {
            "ioc" => TimeInForce.ImmediateOrCancel,
            "fok" => TimeInForce.FillOrKill,
            "post_only" => TimeInForce.PostOnly,
            _ => TimeInForce.GoodTillCancel,
        };
        return text is "market" or "limit" or "ioc" or "fok" or "post_only";
    }

    /// <summary>state: live, partially_filled, filled, canceled (an order the venue ended is canceled too, with a
    /// cancelSource saying why).</summary>
    public static string State(OrderStatus status) => status switch
    {
        OrderStatus.New => "live",
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.Filled => "filled",
        _ => "canceled",
    };

    /// <summary>cancelSource and its reason (order channel's list): 1 the user; 31 a post-only that would have taken;
    /// 14 an IOC/FOK remainder; 0 the system (a market order the book could not fill).</summary>
    public static (string Code, string Reason) CancelSource(SimulatedOrder order) => order.Status switch
    {
        OrderStatus.Canceled => ("1", "Order canceled by user"),
        OrderStatus.Expired when order.TimeInForce == TimeInForce.PostOnly => ("31", "The post-only order will take liquidity in taker orders"),
        OrderStatus.Expired when order.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill =>
            ("14", "Order canceled: IOC order was partially canceled due to incompletely filled"),
        OrderStatus.Expired => ("0", "Order canceled by system"),
        _ => ("", ""),
    };
}
