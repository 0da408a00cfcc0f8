using System.Globalization;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Positions and the account, for a unified (UTA 2.0) account trading linear perpetuals one-way on cross
/// margin: GET /v5/position/list, /v5/account/wallet-balance, /v5/account/info, /v5/user/query-api,
/// /v5/account/transaction-log, /v5/execution/list; POST /v5/position/set-leverage and /v5/position/switch-mode (one-way
/// only: asking for it again is "not modified", hedge mode is refused). The caller has authenticated the request.</summary>
public sealed class BybitAccountEndpoints(SimulatedExchange exchange, BybitLedger ledger, BybitIds ids)
{
    private static readonly TimeSpan LogWindow = TimeSpan.FromDays(7);

    /// <summary>With <c>symbol</c> the position whatever its size; with <c>settleCoin</c> every position of non-zero size.</summary>
    public BybitReply Positions(BybitRequest request)
    {
        var account = request.Account!;
        if (request.CheckLinear() is { } category) return category;
        var symbol = request.Get("symbol");
        var settleCoin = request.Get("settleCoin");
        if (symbol is null && settleCoin is null) return BybitError.Params("symbol or settleCoin is required");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BybitError.SymbolInvalid;
        if (request.TryGetLimit(20, 200, out var limit) is { } limitError) return limitError;
        lock (exchange.Gate)
        {
            var symbols = symbol is not null ? [symbol]
                : exchange.Markets.Values.Where(m => m.Spec.QuoteAsset == settleCoin
                        && account.Positions.TryGetValue(m.Symbol, out var p) && p.Quantity != 0)
                    .Select(m => m.Symbol).Order(StringComparer.Ordinal).ToList();
            if (BybitCursor.Page(symbols, s => s, request.Get("cursor"), limit) is not { } paged) return BybitError.Params("cursor invalid");
            return BybitReply.Ok((paged, exchange, ledger, account), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteStartArray("list"u8);
                foreach (var sym in s.paged.Page) BybitPositionJson.Write(w, s.exchange, s.ledger, s.account, sym, stream: false);
                w.WriteEndArray();
                w.WriteString("nextPageCursor"u8, s.paged.Next);
                w.WriteString("category"u8, "linear");
                w.WriteEndObject();
            });
        }
    }

    /// <summary><c>accountType</c> UNIFIED only; <c>coin</c> filters (comma-separated); without it, coins held.</summary>
    public BybitReply WalletBalance(BybitRequest request)
    {
        var account = request.Account!;
        if (request.Get("accountType") != "UNIFIED") return BybitError.Params("accountType only support UNIFIED");
        var coins = request.Get("coin")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        lock (exchange.Gate)
        {
            var includeCoin = coins is null ? account.WalletBalance != 0 : coins.Contains(account.Asset);
            return BybitReply.Ok((exchange, ledger, account, includeCoin), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteStartArray("list"u8);
                BybitWalletJson.Write(w, s.exchange, s.ledger, s.account, s.includeCoin);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    public static BybitReply AccountInfo(BybitRequest request) => BybitReply.Ok(request.Account!, static (w, account) =>
    {
        w.WriteStartObject();
        w.WriteNumber("unifiedMarginStatus"u8, 5); // UTA 2.0
        w.WriteString("marginMode"u8, "REGULAR_MARGIN");
        w.WriteBoolean("isMasterTrader"u8, false);
        w.WriteString("spotHedgingStatus"u8, "OFF");
        w.WriteString("updatedTime"u8, BybitWire.Milliseconds(account.Income[0].Time));
        w.WriteString("dcpStatus"u8, "OFF");
        w.WriteNumber("timeWindow"u8, 0);
        w.WriteNumber("smpGroup"u8, 0);
        w.WriteEndObject();
    });

    /// <summary>The calling key: read-write, trading permissions, unified, no IP binding.</summary>
    public static BybitReply ApiKeyInfo(BybitRequest request) => BybitReply.Ok(request.Account!, static (w, account) =>
    {
        var userId = BybitIds.UserId(account.ApiKey);
        var created = account.Income[0].Time;
        w.WriteStartObject();
        w.WriteString("id"u8, (userId % 100_000_000 + 3_000_000).ToString(CultureInfo.InvariantCulture));
        w.WriteString("note"u8, "simulator key");
        w.WriteString("apiKey"u8, account.ApiKey);
        w.WriteNumber("readOnly"u8, 0);
        w.WriteString("secret"u8, "");
        w.WriteStartObject("permissions"u8);
        Permission(w, "ContractTrade"u8, "Order", "Position");
        Permission(w, "Spot"u8, "SpotTrade");
        Permission(w, "Wallet"u8, "AccountTransfer", "SubMemberTransfer");
        Permission(w, "Options"u8, "OptionsTrade");
        Permission(w, "Derivatives"u8, "DerivativesTrade");
        foreach (var empty in (ReadOnlySpan<string>)["CopyTrading", "BlockTrade", "Exchange", "NFT", "Affiliate", "Earn"])
        {
            w.WriteStartArray(empty);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("ips"u8);
        w.WriteStringValue("*");
        w.WriteEndArray();
        w.WriteNumber("type"u8, 1);
        w.WriteNumber("deadlineDay"u8, 90);
        w.WriteString("expiredAt"u8, created.AddDays(90).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteString("createdAt"u8, created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteNumber("unified"u8, 0);
        w.WriteNumber("uta"u8, 1);
        w.WriteNumber("userID"u8, userId);
        w.WriteNumber("inviterID"u8, 0);
        w.WriteString("vipLevel"u8, "No VIP");
        w.WriteString("mktMakerLevel"u8, "0");
        w.WriteNumber("affiliateID"u8, 0);
        w.WriteString("rsaPublicKey"u8, "");
        w.WriteBoolean("isMaster"u8, true);
        w.WriteString("parentUid"u8, "0");
        w.WriteString("kycLevel"u8, "LEVEL_DEFAULT");
        w.WriteString("kycRegion"u8, "");
        w.WriteEndObject();
    }, message: "");

    private static void Permission(System.Text.Json.Utf8JsonWriter w, ReadOnlySpan<byte> name, params ReadOnlySpan<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    /// <summary>One-way mode needs buyLeverage = sellLeverage; whole leverages from 1 to the instrument's maximum
    /// (instruments-info advertises a step of 1).</summary>
    public BybitReply SetLeverage(BybitRequest request)
    {
        var account = request.Account!;
        if (request.CheckLinear() is { } category) return category;
        if (request.Get("symbol") is not { } symbol || !exchange.Markets.TryGetValue(symbol, out var market)) return BybitError.SymbolInvalid;
        var buy = request.Get("buyLeverage");
        var sell = request.Get("sellLeverage");
        if (!BybitRequest.TryParseDecimal(buy, out var buyLeverage) || buyLeverage % 1 != 0 || buyLeverage < 1 || buyLeverage > market.Spec.MaxLeverage)
            return BybitError.Params("buyLeverage invalid");
        if (!BybitRequest.TryParseDecimal(sell, out var sellLeverage) || sellLeverage != buyLeverage)
            return BybitError.Params("buyLeverage must equal sellLeverage in one-way mode");
        lock (exchange.Gate)
        {
            if (exchange.LeverageOf(account, symbol) == (int)buyLeverage) return BybitError.LeverageNotModified;
            exchange.SetLeverage(account, symbol, (int)buyLeverage);
        }
        return BybitReply.Ok();
    }

    public BybitReply SwitchMode(BybitRequest request)
    {
        if (request.CheckLinear() is { } category) return category;
        var symbol = request.Get("symbol");
        if (symbol is null && request.Get("coin") is null) return BybitError.Params("symbol or coin is required");
        if (symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BybitError.SymbolInvalid;
        return request.Get("mode") switch
        {
            "0" => BybitError.PositionModeNotModified,
            "3" => BybitError.HedgeModeNotSupported,
            _ => BybitError.Params("position_mode invalid"),
        };
    }

    /// <summary>Newest first. Time range as documented: neither bound = the last 7 days; one bound = 7 days from it;
    /// both = at most 7 days apart. Filters: category (linear), currency, type (TRADE, SETTLEMENT, TRANSFER_IN).</summary>
    public BybitReply TransactionLog(BybitRequest request)
    {
        var account = request.Account!;
        if (request.Get("accountType") is { } accountType && accountType != "UNIFIED") return BybitError.Params("accountType only support UNIFIED");
        if (request.Get("category") is { } category && category != "linear") return BybitError.IllegalCategory;
        var currency = request.Get("currency");
        var type = request.Get("type");
        if (request.TryGetLimit(20, 50, out var limit) is { } limitError) return limitError;
        lock (exchange.Gate)
        {
            if (TimeRange(request, out var from, out var to) is { } rangeError) return rangeError; // under the gate: it reads the exchange's time
            var lines = ledger.Transactions(account)
                .Where(t => JsonFrame.UnixMs(t.Time) >= from && JsonFrame.UnixMs(t.Time) <= to)
                .Where(t => currency is null || currency == account.Asset)
                .Where(t => type is null || t.Type == type)
                .Reverse().ToList();
            if (BybitCursor.Page(lines, t => t.Id, request.Get("cursor"), limit) is not { } paged) return BybitError.Params("cursor invalid");
            return BybitReply.Ok((paged, exchange, account.Asset), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("nextPageCursor"u8, s.paged.Next);
                w.WriteStartArray("list"u8);
                foreach (var line in s.paged.Page) WriteTransaction(w, line, s.exchange, s.Asset);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    /// <summary>Get Trade History (docs/v5/order/execution): the account's executions — trades and funding settlements —
    /// newest first, each as the private stream's execution topic pushed it. One filter, by the documented priority
    /// orderId &gt; orderLinkId &gt; symbol &gt; baseCoin, then <c>execType</c>; the documented 7-day window rules (neither
    /// bound: the last 7 days); <c>limit</c> 1–100 (50) with cursor paging.</summary>
    public BybitReply Executions(BybitRequest request)
    {
        var account = request.Account!;
        if (request.CheckLinear() is { } category) return category;
        if (request.TryGetLimit(50, 100, out var limit) is { } limitError) return limitError;
        var orderId = request.Get("orderId");
        var orderLinkId = request.Get("orderLinkId");
        var symbol = request.Get("symbol");
        var baseCoin = request.Get("baseCoin");
        var execType = request.Get("execType");
        if (orderId is null && orderLinkId is null && symbol is not null && !exchange.Markets.ContainsKey(symbol)) return BybitError.SymbolInvalid;
        lock (exchange.Gate)
        {
            if (TimeRange(request, out var from, out var to) is { } rangeError) return rangeError;
            IEnumerable<BybitExecution> executions = ledger.Executions(account)
                .Where(e => JsonFrame.UnixMs(e.Time) >= from && JsonFrame.UnixMs(e.Time) <= to);
            // "if you pass multiple params, the system will process them according to this priority"
            if (orderId is not null) executions = executions.Where(e => e.Order is { } o && ids.Order(o.OrderId) == orderId);
            else if (orderLinkId is not null) executions = executions.Where(e => e.Order is { } o && o.ClientOrderId == orderLinkId);
            else if (symbol is not null) executions = executions.Where(e => e.Symbol == symbol);
            else if (baseCoin is not null) executions = executions.Where(e => exchange.Markets[e.Symbol].Spec.BaseAsset == baseCoin);
            if (execType is not null) executions = executions.Where(e => e.ExecType == execType);
            var newestFirst = executions.Reverse().ToList();
            if (BybitCursor.Page(newestFirst, e => e.ExecId, request.Get("cursor"), limit) is not { } paged) return BybitError.Params("cursor invalid");
            return BybitReply.Ok((paged, exchange, ids), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("nextPageCursor"u8, s.paged.Next);
                w.WriteString("category"u8, "linear");
                w.WriteStartArray("list"u8);
                foreach (var execution in s.paged.Page) BybitExecutionJson.Write(w, s.exchange, s.ids, execution);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    /// <summary>The documented window rules of the history endpoints: neither bound = the last 7 days up to now; one bound
    /// = 7 days from it; both = at most 7 days apart. Caller holds the exchange's gate.</summary>
    private BybitError? TimeRange(BybitRequest request, out long from, out long to)
    {
        (from, to) = (0, 0);
        long? start = null, end = null;
        if (request.Get("startTime") is { } startText)
        {
            if (!BybitRequest.TryParseLong(startText, out var value)) return BybitError.Params("startTime invalid");
            start = value;
        }
        if (request.Get("endTime") is { } endText)
        {
            if (!BybitRequest.TryParseLong(endText, out var value)) return BybitError.Params("endTime invalid");
            end = value;
        }
        var window = (long)LogWindow.TotalMilliseconds;
        if (start is { } s0 && end is { } e0 && (e0 < s0 || e0 - s0 > window)) return BybitError.Params("endTime - startTime should be less than 7 days");
        (from, to) = (start, end) switch
        {
            (null, null) => (JsonFrame.UnixMs(exchange.Now) - window, long.MaxValue),
            ({ } s, null) => (s, s + window),
            (null, { } e) => (e - window, e),
            ({ } s, { } e) => (s, e),
        };
        return null;
    }

    private static void WriteTransaction(System.Text.Json.Utf8JsonWriter w, BybitTransaction line, SimulatedExchange exchange, string asset)
    {
        var spec = line.Symbol.Length == 0 ? null : exchange.Markets[line.Symbol].Spec;
        w.WriteStartObject();
        w.WriteString("id"u8, line.Id);
        w.WriteString("symbol"u8, line.Symbol);
        w.WriteString("category"u8, spec is null ? "" : "linear");
        w.WriteString("side"u8, line.Side);
        w.WriteString("transactionTime"u8, BybitWire.Milliseconds(line.Time));
        w.WriteString("type"u8, line.Type);
        w.WriteString("qty"u8, spec is null ? BybitWire.Money(line.CashFlow) : BybitWire.Quantity(line.Quantity, spec));
        w.WriteString("size"u8, spec is null ? "0" : BybitWire.Quantity(line.Size, spec));
        w.WriteString("currency"u8, asset);
        w.WriteString("tradePrice"u8, spec is null ? "0" : BybitWire.Price(line.TradePrice, spec));
        w.WriteString("funding"u8, line.Funding is { } funding ? BybitWire.Money(funding) : "");
        w.WriteString("fee"u8, BybitWire.Money(line.Fee));
        w.WriteString("cashFlow"u8, BybitWire.Money(line.CashFlow));
        w.WriteString("change"u8, BybitWire.Money(line.Change));
        w.WriteString("cashBalance"u8, BybitWire.Money(line.CashBalance));
        w.WriteString("feeRate"u8, BybitWire.Money(line.FeeRate));
        w.WriteString("bonusChange"u8, "");
        w.WriteString("tradeId"u8, line.TradeId);
        w.WriteString("orderId"u8, line.OrderId);
        w.WriteString("orderLinkId"u8, line.OrderLinkId);
        w.WriteEndObject();
    }
}
