using System.Text.Json;
using System.Text.RegularExpressions;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Binance;

/// <summary>Signed (TRADE / USER_DATA) and USER_STREAM endpoints for a one-way, single-asset (USDT), cross-margin
/// account. The caller has already authenticated the request; <see cref="BinanceRequest.Account"/> is set.</summary>
public sealed partial class BinanceTradingEndpoints(SimulatedExchange exchange, BinanceListenKeys listenKeys, BinanceFaultWire faultWire, int seed)
{
    private const string ClientIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Random _clientIds = new(seed ^ 0x5eed);
    private readonly Lock _clientIdLock = new();

    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")]
    private static partial Regex ClientOrderIdRule();

    // ---------------------------------------------------------------- orders

    public BinanceReply NewOrder(BinanceRequest request)
    {
        var account = request.Account!;
        var symbol = request.Get("symbol");
        if (symbol is null) return BinanceError.MandatoryParameter("symbol");
        if (!exchange.Markets.TryGetValue(symbol, out var market)) return BinanceError.InvalidSymbol;
        var spec = market.Spec;
        if (request.Get("side") is not { } sideText) return BinanceError.MandatoryParameter("side");
        if (!BinanceWire.TryParseSide(sideText, out var side)) return BinanceError.InvalidSide;
        if (request.Get("positionSide") is { } positionSide && positionSide != "BOTH") return BinanceError.PositionSideNotMatch;
        if (request.Get("type") is not { } type) return BinanceError.MandatoryParameter("type");
        OrderKind kind;
        switch (type)
        {
            case "LIMIT": kind = OrderKind.Limit; break;
            case "MARKET": kind = OrderKind.Market; break;
            case "STOP" or "STOP_MARKET" or "TAKE_PROFIT" or "TAKE_PROFIT_MARKET" or "TRAILING_STOP_MARKET": return BinanceError.UseAlgoOrderApi;
            default: return BinanceError.InvalidOrderType;
        }
        var respType = request.Get("newOrderRespType") ?? "ACK";
        if (respType is not ("ACK" or "RESULT")) return BinanceError.InvalidNewOrderRespType;
        if (request.Get("closePosition") is "true") return BinanceError.UseAlgoOrderApi;

        var tif = TimeInForce.GoodTillCancel;
        var price = 0m;
        if (kind == OrderKind.Limit)
        {
            if (request.Get("timeInForce") is not { } tifText) return BinanceError.MandatoryParameter("timeInForce");
            if (!BinanceWire.TryParseTimeInForce(tifText, out tif)) return BinanceError.InvalidTimeInForce;
            if (request.Get("price") is not { } priceText) return BinanceError.MandatoryParameter("price");
            if (!BinanceRequest.TryParseDecimal(priceText, out price)) return BinanceError.MandatoryParameter("price");
            if (price <= 0) return BinanceError.PriceNotPositive;
            if (InstrumentSpec.DecimalPlaces(price) > spec.PricePrecision) return BinanceError.BadPrecision;
            if (price % spec.TickSize != 0) return BinanceError.PriceNotOnTick;
        }
        else if (request.Has("price")) return BinanceError.NotRequired("price");
        if (request.Get("quantity") is not { } qtyText) return BinanceError.MandatoryParameter("quantity");
        if (!BinanceRequest.TryParseDecimal(qtyText, out var quantity)) return BinanceError.MandatoryParameter("quantity");
        if (quantity <= 0) return BinanceError.QuantityNotPositive;
        if (InstrumentSpec.DecimalPlaces(quantity) > spec.QuantityPrecision) return BinanceError.BadPrecision;
        if (quantity % spec.StepSize != 0) return BinanceError.QuantityNotOnStep;
        if (quantity < spec.MinQty) return BinanceError.QuantityBelowMin;
        if (quantity > spec.MaxQty) return BinanceError.QuantityAboveMax;
        var reduceOnly = false;
        if (request.Get("reduceOnly") is { } ro)
        {
            if (ro is not ("true" or "false")) return BinanceError.InvalidParameter("reduceOnly");
            reduceOnly = ro == "true";
        }
        var clientOrderId = request.Get("newClientOrderId") ?? NewClientOrderId();
        if (!ClientOrderIdRule().IsMatch(clientOrderId)) return BinanceError.ClientOrderIdInvalid;

        var result = exchange.Place(account, new OrderRequest(symbol, side, kind, tif, quantity, price, reduceOnly, clientOrderId));
        if (result.Rejection is { } reason)
            return result.Fault is { } injected && faultWire.Rejection(injected) is { } rendered ? rendered : reason switch
            {
                RejectReason.UnknownSymbol => BinanceError.InvalidSymbol,
                RejectReason.ReduceOnlyWouldIncrease => BinanceError.ReduceOnlyRejected,
                RejectReason.PostOnlyWouldTake => BinanceError.PostOnlyRejected,
                RejectReason.FillOrKillUnfillable => BinanceError.FillOrKillRejected,
                RejectReason.InsufficientMargin => BinanceError.MarginInsufficient,
                RejectReason.DuplicateClientOrderId => BinanceError.DuplicateClientOrderId,
                RejectReason.TooManyOpenOrders => BinanceError.MaxOpenOrders,
                RejectReason.PriceAboveBand => BinanceError.PriceAboveCap,
                RejectReason.PriceBelowBand => BinanceError.PriceBelowFloor,
                RejectReason.NotionalTooSmall => BinanceError.MinNotional(result.Detail ?? JsonFrame.Plain(spec.MinNotional)),
                _ => new BinanceError(400, -2010, "NEW_ORDER_REJECTED"),
            };
        // ACK (the default) answers with the order as accepted, before matching — as live, where a market order's ACK
        // says NEW with nothing executed even though it filled microseconds later; RESULT answers with the outcome.
        SimulatedOrder shown;
        lock (exchange.Gate) shown = respType == "RESULT" ? result.Order!.Snapshot() : result.Accepted!;
        return BinanceReply.Ok((shown, spec), static (w, s) => BinanceOrderJson.Write(w, s.shown, s.spec, BinanceOrderJson.Variant.Placed));
    }

