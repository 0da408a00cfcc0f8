using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Binance;

/// <summary>Binance USDⓈ-M WebSocket market streams and user-data streams: accepts connections on every spelling
/// (routed /public|/market|/private or legacy; /ws/&lt;streams&gt;, /ws + SUBSCRIBE, /stream?streams=), keeps their
/// subscriptions, and turns the exchange's events into Binance frames (payloads as on the
/// websocket-market-streams and user-data-streams pages).</summary>
/// <remarks>Stream faults land here: a stale channel holds its frames back (depth keeps accumulating, so the feed
/// resumes without a gap), a sequence gap swallows one diff-depth event per speed (the next event's <c>pu</c> no longer
/// matches), and duplicate / out-of-order order updates pass through <see cref="OrderUpdateFaults{TFrame}"/>.
/// Binance books carry no checksum, so bad-checksum faults are refused for Binance.</remarks>
public sealed class BinanceStreamHub : IExchangeObserver
{
    private static readonly int[] DepthSpeeds = [100, 250, 500];

    private readonly SimulatedExchange _exchange;
    private readonly BinanceListenKeys _listenKeys;
    private readonly Lock _lock = new();
    private readonly List<BinanceStreamSession> _sessions = [];
    private readonly Dictionary<(string Symbol, int Speed), DepthAccumulator> _depth = [];
    private readonly Dictionary<string, (decimal Bid, decimal BidQty, decimal Ask, decimal AskQty)> _lastTop = [];
    private readonly OrderUpdateFaults<string> _updateFaults = new();
    private DateTimeOffset _lastStep;

    public BinanceStreamHub(SimulatedExchange exchange, BinanceListenKeys listenKeys)
    {
        _exchange = exchange;
        _listenKeys = listenKeys;
        _lastStep = exchange.Now;
        foreach (var market in exchange.Markets.Values)
            foreach (var speed in DepthSpeeds)
                _depth[(market.Symbol, speed)] = new DepthAccumulator(market.Book.UpdateId, exchange.Now, speed);
    }

    // ---------------------------------------------------------------- connections

