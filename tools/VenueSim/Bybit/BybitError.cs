namespace FundingArb.VenueSim.Bybit;

/// <summary>A Bybit v5 refusal: <c>retCode</c> and <c>retMsg</c>. Codes are those of the error-code page
/// (docs/v5/error); the messages are the ones the live venue answers where they were seen in public client code and
/// issues (README, "Bybit v5: what is served", lists which), otherwise the docs' wording in the live style.</summary>
public sealed record BybitError(int Code, string Message)
{
    public static readonly BybitError IllegalCategory = new(10001, "Illegal category");
    public static readonly BybitError SymbolInvalid = Params("symbol invalid");
    public static readonly BybitError SideInvalid = Params("side invalid");
    public static readonly BybitError OrderTypeInvalid = Params("orderType invalid");
    public static readonly BybitError TimeInForceInvalid = Params("timeInForce invalid");
    public static readonly BybitError PriceInvalid = Params("price invalid");
    public static readonly BybitError QtyInvalid = new(10001, "Qty invalid");
    public static readonly BybitError QtyBelowMinimum = new(10001, "The number of contracts exceeds minimum limit allowed");
    public static readonly BybitError QtyAboveMaximum = new(10001, "The number of contracts exceeds maximum limit allowed");
    public static readonly BybitError PositionIdxNotMatch = new(10001, "position idx not match position mode");
    public static readonly BybitError OrderIdRequired = Params("OrderId or orderLinkId is required");
    public static readonly BybitError ApiKeyInvalid = new(10003, "API key is invalid.");
    public static readonly BybitError OrderNotExists = new(110001, "Order does not exist");
    public static readonly BybitError PriceOutOfRange = new(110003, "Order price is out of permissible range");
    public static readonly BybitError InsufficientBalance = new(110007, "ab not enough for new order");
    public static readonly BybitError ReduceOnlyZeroPosition = new(110017, "current position is zero, cannot fix reduce-only order qty");
    public static readonly BybitError ReduceOnlySameSide = new(110017, "reduce-only order has same side with current position");
    public static readonly BybitError ReduceOnlyNotSatisfied = new(110017, "Reduce-only rule not satisfied");
    public static readonly BybitError TooManyActiveOrders = new(110020, "Not allowed to have more than 500 active orders.");
    public static readonly BybitError PositionModeNotModified = new(110025, "Position mode is not modified");
    public static readonly BybitError HedgeModeNotSupported = new(110029, "Hedge mode is not supported for this symbol.");
    public static readonly BybitError LeverageNotModified = new(110043, "Set leverage not modified");
    public static readonly BybitError OrderLinkIdDuplicate = new(110072, "OrderLinkedID is duplicate");

    /// <summary>10001 in the live "params error: …" form.</summary>
    public static BybitError Params(string detail) => new(10001, "params error: " + detail);

    /// <summary>10001 for a request feature the simulator does not model (README, "Not yet"): refused, never ignored.</summary>
    public static BybitError NotSimulated(string parameter) => Params($"{parameter} is not supported by this simulator");

    public static BybitError EmptyCredentials(string timestamp, string apiKey) =>
        new(10001, $"empty value: apiTimestamp[{timestamp}] apiKey[{apiKey}]");

    public static BybitError EmptySignature(string timestamp, string apiKey) =>
        new(10001, $"empty value: apiTimestamp[{timestamp}] apiKey[{apiKey}] apiSignature[]");

    public static BybitError OutsideRecvWindow(string timestamp, long serverTime, long recvWindow) =>
        new(10002, $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{timestamp}],server_timestamp[{serverTime}],recv_window[{recvWindow}]");

    public static BybitError BadSign(string signedText) => new(10004, $"error sign! origin_string[{signedText}]");

    public static BybitError BelowMinimumValue(string minimum, string coin) =>
        new(110094, $"Order does not meet minimum order value {minimum}{coin}");
}