    private string NewClientOrderId()
    {
        lock (_clientIdLock)
            return new string(Enumerable.Range(0, 22).Select(_ => ClientIdAlphabet[_clientIds.Next(ClientIdAlphabet.Length)]).ToArray());
    }

    private BinanceReply? FindOrder(BinanceRequest request, out SimulatedOrder? order, out InstrumentSpec? spec)
    {
        order = null;
        spec = null;
        var symbol = request.Get("symbol");
        if (symbol is null) return BinanceError.MandatoryParameter("symbol");
        if (!exchange.Markets.TryGetValue(symbol, out var market)) return BinanceError.InvalidSymbol;
        spec = market.Spec;
        long? orderId = null;
        if (request.Get("orderId") is { } idText)
        {
            if (!BinanceRequest.TryParseLong(idText, out var id)) return BinanceError.InvalidParameter("orderId");
            orderId = id;
        }
        var clientId = request.Get("origClientOrderId");
        if (orderId is null && clientId is null) return BinanceError.EitherParameter("orderId", "origClientOrderId");
        order = exchange.Find(request.Account!, symbol, orderId, clientId);
        return null;
    }

    public BinanceReply QueryOrder(BinanceRequest request)
    {
        if (FindOrder(request, out var order, out var spec) is { } error) return error;
        if (order is null) return BinanceError.NoSuchOrder;
        lock (exchange.Gate)
            return BinanceReply.Ok((order, spec!), static (w, s) => BinanceOrderJson.Write(w, s.order, s.Item2, BinanceOrderJson.Variant.Queried));
    }

    public BinanceReply CancelOrder(BinanceRequest request)
    {
        if (FindOrder(request, out var order, out var spec) is { } error) return error;
        if (order is null || !exchange.Cancel(request.Account!, order)) return BinanceError.CancelRejected;
        lock (exchange.Gate)
            return BinanceReply.Ok((order, spec!), static (w, s) => BinanceOrderJson.Write(w, s.order, s.Item2, BinanceOrderJson.Variant.Canceled));
    }