    /// <summary>Serves one WebSocket request: <paramref name="route"/> is the prefix, <paramref name="rest"/> the path
    /// after it (/ws, /ws/&lt;names&gt;, /stream).</summary>
    public async Task AcceptAsync(HttpContext http, BinanceRoute route, string rest, CancellationToken stop)
    {
        var combined = rest == "/stream" || rest.StartsWith("/stream/", StringComparison.Ordinal);
        var initial = new List<string>();
        if (combined)
        {
            var streams = http.Request.Query["streams"].ToString();
            initial.AddRange(streams.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        else if (rest.StartsWith("/ws/", StringComparison.Ordinal))
        {
            // "/ws/<name>[/<name>…]"; a bare number ("/ws/1") is a connection id some clients add, not a stream.
            initial.AddRange(rest[4..].Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.All(char.IsAsciiDigit)));
        }
        if (route == BinanceRoute.Private && http.Request.Query["listenKey"].ToString() is { Length: > 0 } key) initial.Add(key);

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamConnection(socket, http.Request.Path + http.Request.QueryString);
        var session = new BinanceStreamSession(connection, route, combined);
        lock (_lock)
        {
            foreach (var name in initial) session.Subscribe(BinanceStreamName.Parse(name, route));
            _sessions.Add(session);
        }
        var faults = _exchange.Faults;
        faults.Connections.Track(connection, route == BinanceRoute.Private ? ConnectionKind.Private : ConnectionKind.Market);
        try
        {
            await connection.RunAsync((c, text) => OnControlMessage(session, text), stop);
        }
        finally
        {
            faults.Connections.Untrack(connection);
            lock (_lock) _sessions.Remove(session);
        }
    }

    /// <summary>Drops every connection (the simulator is stopping).</summary>
    public void AbortAll()
    {
        lock (_lock)
            foreach (var session in _sessions) session.Connection.Abort();
    }

    /// <summary>Live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY / GET_PROPERTY, answered with the
    /// documented {"result": …, "id": …} or the documented {"code": …, "msg": …} errors.</summary>
    private ValueTask OnControlMessage(BinanceStreamSession session, string text)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            session.Connection.Send(Error(3, $"Invalid JSON: expected value at line {e.LineNumber + 1} column {e.BytePositionInLine + 1}", null));
            return ValueTask.CompletedTask;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                session.Connection.Send(Error(3, "Invalid JSON: expected value at line 1 column 1", null));
                return ValueTask.CompletedTask;
            }
            long? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out var parsed) || parsed < 0)
                {
                    session.Connection.Send(Error(2, "Invalid request: request ID must be an unsigned integer", null));
                    return ValueTask.CompletedTask;
                }
                id = parsed;
            }
            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            {
                session.Connection.Send(Error(2, "Invalid request: missing field `method` at line 1 column " + text.Length, id));
                return ValueTask.CompletedTask;
            }
            var names = new List<string>();
            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
                foreach (var p in parameters.EnumerateArray())
                    names.Add(p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetRawText());
            var method = methodElement.GetString();
            switch (method)
            {
                case "SUBSCRIBE":
                    lock (_lock) foreach (var name in names) session.Subscribe(BinanceStreamName.Parse(name, session.Route));
                    session.Connection.Send(Result("null", id));
                    break;
                case "UNSUBSCRIBE":
                    lock (_lock) foreach (var name in names) session.Unsubscribe(name);
                    session.Connection.Send(Result("null", id));
                    break;
                case "LIST_SUBSCRIPTIONS":
                    string list;
                    lock (_lock) list = JsonFrame.StringArray(session.Streams.Select(s => s.Name));
                    session.Connection.Send(Result(list, id));
                    break;
                case "SET_PROPERTY":
                    if (names.Count != 2 || names[0] != "combined") { session.Connection.Send(Error(0, "Unknown property", id)); break; }
                    if (names[1] is not ("true" or "false")) { session.Connection.Send(Error(1, "Invalid value type: expected Boolean", id)); break; }
                    lock (_lock) session.Combined = names[1] == "true";
                    session.Connection.Send(Result("null", id));
                    break;
                case "GET_PROPERTY":
                    if (names.Count != 1 || names[0] != "combined") { session.Connection.Send(Error(0, "Unknown property", id)); break; }
                    session.Connection.Send(Result(session.Combined ? "true" : "false", id));
                    break;
                default:
                    session.Connection.Send(Error(2, $"Invalid request: unknown variant `{method}`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY` at line 1 column 28", id));
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    private static string Result(string result, long? id) =>
        "{\"result\":" + result + ",\"id\":" + (id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null") + "}";

    private static string Error(int code, string message, long? id) =>
        Encoding.UTF8.GetString(JsonFrame.Build((code, message, id), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("code"u8, s.code);
            w.WriteString("msg"u8, s.message);
            if (s.id is { } value) w.WriteNumber("id"u8, value);
            w.WriteEndObject();
        }));

    // ---------------------------------------------------------------- exchange events (called under the exchange's lock)

    public void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now)
    {
        lock (_lock)
        {
            var faults = _exchange.Faults;
            var stale = faults.IsStale(MarketChannel.Depth, market.Symbol, now);
            var gap = faults.TakeSequenceGap(market.Symbol, now);
            foreach (var speed in DepthSpeeds)
            {
                var accumulator = _depth[(market.Symbol, speed)];
                accumulator.Add(batch);
                if (gap) accumulator.SwallowNext = true;
                // The book as it stands now is exactly the state after the batch's last id (the redraw comes later in
                // the step), so partial-depth snapshots sent now carry consistent U/u/pu. A stale feed keeps
                // accumulating, so the first event after it still follows on.
                if (stale || !accumulator.IsDue(now)) continue;
                var swallowed = accumulator.SwallowNext;
                var (first, last, previous, changes) = accumulator.Flush(now);
                if (!swallowed)
                    Publish(market.Symbol, BinanceStreamKind.DiffDepth, speed, 0, () => DiffDepthPayload(market, first, last, previous, changes, now));
                foreach (var levels in (ReadOnlySpan<int>)[5, 10, 20])
                    Publish(market.Symbol, BinanceStreamKind.PartialDepth, speed, levels, () => PartialDepthPayload(market, levels, first, last, previous, now));
            }
            var top = (market.Book.BestBid ?? 0, market.Book.Levels(BookSide.Bid).FirstOrDefault().Value,
                market.Book.BestAsk ?? 0, market.Book.Levels(BookSide.Ask).FirstOrDefault().Value);
            if ((!_lastTop.TryGetValue(market.Symbol, out var previousTop) || previousTop != top) && !faults.IsStale(MarketChannel.Ticker, market.Symbol, now))
            {
                _lastTop[market.Symbol] = top;
                Publish(market.Symbol, BinanceStreamKind.BookTicker, 0, 0, () => BookTickerPayload(market, batch.LastUpdateId, top, now));
            }
        }
    }

    public void OnStep(DateTimeOffset now)
    {
        lock (_lock)
        {
            var previous = _lastStep;
            _lastStep = now;
            foreach (var interval in (ReadOnlySpan<int>)[1000, 3000])
            {
                if (Bucket(previous, interval) == Bucket(now, interval)) continue;
                var fresh = _exchange.Markets.Values.Where(m => !_exchange.Faults.IsStale(MarketChannel.Mark, m.Symbol, now)).ToList();
                foreach (var market in fresh)
                    Publish(market.Symbol, BinanceStreamKind.MarkPrice, interval, 0, () => MarkPricePayload(market, now));
                if (fresh.Count > 0)
                    Publish(null, BinanceStreamKind.AllMarkPrice, interval, 0, () => "[" + string.Join(",", fresh.Select(m => MarkPricePayload(m, now))) + "]");
            }
            foreach (var expired in _listenKeys.TakeExpired(now))
            {
                var payload = "{\"e\":\"listenKeyExpired\",\"E\":" + JsonFrame.UnixMs(now) + ",\"listenKey\":\"" + expired + "\"}";
                foreach (var session in _sessions)
                    if (session.Route == BinanceRoute.Private && session.Streams.Any(s => s.Name == expired)) session.Deliver(expired, payload);
            }
        }
    }

    public void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!HasUserDataListener(account, now)) return;
            var spec = _exchange.Markets[order.Symbol].Spec;
            var payload = Encoding.UTF8.GetString(JsonFrame.Build((order, fill, spec, now), static (w, s) =>
                BinanceUserEvents.WriteOrderTradeUpdate(w, s.order, s.fill, s.spec, s.now)));
            foreach (var frame in _updateFaults.Pass(order, payload)) DeliverUserData(account, frame, now);
        }
    }

    public void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!HasUserDataListener(account, now)) return;
            var payload = Encoding.UTF8.GetString(JsonFrame.Build((account, cause, walletChange, symbols, _exchange, now), static (w, s) =>
                BinanceUserEvents.WriteAccountUpdate(w, s.account, s.cause, s.walletChange, s.symbols, s._exchange, s.now)));
            DeliverUserData(account, payload, now);
        }
    }

    private bool HasUserDataListener(TradingAccount account, DateTimeOffset now)
    {
        foreach (var session in _sessions)
            if (session.Route == BinanceRoute.Private)
                foreach (var stream in session.Streams)
                    if (_listenKeys.AccountOf(stream.Name, now) == account.ApiKey) return true;
        return false;
    }

    private void DeliverUserData(TradingAccount account, string payload, DateTimeOffset now)
    {
        foreach (var session in _sessions)
        {
            if (session.Route != BinanceRoute.Private) continue;
            foreach (var stream in session.Streams)
                if (_listenKeys.AccountOf(stream.Name, now) == account.ApiKey) session.Deliver(stream.Name, payload);
        }
    }

    /// <summary>Sends one event to every session subscribed to a matching stream on a route that carries it; the
    /// payload is built only if someone will receive it.</summary>
    private void Publish(string? symbol, BinanceStreamKind kind, int interval, int levels, Func<string> payload)
    {
        string? built = null;
        foreach (var session in _sessions)
            foreach (var stream in session.Streams)
            {
                if (stream.Kind != kind || stream.Symbol != symbol || stream.Levels != levels) continue;
                if (kind != BinanceStreamKind.BookTicker && stream.IntervalMs != interval) continue;
                if (!stream.DeliversOn(session.Route)) continue;
                session.Deliver(stream.Name, built ??= payload());
            }
    }

    private static long Bucket(DateTimeOffset time, int intervalMs) => JsonFrame.UnixMs(time) / intervalMs;

    // ---------------------------------------------------------------- payloads

    private static string DiffDepthPayload(InstrumentMarket market, long first, long last, long previous, IReadOnlyList<LevelChange> changes, DateTimeOffset now) =>
        Encoding.UTF8.GetString(JsonFrame.Build((market, first, last, previous, changes, now), static (w, s) =>
        {
            var spec = s.market.Spec;
            WriteDepthHeader(w, s.market, s.first, s.last, s.previous, s.now);
            WriteChanges(w, "b"u8, s.changes, BookSide.Bid, spec);
            WriteChanges(w, "a"u8, s.changes, BookSide.Ask, spec);
            w.WriteEndObject();
        }));

    /// <summary>What diff and partial depth events share: the event's times, symbol and update ids.</summary>
    private static void WriteDepthHeader(Utf8JsonWriter w, InstrumentMarket market, long first, long last, long previous, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("e"u8, "depthUpdate");
        w.WriteNumber("E"u8, JsonFrame.UnixMs(now));
        w.WriteNumber("T"u8, JsonFrame.UnixMs(market.Book.LastChange));
        w.WriteString("s"u8, market.Spec.Symbol);
        w.WriteNumber("U"u8, first);
        w.WriteNumber("u"u8, last);
        w.WriteNumber("pu"u8, previous);
    }

    private static void WriteChanges(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<LevelChange> changes, BookSide side, Instruments.InstrumentSpec spec)
    {
        w.WriteStartArray(name);
        foreach (var change in changes)
        {
            if (change.Side != side) continue;
            w.WriteStartArray();
            w.WriteStringValue(JsonFrame.Fixed(change.Price, spec.PricePrecision));
            w.WriteStringValue(JsonFrame.Fixed(change.Quantity, spec.QuantityPrecision));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static string PartialDepthPayload(InstrumentMarket market, int levels, long first, long last, long previous, DateTimeOffset now) =>
        Encoding.UTF8.GetString(JsonFrame.Build((market, levels, first, last, previous, now), static (w, s) =>
        {
            var spec = s.market.Spec;
            WriteDepthHeader(w, s.market, s.first, s.last, s.previous, s.now);
            BinanceMarketJson.WriteLevels(w, "b"u8, s.market.Book.Top(BookSide.Bid, s.levels), spec);
            BinanceMarketJson.WriteLevels(w, "a"u8, s.market.Book.Top(BookSide.Ask, s.levels), spec);
            w.WriteEndObject();
        }));

    private static string BookTickerPayload(InstrumentMarket market, long updateId, (decimal Bid, decimal BidQty, decimal Ask, decimal AskQty) top, DateTimeOffset now) =>
        Encoding.UTF8.GetString(JsonFrame.Build((market, updateId, top, now), static (w, s) =>
        {
            var spec = s.market.Spec;
            w.WriteStartObject();
            w.WriteString("e"u8, "bookTicker");
            w.WriteNumber("u"u8, s.updateId);
            w.WriteNumber("E"u8, JsonFrame.UnixMs(s.now));
            w.WriteNumber("T"u8, JsonFrame.UnixMs(s.market.Book.LastChange));
            w.WriteString("s"u8, spec.Symbol);
            w.WriteString("b"u8, JsonFrame.Fixed(s.top.Bid, spec.PricePrecision));
            w.WriteString("B"u8, JsonFrame.Fixed(s.top.BidQty, spec.QuantityPrecision));
            w.WriteString("a"u8, JsonFrame.Fixed(s.top.Ask, spec.PricePrecision));
            w.WriteString("A"u8, JsonFrame.Fixed(s.top.AskQty, spec.QuantityPrecision));
            w.WriteEndObject();
        }));

    private static string MarkPricePayload(InstrumentMarket market, DateTimeOffset now) =>
        Encoding.UTF8.GetString(JsonFrame.Build((market, now), static (w, s) =>
        {
            var point = s.market.Point;
            w.WriteStartObject();
            w.WriteString("e"u8, "markPriceUpdate");
            w.WriteNumber("E"u8, JsonFrame.UnixMs(s.now));
            w.WriteString("s"u8, s.market.Symbol);
            w.WriteString("p"u8, JsonFrame.Fixed(point.Mark, 8));
            w.WriteString("i"u8, JsonFrame.Fixed(point.Index, 8));
            w.WriteString("P"u8, JsonFrame.Fixed(point.Index, 8));
            w.WriteString("r"u8, JsonFrame.Fixed(point.FundingRate, 8));
            w.WriteNumber("T"u8, JsonFrame.UnixMs(s.market.NextSettlement));
            w.WriteEndObject();
        }));

    /// <summary>Batches of book changes merged for one push period: U of the first batch, u of the last, and pu the u of
    /// the previous event on the same stream. A level changed twice keeps its latest quantity.</summary>
    private sealed class DepthAccumulator(long lastUpdateId, DateTimeOffset start, int periodMs)
    {
        private readonly List<LevelChange> _changes = [];
        private long _first = -1;
        private long _last = lastUpdateId;
        private long _previousEventLast = lastUpdateId;
        private long _bucket = JsonFrame.UnixMs(start) / periodMs;

        /// <summary>A sequence-gap fault: the next event is flushed but not sent.</summary>
        public bool SwallowNext { get; set; }

        public void Add(DepthBatch batch)
        {
            if (_first < 0) _first = batch.FirstUpdateId;
            _last = batch.LastUpdateId;
            foreach (var change in batch.Changes)
            {
                var i = _changes.FindIndex(c => c.Side == change.Side && c.Price == change.Price);
                if (i >= 0) _changes[i] = change;
                else _changes.Add(change);
            }
        }

        public bool IsDue(DateTimeOffset now) => _first >= 0 && JsonFrame.UnixMs(now) / periodMs != _bucket;

        public (long First, long Last, long Previous, List<LevelChange> Changes) Flush(DateTimeOffset now)
        {
            var result = (_first, _last, _previousEventLast, new List<LevelChange>(_changes));
            _previousEventLast = _last;
            _first = -1;
            SwallowNext = false;
            _changes.Clear();
            _bucket = JsonFrame.UnixMs(now) / periodMs;
            return result;
        }
    }
}
