namespace FundingArb.VenueSim.Okx;

/// <summary>An OKX v5 error as the venue answers it: HTTP status, code (a string on the wire) and message, spelled as on
/// the docs' error-code pages (#error-code-rest-api, #error-code-websocket). "{param0}"-style placeholders are filled in.</summary>
public sealed record OkxError(int HttpStatus, string Code, string Message, string SubCode = "")
{
    // ---------------------------------------------------------------- REST, general and API class
    public static readonly OkxError PostBodyEmpty = new(400, "50000", "Body for POST request cannot be empty.");
    public static readonly OkxError JsonSyntax = new(400, "50002", "JSON syntax error");
    public static readonly OkxError RateLimited = new(429, "50011", "Too Many Requests");
    public static readonly OkxError RateLimitReached = new(200, "50011", "Rate limit reached. Please refer to API documentation and throttle requests accordingly.");
    public static readonly OkxError OrderExpired = new(200, "50037", "Order expired.");
    public static readonly OkxError TimestampExpired = new(401, "50102", "Timestamp request expired.");
    public static readonly OkxError KeyHeaderEmpty = new(401, "50103", "Request header \"OK-ACCESS-KEY\" cannot be empty.");
    public static readonly OkxError PassphraseHeaderEmpty = new(401, "50104", "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty.");
    public static readonly OkxError PassphraseIncorrect = new(401, "50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.");
    public static readonly OkxError SignHeaderEmpty = new(401, "50106", "Request header \"OK-ACCESS-SIGN\" cannot be empty.");
    public static readonly OkxError TimestampHeaderEmpty = new(401, "50107", "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty.");
    public static readonly OkxError InvalidKey = new(401, "50111", "Invalid OK-ACCESS-KEY.");
    public static readonly OkxError InvalidTimestamp = new(401, "50112", "Invalid OK-ACCESS-TIMESTAMP.");
    public static readonly OkxError InvalidSignature = new(401, "50113", "Invalid signature.");
    public static readonly OkxError InvalidMethod = new(405, "50115", "Invalid request method.");

    // ---------------------------------------------------------------- REST, trade class (answered per order as sCode/sMsg)
    public static readonly OkxError InstrumentNotFound = new(200, "51001", "Instrument ID, Instrument ID code or Spread ID doesn't exist.");
    public static readonly OkxError EitherOrderId = new(200, "51003", "Either client order ID or order ID is required.");
    public static readonly OkxError LimitSizeAboveMax = new(200, "51005", "Your order amount exceeds the max order amount.");
    public static readonly OkxError ClientOrderIdExists = new(200, "51016", "Client order ID already exists.");
    public static readonly OkxError SizeBelowMin = new(200, "51020", "Your order should meet or exceed the minimum order amount.");
    public static readonly OkxError OrderCountLimit = new(200, "51025", "Order count exceeds the limit.");
    public static readonly OkxError CloseSizeAboveAvailable = new(200, "51112", "Close order size exceeds available size for this position.");
    public static readonly OkxError SizeNotOnLot = new(200, "51121", "Order quantity must be a multiple of the lot size.");
    public static readonly OkxError ReduceOnlyNoPosition = new(200, "51169", "Order failed because you don't have any positions in this direction for this contract to reduce or close.");
    public static readonly OkxError ReduceOnlySameDirection = new(200, "51170", "Failed to place order. A reduce-only order can’t be the same trading direction as your existing positions.");
    public static readonly OkxError MarketSizeAboveMax = new(200, "51202", "Market order amount exceeds the maximum amount.");
    public static readonly OkxError LimitPriceEmpty = new(200, "51204", "The price for the limit order cannot be empty.");
    public static readonly OkxError CancelFailed = new(200, "51400", "Order cancellation failed as the order has been filled, canceled or does not exist.");
    public static readonly OkxError OrderNotFound = new(200, "51603", "Order does not exist.");
    public static readonly OkxError UnsupportedAccountMode = new(200, "51010", "Request unsupported under current account mode");

    /// <summary>50014: a required parameter is missing or empty.</summary>
    public static OkxError Empty(string parameter) => new(400, "50014", $"Parameter {parameter} can not be empty.");

    /// <summary>51000: a parameter has a value the venue does not accept.</summary>
    public static OkxError Invalid(string parameter) => new(400, "51000", $"Parameter {parameter} error");

    public static OkxError PriceOutsideLimit(string maxBuy, string minSell) =>
        new(200, "51006", $"Order price is not within the price limit (max buy price: {maxBuy} , min sell price: {minSell} )");

    /// <summary>51008 with sub-code 1001 (cross derivatives draw on margin, not on a spot balance).</summary>
    public static OkxError InsufficientMargin(string currency) => new(200, "51008", $"Order failed. Insufficient {currency} margin in account", "1001");

    public static readonly OkxError LeverageAboveMax = new(200, "59102", "Leverage exceeds the maximum limit. Please lower the leverage.");

    // ---------------------------------------------------------------- WebSocket (60000-64002)
    public static readonly OkxError WsInvalidTimestamp = new(200, "60004", "Invalid timestamp");
    public static readonly OkxError WsInvalidKey = new(200, "60005", "Invalid apiKey");
    public static readonly OkxError WsTimestampExpired = new(200, "60006", "Timestamp request expired");
    public static readonly OkxError WsInvalidSign = new(200, "60007", "Invalid sign");
    public static readonly OkxError WsLoginFailed = new(200, "60009", "Login failed.");
    public static readonly OkxError WsPleaseLogIn = new(200, "60011", "Please log in");
    public static readonly OkxError WsInvalidArgs = new(200, "60013", "Invalid args");
    public static readonly OkxError WsWrongPassphrase = new(200, "60024", "Wrong passphrase");
    public static readonly OkxError WsWrongUrlForOperation = new(200, "60028", "The current operation is not supported by this URL. Please use the correct WebSocket URL for the operation.");

    public static OkxError WsInvalidRequest(string text) => new(200, "60012", "Invalid request: " + text);

    public static OkxError WsNoSuchChannel(string what) =>
        new(200, "60018", $"Wrong URL or {what} doesn't exist. Please use the correct URL, channel and parameters referring to API document.");

    public static OkxError WsInvalidOp(string op) => new(200, "60019", "Invalid op: " + op);

    public static OkxError WsEmpty(string parameter) => new(200, "60027", $"Parameter {parameter} can not be empty.");
}