    public BinanceReply OpenOrders(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BinanceError.InvalidSymbol;
        lock (exchange.Gate)
        {
            var open = exchange.OpenOrders(request.Account!, symbol);
            return BinanceReply.Ok((open, exchange), static (w, s) =>
            {
                w.WriteStartArray();
                foreach (var order in s.open) BinanceOrderJson.Write(w, order, s.exchange.Markets[order.Symbol].Spec, BinanceOrderJson.Variant.Queried);
                w.WriteEndArray();
            });
        }
    }

    public BinanceReply CancelAllOpenOrders(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (symbol is null) return BinanceError.MandatoryParameter("symbol");
        if (!exchange.Markets.ContainsKey(symbol)) return BinanceError.InvalidSymbol;
        exchange.CancelAll(request.Account!, symbol);
        return BinanceReply.Ok("{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}");
    }

    // ---------------------------------------------------------------- positions and balances

    /// <summary>v2 lists every symbol (one BOTH entry each in one-way mode); v3 only symbols with a position or open orders.</summary>
    public BinanceReply PositionRisk(BinanceRequest request, int version)
    {
        var symbol = request.Get("symbol");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BinanceError.InvalidSymbol;
        var account = request.Account!;
        lock (exchange.Gate)
        {
            var symbols = exchange.Markets.Keys.Where(s => symbol is null || s == symbol)
                .Where(s => version == 2 || (account.Positions.TryGetValue(s, out var p) && p.Quantity != 0) || exchange.OpenOrders(account, s).Count > 0)
                .ToList();
            return BinanceReply.Ok((symbols, account, exchange, version), static (w, s) =>
            {
                w.WriteStartArray();
                foreach (var sym in s.symbols) WritePosition(w, s.exchange, s.account, sym, s.version);
                w.WriteEndArray();
            });
        }
    }

