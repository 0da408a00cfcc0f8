namespace FundingArb.VenueSim.Binance;

/// <summary>A Binance USDⓈ-M error as the venue answers it: HTTP status and the body {"code": …, "msg": …}. Codes and
/// messages are those of the official error-code page (derivatives/usds-margined-futures/error-code).</summary>
public sealed record BinanceError(int HttpStatus, int Code, string Message)
{
    public static readonly BinanceError InvalidTimestampWindow = new(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    public static readonly BinanceError InvalidTimestampAhead = new(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    public static readonly BinanceError InvalidSignature = new(400, -1022, "Signature for this request is not valid.");
    public static readonly BinanceError DuplicateParameter = new(400, -1101, "Duplicate values for a parameter detected.");
    public static readonly BinanceError InvalidSymbol = new(400, -1121, "Invalid symbol.");
    public static readonly BinanceError InvalidListenKey = new(400, -1125, "This listenKey does not exist. Please use `POST /fapi/v1/listenKey` to recreate `listenKey`");
    public static readonly BinanceError BadPrecision = new(400, -1111, "Precision is over the maximum defined for this asset.");
    public static readonly BinanceError InvalidTimeInForce = new(400, -1115, "Invalid timeInForce.");
    public static readonly BinanceError InvalidOrderType = new(400, -1116, "Invalid orderType.");
    public static readonly BinanceError InvalidSide = new(400, -1117, "Invalid side.");
    public static readonly BinanceError InvalidNewOrderRespType = new(400, -1136, "Invalid newOrderRespType.");
    public static readonly BinanceError CancelRejected = new(400, -2011, "Unknown order sent.");
    public static readonly BinanceError NoSuchOrder = new(400, -2013, "Order does not exist.");
    public static readonly BinanceError ApiKeyFormat = new(401, -2014, "API-key format invalid.");
    public static readonly BinanceError RejectedApiKey = new(401, -2015, "Invalid API-key, IP, or permissions for action.");
    public static readonly BinanceError MarginInsufficient = new(400, -2019, "Margin is insufficient.");
    public static readonly BinanceError ReduceOnlyRejected = new(400, -2022, "ReduceOnly Order is rejected.");
    public static readonly BinanceError MaxOpenOrders = new(400, -2025, "Reach max open order limit.");
    public static readonly BinanceError QuantityNotPositive = new(400, -4003, "Quantity less than zero.");
    public static readonly BinanceError QuantityBelowMin = new(400, -4004, "Quantity less than min quantity.");
    public static readonly BinanceError QuantityAboveMax = new(400, -4005, "Quantity greater than max quantity.");
    public static readonly BinanceError PriceNotPositive = new(400, -4001, "Price less than 0.");
    public static readonly BinanceError PriceNotOnTick = new(400, -4014, "Price not increased by tick size.");
    public static readonly BinanceError ClientOrderIdInvalid = new(400, -4015, "Client order id is not valid.");
    public static readonly BinanceError PriceAboveCap = new(400, -4016, "Price is higher than mark price multiplier cap.");
    public static readonly BinanceError InvalidDepthLimit = new(400, -4021, "Invalid depth limit.");
    public static readonly BinanceError QuantityNotOnStep = new(400, -4023, "Qty not increased by step size.");
    public static readonly BinanceError PriceBelowFloor = new(400, -4024, "Price is lower than mark price multiplier floor.");
    public static readonly BinanceError NoNeedToChangeMarginType = new(400, -4046, "No need to change margin type.");
    public static readonly BinanceError NoNeedToChangePositionSide = new(400, -4059, "No need to change position side.");
    public static readonly BinanceError PositionSideNotMatch = new(400, -4061, "Order's position side does not match user's setting.");
    public static readonly BinanceError DuplicateClientOrderId = new(400, -4116, "clientOrderId is duplicated");
    public static readonly BinanceError UseAlgoOrderApi = new(400, -4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
    public static readonly BinanceError NoNeedToChangeAssetMode = new(400, -4171, "Adjusted asset mode is currently set and does not need to be adjusted repeatedly.");
    public static readonly BinanceError FillOrKillRejected = new(400, -5021, "Due to the order could not be filled immediately, the FOK order has been rejected.");
    public static readonly BinanceError PostOnlyRejected = new(400, -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");

    public static BinanceError MandatoryParameter(string name) =>
        new(400, -1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    public static BinanceError EitherParameter(string first, string second) =>
        new(400, -1102, $"Param '{first}' or '{second}' must be sent, but both were empty/null!");

    public static BinanceError NotRequired(string name) => new(400, -1106, $"Parameter '{name}' sent when not required.");

    public static BinanceError InvalidParameter(string name) => new(400, -1130, $"Data sent for parameter '{name}' is not valid.");

    public static BinanceError InvalidLeverage(string value) => new(400, -4028, $"Leverage {value} is not valid");

    public static BinanceError MinNotional(string minimum) =>
        new(400, -4164, $"Order's notional must be no smaller than {minimum} (unless you choose reduce only)");
}
