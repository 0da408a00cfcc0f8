using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Matching;

namespace FundingArb.VenueSim.Okx;

/// <summary>The private endpoints of a Futures-mode (acctLv 2), net-mode, cross-margin USDT account. Order placement and
/// cancellation are shared with the WebSocket "order" / "cancel-order" ops. The caller has authenticated the account.</summary>
public sealed partial class OkxTradingEndpoints(SimulatedExchange exchange, OkxAccountLedger ledger, OkxInstrumentCodes codes,
    OkxOrderRateLimit rateLimit, TimeProvider wallClock)
{
    /// <summary>Orders placed without a clOrdId get an internal one with this prefix (never a valid clOrdId), so the core
    /// can tell them apart; OKX shows them with clOrdId "".</summary>
    private const string InternalIdPrefix = "~";
    private long _internalIds;

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex ClientOrderIdRule();

    [GeneratedRegex("^[A-Za-z0-9]{1,16}$")]
    private static partial Regex TagRule();

    public static string ShownClientOrderId(string clientOrderId) => clientOrderId.StartsWith(InternalIdPrefix, StringComparison.Ordinal) ? "" : clientOrderId;

    // ---------------------------------------------------------------- orders (REST and WebSocket)

    /// <summary>Places one order from its v5 arguments. A request-level error (missing parameter, rate limit) comes back
    /// as the error; everything the venue reports per order comes back as the acknowledgement's sCode.</summary>
    public (OkxError? Error, OkxOrderAck? Ack) PlaceOrder(TradingAccount account, JsonElement args)
    {
        var now = wallClock.GetUtcNow();
        var clientOrderId = OkxArgs.Text(args, "clOrdId") ?? "";
        var tag = OkxArgs.Text(args, "tag") ?? "";
        OkxOrderAck Fail(OkxError error) => OkxOrderAck.Failed(error, clientOrderId, tag, now);

        var instId = OkxArgs.Text(args, "instId");
        if (instId is null && OkxArgs.Text(args, "instIdCode") is { } codeText)
            instId = OkxArgs.TryLong(codeText, out var code) && codes.TryGetSymbol(code, out var bySymbol) ? bySymbol : "";
        if (instId is null) return (OkxError.Empty("instId"), null);
        foreach (var required in (ReadOnlySpan<string>)["tdMode", "side", "ordType", "sz"])
            if (OkxArgs.Text(args, required) is null) return (OkxError.Empty(required), null);
        if (!exchange.Markets.TryGetValue(instId, out var market)) return (null, Fail(OkxError.InstrumentNotFound));
        if (!rateLimit.TryAcquire(account.ApiKey, instId)) return (OkxError.RateLimited, null);
        var spec = market.Spec;

        // Only cross margin is simulated: isolated (and cash, which a SWAP cannot use) are refused as parameter errors.
        if (OkxArgs.Text(args, "tdMode") != "cross") return (null, Fail(OkxError.Invalid("tdMode")));
        if (!OkxWire.TryParseSide(OkxArgs.Text(args, "side"), out var side)) return (null, Fail(OkxError.Invalid("side")));
        if (OkxArgs.Text(args, "posSide") is { } posSide && posSide != "net") return (null, Fail(OkxError.Invalid("posSide")));
        if (!OkxWire.TryParseOrderType(OkxArgs.Text(args, "ordType")!, out var kind, out var timeInForce)) return (null, Fail(OkxError.Invalid("ordType")));
        var price = 0m;
        if (kind == OrderKind.Limit)
        {
            if (OkxArgs.Text(args, "px") is not { } pxText) return (null, Fail(OkxError.LimitPriceEmpty));
            if (!OkxArgs.TryDecimal(pxText, out price) || price <= 0 || price % spec.TickSize != 0) return (null, Fail(OkxError.Invalid("px")));
        }
        if (!OkxArgs.TryDecimal(OkxArgs.Text(args, "sz"), out var size) || size <= 0) return (null, Fail(OkxError.Invalid("sz")));
        if (size % spec.StepSize != 0) return (null, Fail(OkxError.SizeNotOnLot));
        if (size < spec.MinQty) return (null, Fail(OkxError.SizeBelowMin));
        if (size > spec.MaxQty) return (null, Fail(kind == OrderKind.Market ? OkxError.MarketSizeAboveMax : OkxError.LimitSizeAboveMax));
        var reduceOnly = OkxArgs.Text(args, "reduceOnly");
        if (reduceOnly is not (null or "true" or "false")) return (null, Fail(OkxError.Invalid("reduceOnly")));
        if (clientOrderId.Length > 0 && !ClientOrderIdRule().IsMatch(clientOrderId)) return (null, Fail(OkxError.Invalid("clOrdId")));
        if (tag.Length > 0 && !TagRule().IsMatch(tag)) return (null, Fail(OkxError.Invalid("tag")));

        lock (exchange.Gate)
        {
            if (reduceOnly == "true")
            {
                // The docs: a reduce-only order larger than the position is rejected whole, never trimmed.
                var held = account.Positions.TryGetValue(instId, out var p) ? p.Quantity : 0;
                if (held == 0) return (null, Fail(OkxError.ReduceOnlyNoPosition));
                if (held > 0 == (side == OrderSide.Buy)) return (null, Fail(OkxError.ReduceOnlySameDirection));
                if (size > Math.Abs(held)) return (null, Fail(OkxError.CloseSizeAboveAvailable));
            }
            var internalId = clientOrderId.Length > 0 ? clientOrderId : InternalIdPrefix + (++_internalIds).ToString(CultureInfo.InvariantCulture);
            var result = exchange.Place(account, new OrderRequest(instId, side, kind, timeInForce, size, price, reduceOnly == "true", internalId,
                CancelInsteadOfReject: true));
            if (result.Rejection is { } reason)
            {
                var injected = result.Fault is { } fault ? OkxFaultWire.Rejection(fault) : null;
                // The rate limit fails the request as the real limiter does (REST 429; the WS op answers sCode 50011).
                if (injected == OkxError.RateLimited) return (injected, null);
                var mark = market.Point.Mark;
                return (null, Fail(injected ?? reason switch
                {
                    RejectReason.UnknownSymbol => OkxError.InstrumentNotFound,
                    RejectReason.ReduceOnlyWouldIncrease => OkxError.ReduceOnlySameDirection,
                    RejectReason.InsufficientMargin => OkxError.InsufficientMargin(spec.QuoteAsset),
                    RejectReason.DuplicateClientOrderId => OkxError.ClientOrderIdExists,
                    RejectReason.TooManyOpenOrders => OkxError.OrderCountLimit,
                    RejectReason.PriceAboveBand or RejectReason.PriceBelowBand => OkxError.PriceOutsideLimit(
                        OkxWire.Number(Math.Round(mark * spec.PercentPriceUp, spec.PricePrecision)),
                        OkxWire.Number(Math.Round(mark * spec.PercentPriceDown, spec.PricePrecision))),
                    RejectReason.NotionalTooSmall => OkxError.SizeBelowMin,
                    // Post-only, FOK (only ever injected here: OKX accepts and cancels them) and the generic refusal.
                    _ => OkxFaultWire.OrderRefused,
                }));
            }
            return (null, new OkxOrderAck(result.Order!.OrderId.ToString(CultureInfo.InvariantCulture), clientOrderId, tag, "0", "Order placed", "", now));
        }
    }

    public (OkxError? Error, OkxOrderAck? Ack) CancelOrder(TradingAccount account, JsonElement args)
    {
        var now = wallClock.GetUtcNow();
        var clientOrderId = OkxArgs.Text(args, "clOrdId") ?? "";
        if (OkxArgs.Text(args, "instId") is not { } instId) return (OkxError.Empty("instId"), null);
        var ordIdText = OkxArgs.Text(args, "ordId");
        if (ordIdText is null && clientOrderId.Length == 0) return (null, OkxOrderAck.Failed(OkxError.EitherOrderId, "", "", now));
        if (!exchange.Markets.ContainsKey(instId)) return (null, OkxOrderAck.Failed(OkxError.InstrumentNotFound, clientOrderId, "", now));
        long? orderId = null;
        if (ordIdText is not null)
        {
            if (!OkxArgs.TryLong(ordIdText, out var id)) return (null, OkxOrderAck.Failed(OkxError.CancelFailed, clientOrderId, "", now));
            orderId = id;
        }
        lock (exchange.Gate)
        {
            var order = exchange.Find(account, instId, orderId, orderId is null ? clientOrderId : null);
            if (order is null || !exchange.Cancel(account, order))
                return (null, OkxOrderAck.Failed(OkxError.CancelFailed, clientOrderId, "", now) with { OrderId = ordIdText ?? "" });
            return (null, new OkxOrderAck(order.OrderId.ToString(CultureInfo.InvariantCulture), ShownClientOrderId(order.ClientOrderId), "", "0", "", "", now));
        }
    }

    /// <summary>The REST answer to an order operation: code "0", or "1" "All operations failed" with the reason in sCode.</summary>
    public OkxReply Answer((OkxError? Error, OkxOrderAck? Ack) outcome, bool placing, DateTimeOffset received) =>
        outcome.Error is { } error ? error : Answer([outcome.Ack!], placing, received);

    /// <summary>The REST answer to one or more order operations: code "0" when all succeeded, "1" "All operations failed"
    /// when none did, "2" when some did (batch endpoints); each operation's reason in its sCode.</summary>
    public OkxReply Answer(IReadOnlyList<OkxOrderAck> acks, bool placing, DateTimeOffset received)
    {
        var succeeded = acks.Count(a => a.Succeeded);
        var (code, msg) = succeeded == acks.Count ? ("0", "") : succeeded == 0 ? ("1", "All operations failed") : ("2", "Batch operation partially succeeded");
        return new OkxReply(200, Streaming.JsonFrame.Build((acks, placing, received, sent: wallClock.GetUtcNow(), code, msg), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("code"u8, s.code);
            w.WriteString("msg"u8, s.msg);
            w.WriteStartArray("data"u8);
            foreach (var ack in s.acks) ack.Write(w, withTag: s.placing, withSubCode: s.placing);
            w.WriteEndArray();
            w.WriteString("inTime"u8, Micros(s.received));
            w.WriteString("outTime"u8, Micros(s.sent));
            w.WriteEndObject();
        }));
    }

    public static string Micros(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() * 1000).ToString(CultureInfo.InvariantCulture);

    public OkxReply GetOrder(OkxRequest request)
    {
        var account = request.Account!;
        if (request.Get("instId") is not { } instId) return OkxError.Empty("instId");
        var ordIdText = request.Get("ordId");
        var clientOrderId = request.Get("clOrdId");
        if (ordIdText is null && clientOrderId is null) return OkxError.EitherOrderId;
        if (!exchange.Markets.ContainsKey(instId)) return OkxError.InstrumentNotFound;
        long? orderId = null;
        if (ordIdText is not null)
        {
            if (!OkxArgs.TryLong(ordIdText, out var id)) return OkxError.OrderNotFound;
            orderId = id;
        }
        lock (exchange.Gate)
        {
            var order = exchange.Find(account, instId, orderId, orderId is null ? clientOrderId : null);
            if (order is null) return OkxError.OrderNotFound;
            return OrdersReply(account, [order]);
        }
    }

    /// <summary>Open orders, newest first; filters instType, instId, ordType, state, after/before (ordId), limit ≤ 100.</summary>
    public OkxReply OrdersPending(OkxRequest request)
    {
        var account = request.Account!;
        var instType = request.Get("instType");
        var instId = request.Get("instId");
        var ordType = request.Get("ordType");
        var state = request.Get("state");
        if (state is not (null or "live" or "partially_filled")) return OkxError.Invalid("state");
        var limit = 100;
        if (request.Get("limit") is { } l && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit < 1)) return OkxError.Invalid("limit");
        limit = Math.Min(limit, 100);
        long? after = null, before = null;
        if (request.Get("after") is { } a) { if (!OkxArgs.TryLong(a, out var v)) return OkxError.Invalid("after"); after = v; }
        if (request.Get("before") is { } b) { if (!OkxArgs.TryLong(b, out var v)) return OkxError.Invalid("before"); before = v; }
        lock (exchange.Gate)
        {
            var open = instType is not (null or OkxWire.InstrumentType) ? [] : exchange.OpenOrders(account, instId)
                .Where(o => ordType is null || OkxWire.OrderType(o) == ordType)
                .Where(o => state is null || OkxWire.State(o.Status) == state)
                .Where(o => (after is null || o.OrderId < after) && (before is null || o.OrderId > before))
                .OrderByDescending(o => o.OrderId).Take(limit).ToList();
            return OrdersReply(account, open);
        }
    }

    private OkxReply OrdersReply(TradingAccount account, List<SimulatedOrder> orders) =>
        OkxReply.Ok((orders, account, exchange), static (w, s) =>
        {
            foreach (var order in s.orders)
                OkxOrderJson.Write(w, order, null, s.exchange.LeverageOf(s.account, order.Symbol), s.exchange.Markets[order.Symbol], push: false);
        });

    // ---------------------------------------------------------------- account

    /// <summary>Open (non-zero) net positions; instType SWAP or none, instId one or several comma-separated.</summary>
    public OkxReply Positions(OkxRequest request)
    {
        var account = request.Account!;
        var instType = request.Get("instType");
        if (instType is not (null or "MARGIN" or "SWAP" or "FUTURES" or "OPTION" or "EVENTS")) return OkxError.Invalid("instType");
        var wanted = request.Get("instId")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (wanted is not null && wanted.Any(id => !exchange.Markets.ContainsKey(id))) return OkxError.InstrumentNotFound;
        lock (exchange.Gate)
        {
            var symbols = instType is not (null or OkxWire.InstrumentType) ? [] : account.Positions
                .Where(p => p.Value.Quantity != 0 && (wanted is null || wanted.Contains(p.Key)))
                .OrderByDescending(p => p.Value.UpdatedAt).Select(p => p.Key).ToList();
            return OkxReply.Ok((symbols, account, this, now: exchange.Now), static (w, s) =>
            {
                foreach (var symbol in s.symbols) s.Item3.WritePosition(w, s.account, symbol, s.now, push: false);
            });
        }
    }

    /// <summary>One position as REST and the positions channel show it. Caller holds the Gate.</summary>
    public void WritePosition(Utf8JsonWriter w, TradingAccount account, string symbol, DateTimeOffset now, bool push) =>
        OkxPositionJson.Write(w, exchange, account, symbol, ledger.TallyOf(account, symbol), codes.PositionId(symbol, account.ApiKey), now, push);

    public OkxReply Balance(OkxRequest request)
    {
        var account = request.Account!;
        lock (exchange.Gate)
            return OkxReply.Ok((account, exchange), static (w, s) => OkxBalanceJson.Write(w, s.exchange, s.account));
    }

    /// <summary>Bills of the last 7 days, newest first; filters instType, instId, ccy, type, subType, after/before
    /// (billId), begin/end (ts), limit ≤ 100.</summary>
    public OkxReply Bills(OkxRequest request)
    {
        var account = request.Account!;
        var instType = request.Get("instType");
        var instId = request.Get("instId");
        var ccy = request.Get("ccy");
        var type = request.Get("type");
        var subType = request.Get("subType");
        var limit = 100;
        if (request.Get("limit") is { } l && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit < 1)) return OkxError.Invalid("limit");
        limit = Math.Min(limit, 100);
        var bounds = new long?[4];
        var names = new[] { "after", "before", "begin", "end" };
        for (var i = 0; i < names.Length; i++)
            if (request.Get(names[i]) is { } text)
            {
                if (!OkxArgs.TryLong(text, out var v)) return OkxError.Invalid(names[i]);
                bounds[i] = v;
            }
        lock (exchange.Gate)
        {
            var since = exchange.Now - TimeSpan.FromDays(7);
            var bills = ledger.BillsOf(account).Reverse()
                .Where(b => b.Time >= since)
                .Where(b => instType is null || (b.Symbol.Length > 0 && instType == OkxWire.InstrumentType))
                .Where(b => (instId is null || b.Symbol == instId) && (ccy is null || ccy == account.Asset))
                .Where(b => (type is null || b.Type == type) && (subType is null || b.SubType == subType))
                .Where(b => (bounds[0] is null || b.BillId < bounds[0]) && (bounds[1] is null || b.BillId > bounds[1]))
                .Where(b => (bounds[2] is null || b.Time.ToUnixTimeMilliseconds() >= bounds[2]) && (bounds[3] is null || b.Time.ToUnixTimeMilliseconds() <= bounds[3]))
                .Take(limit).ToList();
            return OkxReply.Ok((bills, account.Asset), static (w, s) =>
            {
                foreach (var bill in s.bills) WriteBill(w, bill, s.Asset);
            });
        }
    }

    private static void WriteBill(Utf8JsonWriter w, OkxBill bill, string asset)
    {
        var trade = bill.Type == "2";
        w.WriteStartObject();
        w.WriteString("bal"u8, OkxWire.Number(Math.Round(bill.Balance, 8)));
        w.WriteString("balChg"u8, OkxWire.Number(bill.BalanceChange));
        w.WriteString("billId"u8, bill.BillId.ToString(CultureInfo.InvariantCulture));
        w.WriteString("ccy"u8, asset);
        w.WriteString("clOrdId"u8, ShownClientOrderId(bill.ClientOrderId));
        w.WriteString("earnAmt"u8, "");
        w.WriteString("earnApr"u8, "");
        w.WriteString("execType"u8, bill.ExecType);
        w.WriteString("fee"u8, OkxWire.Number(bill.Fee));
        w.WriteString("fillFwdPx"u8, "");
        w.WriteString("fillIdxPx"u8, "");
        w.WriteString("fillMarkPx"u8, trade ? OkxWire.Number(bill.MarkPrice) : "");
        w.WriteString("fillMarkVol"u8, "");
        w.WriteString("fillPxUsd"u8, "");
        w.WriteString("fillPxVol"u8, "");
        w.WriteString("fillTime"u8, trade ? OkxWire.Ms(bill.Time) : "");
        w.WriteString("from"u8, bill.Type == "1" ? "6" : "");
        w.WriteString("instId"u8, bill.Symbol);
        w.WriteString("instType"u8, bill.Symbol.Length > 0 ? OkxWire.InstrumentType : "");
        w.WriteString("interest"u8, "0");
        w.WriteString("mgnMode"u8, bill.Symbol.Length > 0 ? "cross" : "");
        w.WriteString("notes"u8, "");
        w.WriteString("ordId"u8, bill.OrderId);
        w.WriteString("pnl"u8, OkxWire.Number(bill.Pnl));
        w.WriteString("posBal"u8, "0");
        w.WriteString("posBalChg"u8, "0");
        w.WriteString("px"u8, bill.Price == 0 ? "" : OkxWire.Number(bill.Price));
        w.WriteString("subType"u8, bill.SubType);
        w.WriteString("sz"u8, OkxWire.Number(bill.Size));
        w.WriteString("tag"u8, "");
        w.WriteString("to"u8, bill.Type == "1" ? "18" : "");
        w.WriteString("tradeId"u8, bill.TradeId);
        w.WriteString("ts"u8, OkxWire.Ms(bill.Time));
        w.WriteString("type"u8, bill.Type);
        w.WriteEndObject();
    }

    /// <summary>Futures mode (acctLv 2), net_mode: the one configuration simulated.</summary>
    public static OkxReply Config(OkxRequest request) => OkxReply.Ok(request.Account!, static (w, account) =>
    {
        var uid = UserId(account);
        w.WriteStartObject();
        w.WriteString("acctLv"u8, "2");
        w.WriteString("acctStpMode"u8, "cancel_maker");
        w.WriteBoolean("autoLoan"u8, false);
        w.WriteString("ctIsoMode"u8, "automatic");
        w.WriteBoolean("enableSpotBorrow"u8, false);
        w.WriteString("greeksType"u8, "PA");
        w.WriteString("feeType"u8, "0");
        w.WriteString("ip"u8, "");
        w.WriteString("type"u8, "0");
        w.WriteString("kycLv"u8, "3");
        w.WriteString("label"u8, "VenueSim");
        w.WriteString("level"u8, "Lv1");
        w.WriteString("levelTmp"u8, "");
        w.WriteString("liquidationGear"u8, "-1");
        w.WriteString("mainUid"u8, uid);
        w.WriteString("mgnIsoMode"u8, "automatic");
        w.WriteString("opAuth"u8, "0");
        w.WriteString("perm"u8, "read_only,trade");
        w.WriteString("posMode"u8, "net_mode");
        w.WriteString("roleType"u8, "0");
        w.WriteBoolean("spotBorrowAutoRepay"u8, false);
        w.WriteString("spotOffsetType"u8, "");
        w.WriteString("spotRoleType"u8, "0");
        w.WriteStartArray("spotTraderInsts"u8);
        w.WriteEndArray();
        w.WriteString("stgyType"u8, "0");
        w.WriteStartArray("traderInsts"u8);
        w.WriteEndArray();
        w.WriteString("uid"u8, uid);
        w.WriteString("settleCcy"u8, "USDC");
        w.WriteStartArray("settleCcyList"u8);
        foreach (var currency in (ReadOnlySpan<string>)["USD", "USDC", "USDG"]) w.WriteStringValue(currency);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A numeric user id per key, the same in every run (the private channels' "uid" too).</summary>
    public static string UserId(TradingAccount account)
    {
        var uid = 44_705_892_343_619_584L;
        foreach (var c in account.ApiKey) uid = unchecked(uid * 31 + c) & 0x00FF_FFFF_FFFF_FFFF;
        return uid.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Cross leverage of one SWAP (scenario 9 of the docs): whole numbers from 1 to the instrument's maximum.</summary>
    public OkxReply SetLeverage(OkxRequest request)
    {
        var account = request.Account!;
        if (request.Get("lever") is not { } leverText) return OkxError.Empty("lever");
        if (request.Get("mgnMode") is not { } mode) return OkxError.Empty("mgnMode");
        if (request.Get("instId") is not { } instId) return OkxError.Empty("instId");
        if (mode != "cross") return OkxError.Invalid("mgnMode");
        if (!exchange.Markets.TryGetValue(instId, out var market)) return OkxError.InstrumentNotFound;
        if (!int.TryParse(leverText, NumberStyles.None, CultureInfo.InvariantCulture, out var leverage) || leverage < 1) return OkxError.Invalid("lever");
        if (leverage > market.Spec.MaxLeverage) return OkxError.LeverageAboveMax;
        exchange.SetLeverage(account, instId, leverage);
        return OkxReply.Ok((leverage, instId), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("lever"u8, s.leverage.ToString(CultureInfo.InvariantCulture));
            w.WriteString("mgnMode"u8, "cross");
            w.WriteString("instId"u8, s.instId);
            w.WriteString("posSide"u8, "");
            w.WriteEndObject();
        });
    }

    /// <summary>net_mode is accepted (it is the mode already); long_short_mode is refused: hedge mode is not simulated.</summary>
    public static OkxReply SetPositionMode(OkxRequest request) => request.Get("posMode") switch
    {
        null => OkxError.Empty("posMode"),
        "net_mode" => OkxReply.Ok(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("posMode"u8, "net_mode");
            w.WriteEndObject();
        }),
        "long_short_mode" => OkxError.UnsupportedAccountMode,
        _ => OkxError.Invalid("posMode"),
    };
}