    private static void WritePosition(Utf8JsonWriter w, SimulatedExchange exchange, TradingAccount account, string symbol, int version)
    {
        var spec = exchange.Markets[symbol].Spec;
        var position = account.Position(symbol, exchange.LeverageOf(account, symbol));
        var mark = exchange.MarkOf(symbol);
        var priceDigits = Math.Max(5, spec.PricePrecision + 2);
        var notional = position.Quantity * spec.ContractSize * mark;
        w.WriteStartObject();
        w.WriteString("symbol"u8, symbol);
        w.WriteString("positionSide"u8, "BOTH");
        w.WriteString("positionAmt"u8, JsonFrame.Fixed(position.Quantity, spec.QuantityPrecision));
        w.WriteString("entryPrice"u8, JsonFrame.Fixed(position.EntryPrice, priceDigits));
        w.WriteString("breakEvenPrice"u8, JsonFrame.Fixed(BreakEvenPrice(position, spec), priceDigits));
        w.WriteString("markPrice"u8, JsonFrame.Fixed(mark, 8));
        w.WriteString("unRealizedProfit"u8, JsonFrame.Fixed(exchange.UnrealizedPnl(account, symbol), 8));
        w.WriteString("liquidationPrice"u8, JsonFrame.Fixed(exchange.LiquidationPrice(account, symbol), 8));
        w.WriteString("isolatedMargin"u8, "0.00000000");
        w.WriteString("notional"u8, JsonFrame.Fixed(notional, 8));
        w.WriteString("isolatedWallet"u8, "0");
        if (version == 2)
        {
            w.WriteString("leverage"u8, position.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("maxNotionalValue"u8, JsonFrame.Plain(MaxNotional(position.Leverage)));
            w.WriteString("marginType"u8, "cross");
            w.WriteString("isAutoAddMargin"u8, "false");
        }
        else
        {
            var positionMargin = exchange.PositionInitialMargin(account, symbol);
            var orderMargin = exchange.OpenOrderInitialMargin(account, symbol);
            w.WriteString("marginAsset"u8, spec.QuoteAsset);
            w.WriteString("initialMargin"u8, JsonFrame.Fixed(positionMargin + orderMargin, 8));
            w.WriteString("maintMargin"u8, JsonFrame.Fixed(exchange.MaintenanceMargin(account, symbol), 8));
            w.WriteString("positionInitialMargin"u8, JsonFrame.Fixed(positionMargin, 8));
            w.WriteString("openOrderInitialMargin"u8, JsonFrame.Fixed(orderMargin, 8));
            w.WriteNumber("adl"u8, position.Quantity == 0 ? 0 : 2);
            w.WriteString("bidNotional"u8, "0");
            w.WriteString("askNotional"u8, "0");
        }
        w.WriteNumber("updateTime"u8, position.Quantity == 0 && position.UpdatedAt == default ? 0 : JsonFrame.UnixMs(position.UpdatedAt));
        w.WriteEndObject();
    }

    /// <summary>The price at which closing would break even after the taker fee on both the opening and the closing trade.</summary>
    public static decimal BreakEvenPrice(PositionState position, InstrumentSpec spec) =>
        position.Quantity == 0 ? 0
        : position.Quantity > 0 ? position.EntryPrice * (1 + spec.TakerFeeRate) / (1 - spec.TakerFeeRate)
        : position.EntryPrice * (1 - spec.TakerFeeRate) / (1 + spec.TakerFeeRate);

    /// <summary>The largest position notional at a leverage: a single bracket, 250 000 000 / leverage (simplified;
    /// the venue's tiered brackets are not modelled).</summary>
    private static decimal MaxNotional(int leverage) => Math.Floor(250_000_000m / leverage);

    public BinanceReply Balance(BinanceRequest request)
    {
        var account = request.Account!;
        lock (exchange.Gate)
            return BinanceReply.Ok((account, exchange), static (w, s) =>
            {
                var available = s.exchange.AvailableBalance(s.account);
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("accountAlias"u8, "SgsR");
                w.WriteString("asset"u8, s.account.Asset);
                w.WriteString("balance"u8, JsonFrame.Fixed(s.account.WalletBalance, 8));
                w.WriteString("crossWalletBalance"u8, JsonFrame.Fixed(s.account.WalletBalance, 8));
                w.WriteString("crossUnPnl"u8, JsonFrame.Fixed(s.exchange.TotalUnrealizedPnl(s.account), 8));
                w.WriteString("availableBalance"u8, JsonFrame.Fixed(available, 8));
                w.WriteString("maxWithdrawAmount"u8, JsonFrame.Fixed(Math.Min(available, s.account.WalletBalance), 8));
                w.WriteBoolean("marginAvailable"u8, true);
                w.WriteNumber("updateTime"u8, JsonFrame.UnixMs(s.account.UpdatedAt));
                w.WriteEndObject();
                w.WriteEndArray();
            });
    }

    /// <summary>GET /fapi/v2/account, and /fapi/v3/account: v3 lists only the symbols with a position or open orders,
    /// as v3 positionRisk does (the fields are v2's).</summary>
    public BinanceReply Account(BinanceRequest request, int version)
    {
        var account = request.Account!;
        lock (exchange.Gate)
            return BinanceReply.Ok((account, exchange, version), static (w, s) =>
            {
                var ex = s.exchange;
                var acc = s.account;
                var unrealized = ex.TotalUnrealizedPnl(acc);
                var positionMargin = ex.TotalPositionInitialMargin(acc);
                var orderMargin = ex.TotalOpenOrderInitialMargin(acc);
                var available = ex.AvailableBalance(acc);
                w.WriteStartObject();
                w.WriteNumber("feeTier"u8, 0);
                w.WriteBoolean("feeBurn"u8, false);
                w.WriteBoolean("canTrade"u8, true);
                w.WriteBoolean("canDeposit"u8, true);
                w.WriteBoolean("canWithdraw"u8, true);
                w.WriteNumber("updateTime"u8, 0);
                w.WriteBoolean("multiAssetsMargin"u8, false);
                w.WriteNumber("tradeGroupId"u8, -1);
                w.WriteString("totalInitialMargin"u8, JsonFrame.Fixed(positionMargin + orderMargin, 8));
                w.WriteString("totalMaintMargin"u8, JsonFrame.Fixed(ex.TotalMaintenanceMargin(acc), 8));
                w.WriteString("totalWalletBalance"u8, JsonFrame.Fixed(acc.WalletBalance, 8));
                w.WriteString("totalUnrealizedProfit"u8, JsonFrame.Fixed(unrealized, 8));
                w.WriteString("totalMarginBalance"u8, JsonFrame.Fixed(acc.WalletBalance + unrealized, 8));
                w.WriteString("totalPositionInitialMargin"u8, JsonFrame.Fixed(positionMargin, 8));
                w.WriteString("totalOpenOrderInitialMargin"u8, JsonFrame.Fixed(orderMargin, 8));
                w.WriteString("totalCrossWalletBalance"u8, JsonFrame.Fixed(acc.WalletBalance, 8));
                w.WriteString("totalCrossUnPnl"u8, JsonFrame.Fixed(unrealized, 8));
                w.WriteString("availableBalance"u8, JsonFrame.Fixed(available, 8));
                w.WriteString("maxWithdrawAmount"u8, JsonFrame.Fixed(Math.Min(available, acc.WalletBalance), 8));
                w.WriteStartArray("assets"u8);
                w.WriteStartObject();
                w.WriteString("asset"u8, acc.Asset);
                w.WriteString("walletBalance"u8, JsonFrame.Fixed(acc.WalletBalance, 8));
                w.WriteString("unrealizedProfit"u8, JsonFrame.Fixed(unrealized, 8));
                w.WriteString("marginBalance"u8, JsonFrame.Fixed(acc.WalletBalance + unrealized, 8));
                w.WriteString("maintMargin"u8, JsonFrame.Fixed(ex.TotalMaintenanceMargin(acc), 8));
                w.WriteString("initialMargin"u8, JsonFrame.Fixed(positionMargin + orderMargin, 8));
                w.WriteString("positionInitialMargin"u8, JsonFrame.Fixed(positionMargin, 8));
                w.WriteString("openOrderInitialMargin"u8, JsonFrame.Fixed(orderMargin, 8));
                w.WriteString("crossWalletBalance"u8, JsonFrame.Fixed(acc.WalletBalance, 8));
                w.WriteString("crossUnPnl"u8, JsonFrame.Fixed(unrealized, 8));
                w.WriteString("availableBalance"u8, JsonFrame.Fixed(available, 8));
                w.WriteString("maxWithdrawAmount"u8, JsonFrame.Fixed(Math.Min(available, acc.WalletBalance), 8));
                w.WriteBoolean("marginAvailable"u8, true);
                w.WriteNumber("updateTime"u8, JsonFrame.UnixMs(acc.UpdatedAt));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("positions"u8);
                foreach (var (symbol, market) in ex.Markets)
                {
                    if (s.version == 3 && !(acc.Positions.TryGetValue(symbol, out var held) && held.Quantity != 0) && ex.OpenOrders(acc, symbol).Count == 0)
                        continue;
                    var position = acc.Position(symbol, ex.LeverageOf(acc, symbol));
                    var pm = ex.PositionInitialMargin(acc, symbol);
                    var om = ex.OpenOrderInitialMargin(acc, symbol);
                    w.WriteStartObject();
                    w.WriteString("symbol"u8, symbol);
                    w.WriteString("initialMargin"u8, JsonFrame.Fixed(pm + om, 8));
                    w.WriteString("maintMargin"u8, JsonFrame.Fixed(ex.MaintenanceMargin(acc, symbol), 8));
                    w.WriteString("unrealizedProfit"u8, JsonFrame.Fixed(ex.UnrealizedPnl(acc, symbol), 8));
                    w.WriteString("positionInitialMargin"u8, JsonFrame.Fixed(pm, 8));
                    w.WriteString("openOrderInitialMargin"u8, JsonFrame.Fixed(om, 8));
                    w.WriteString("leverage"u8, position.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteBoolean("isolated"u8, false);
                    w.WriteString("entryPrice"u8, JsonFrame.Fixed(position.EntryPrice, Math.Max(5, market.Spec.PricePrecision + 2)));
                    w.WriteString("maxNotional"u8, JsonFrame.Plain(MaxNotional(position.Leverage)));
                    w.WriteString("bidNotional"u8, "0");
                    w.WriteString("askNotional"u8, "0");
                    w.WriteString("positionSide"u8, "BOTH");
                    w.WriteString("positionAmt"u8, JsonFrame.Fixed(position.Quantity, market.Spec.QuantityPrecision));
                    w.WriteNumber("updateTime"u8, position.UpdatedAt == default ? 0 : JsonFrame.UnixMs(position.UpdatedAt));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
    }

    /// <summary>Income history: filters symbol, incomeType, startTime/endTime (inclusive; neither = the last 7 days),
    /// limit (default 100, max 1000), oldest first.</summary>
    public BinanceReply Income(BinanceRequest request)
    {
        var account = request.Account!;
        var symbol = request.Get("symbol");
        var type = request.Get("incomeType");
        if (request.TryGetHistoryPage(out var limit, out var start, out var end) is { } pageError) return pageError;
        lock (exchange.Gate)
        {
            if (start is null && end is null) start = JsonFrame.UnixMs(exchange.Now - TimeSpan.FromDays(7));
            var records = account.Income
                .Where(r => symbol is null || r.Symbol == symbol)
                .Where(r => type is null || IncomeType(r.Kind) == type)
                .Where(r => (start is null || JsonFrame.UnixMs(r.Time) >= start) && (end is null || JsonFrame.UnixMs(r.Time) <= end))
                .Take(limit)
                .ToList();
            return BinanceReply.Ok(records, static (w, list) =>
            {
                w.WriteStartArray();
                foreach (var r in list)
                {
                    w.WriteStartObject();
                    w.WriteString("symbol"u8, r.Symbol);
                    w.WriteString("incomeType"u8, IncomeType(r.Kind));
                    w.WriteString("income"u8, JsonFrame.Fixed(r.Amount, 8));
                    w.WriteString("asset"u8, r.Asset);
                    w.WriteString("info"u8, IncomeType(r.Kind));
                    w.WriteNumber("time"u8, JsonFrame.UnixMs(r.Time));
                    w.WriteNumber("tranId"u8, r.TransactionId);
                    w.WriteString("tradeId"u8, r.TradeId);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }
    }

    private static string IncomeType(IncomeKind kind) => kind switch
    {
        IncomeKind.Transfer => "TRANSFER",
        IncomeKind.RealizedPnl => "REALIZED_PNL",
        IncomeKind.FundingFee => "FUNDING_FEE",
        IncomeKind.Commission => "COMMISSION",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // ---------------------------------------------------------------- account configuration (one-way, single-asset, cross)

    public static BinanceReply PositionMode() => BinanceReply.Ok("{\"dualSidePosition\":false}");

    /// <summary>Already one-way: asking for one-way again is "no need to change"; hedge mode is not simulated.</summary>
    public static BinanceReply ChangePositionMode(BinanceRequest request) => request.Get("dualSidePosition") switch
    {
        null => BinanceError.MandatoryParameter("dualSidePosition"),
        "false" => BinanceError.NoNeedToChangePositionSide,
        _ => BinanceError.InvalidParameter("dualSidePosition"),
    };

    public static BinanceReply MultiAssetsMode() => BinanceReply.Ok("{\"multiAssetsMargin\":false}");

    public static BinanceReply ChangeMultiAssetsMode(BinanceRequest request) => request.Get("multiAssetsMargin") switch
    {
        null => BinanceError.MandatoryParameter("multiAssetsMargin"),
        "false" => BinanceError.NoNeedToChangeAssetMode,
        _ => BinanceError.InvalidParameter("multiAssetsMargin"),
    };

    public BinanceReply ChangeMarginType(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (symbol is null) return BinanceError.MandatoryParameter("symbol");
        if (!exchange.Markets.ContainsKey(symbol)) return BinanceError.InvalidSymbol;
        return request.Get("marginType") switch
        {
            null => BinanceError.MandatoryParameter("marginType"),
            "CROSSED" => BinanceError.NoNeedToChangeMarginType,
            _ => BinanceError.InvalidParameter("marginType"),
        };
    }

    public BinanceReply ChangeLeverage(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (symbol is null) return BinanceError.MandatoryParameter("symbol");
        if (!exchange.Markets.TryGetValue(symbol, out var market)) return BinanceError.InvalidSymbol;
        var text = request.Get("leverage");
        if (text is null) return BinanceError.MandatoryParameter("leverage");
        if (!int.TryParse(text, out var leverage) || leverage < 1 || leverage > market.Spec.MaxLeverage) return BinanceError.InvalidLeverage(text);
        exchange.SetLeverage(request.Account!, symbol, leverage);
        return BinanceReply.Ok((leverage, symbol), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("leverage"u8, s.leverage);
            w.WriteString("maxNotionalValue"u8, JsonFrame.Plain(MaxNotional(s.leverage)));
            w.WriteString("symbol"u8, s.symbol);
            w.WriteEndObject();
        });
    }

    public BinanceReply CommissionRate(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (symbol is null) return BinanceError.MandatoryParameter("symbol");
        if (!exchange.Markets.TryGetValue(symbol, out var market)) return BinanceError.InvalidSymbol;
        return BinanceReply.Ok(market.Spec, static (w, spec) =>
        {
            w.WriteStartObject();
            w.WriteString("symbol"u8, spec.Symbol);
            w.WriteString("makerCommissionRate"u8, JsonFrame.Plain(spec.MakerFeeRate));
            w.WriteString("takerCommissionRate"u8, JsonFrame.Plain(spec.TakerFeeRate));
            w.WriteEndObject();
        });
    }

    /// <summary>GET /fapi/v1/leverageBracket: the simulator's one bracket per symbol (the first maintenance tier the
    /// liquidation price uses, capped where positionRisk's maxNotionalValue is at the top leverage); an array, or one
    /// object when <c>symbol</c> is given, as documented.</summary>
    public BinanceReply LeverageBracket(BinanceRequest request)
    {
        var symbol = request.Get("symbol");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BinanceError.InvalidSymbol;
        var specs = exchange.Markets.Values.Select(m => m.Spec).Where(s => symbol is null || s.Symbol == symbol).ToList();
        return BinanceReply.Ok((specs, one: symbol is not null), static (w, s) =>
        {
            if (!s.one) w.WriteStartArray();
            foreach (var spec in s.specs)
            {
                w.WriteStartObject();
                w.WriteString("symbol"u8, spec.Symbol);
                w.WriteNumber("notionalCoef"u8, 1.0m);
                w.WriteStartArray("brackets"u8);
                w.WriteStartObject();
                w.WriteNumber("bracket"u8, 1);
                w.WriteNumber("initialLeverage"u8, spec.MaxLeverage);
                w.WriteNumber("notionalCap"u8, MaxNotional(spec.MaxLeverage));
                w.WriteNumber("notionalFloor"u8, 0);
                w.WriteNumber("maintMarginRatio"u8, spec.MaintenanceMarginRate);
                w.WriteNumber("cum"u8, 0.0m);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            if (!s.one) w.WriteEndArray();
        });
    }

    // ---------------------------------------------------------------- user data stream keys (USER_STREAM: key only)

    public BinanceReply StartUserStream(BinanceRequest request) =>
        ListenKeyReply(listenKeys.Open(request.Account!.ApiKey, exchange.Now));

    public BinanceReply KeepAliveUserStream(BinanceRequest request) =>
        listenKeys.KeepAlive(request.Account!.ApiKey, exchange.Now) is { } key ? ListenKeyReply(key) : BinanceError.InvalidListenKey;

    public BinanceReply CloseUserStream(BinanceRequest request)
    {
        listenKeys.Close(request.Account!.ApiKey);
        return BinanceReply.Ok("{}");
    }

    private static BinanceReply ListenKeyReply(string key) => BinanceReply.Ok(key, static (w, k) =>
    {
        w.WriteStartObject();
        w.WriteString("listenKey"u8, k);
        w.WriteEndObject();
    });
}
