using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Bybit;

/// <summary>The public linear stream, <c>/v5/public/linear</c> (docs/v5/ws/connect): <c>subscribe</c>,
/// <c>unsubscribe</c> and <c>ping</c>, answered as the linear examples show; topics <c>orderbook.{1|50|200|1000}.{symbol}</c>
/// and <c>tickers.{symbol}</c>, each frame sent only to sessions subscribed to its topic. It also keeps the book
/// topics' published windows, which REST GET /v5/market/orderbook answers from (its <c>u</c> is the 1000-level
/// topic's, as documented).</summary>
/// <remarks>Stream faults land here: a stale channel holds its topics (see <see cref="OnStep"/>), a sequence gap
/// swallows one delta per book topic of the symbol, and connections are tracked as market, for drops and outages.</remarks>
public sealed class BybitPublicHub : IExchangeObserver
{
    public static readonly int[] BookDepths = [1, 50, 200, 1000];

    /// <summary>Where every topic's update id starts; well above 1, which the docs reserve for a restart snapshot.</summary>
    private const long FirstUpdateId = 1000;

    private readonly SimulatedExchange _exchange;
    private readonly Lock _lock = new();
    private readonly BybitConnections _connections;
    private readonly Dictionary<string, BybitBookTopic> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BybitTickerTopic> _tickers = new(StringComparer.Ordinal);

    public BybitPublicHub(SimulatedExchange exchange, BybitIds ids)
    {
        _exchange = exchange;
        _connections = new BybitConnections(ids, _lock, exchange.Faults.Connections, ConnectionKind.Market, OnRequest, static (session, error) => Reply(session, false, error, null, ""));
        lock (exchange.Gate)
            foreach (var market in exchange.Markets.Values)
            {
                foreach (var depth in BookDepths)
                {
                    var topic = new BybitBookTopic(market.Spec, depth, FirstUpdateId, market.Book, exchange.Now);
                    _books[topic.Name] = topic;
                }
                var ticker = new BybitTickerTopic(market.Symbol);
                ticker.Update(market, TopOfBook(market.Symbol), exchange.Now);
                _tickers[ticker.Name] = ticker;
            }
    }

    // ---------------------------------------------------------------- REST views

    /// <summary>The 1000-level window as last published, for GET /v5/market/orderbook.</summary>
    public (List<(decimal Price, decimal Quantity)> Bids, List<(decimal Price, decimal Quantity)> Asks, long UpdateId, long Sequence, DateTimeOffset PublishedAt, DateTimeOffset MatchedAt)
        Orderbook(string symbol, int limit)
    {
        lock (_lock)
        {
            var topic = _books[$"orderbook.1000.{symbol}"];
            return ([.. topic.Levels(BookSide.Bid).Take(limit).Select(l => (l.Key, l.Value))],
                [.. topic.Levels(BookSide.Ask).Take(limit).Select(l => (l.Key, l.Value))],
                topic.UpdateId, topic.Sequence, topic.PublishedAt, topic.MatchedAt);
        }
    }

    /// <summary>The ticker fields as last published, for GET /v5/market/tickers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ticker(string symbol)
    {
        lock (_lock) return [.. _tickers["tickers." + symbol].Fields];
    }

    private BybitBookTopic TopOfBook(string symbol) => _books[$"orderbook.1.{symbol}"];

    // ---------------------------------------------------------------- connections

    public Task AcceptAsync(HttpContext http, CancellationToken stop) => _connections.AcceptAsync(http, stop);

    public void AbortAll() => _connections.AbortAll();

    private void OnRequest(BybitStreamSession session, BybitStreamRequest request)
    {
        switch (request.Op)
        {
            case "subscribe":
                Subscribe(session, request);
                break;
            case "unsubscribe":
                lock (_lock)
                {
                    foreach (var topic in request.Topics()) session.Topics.Remove(topic);
                    session.Connection.Send(Reply(session, true, "", request.RequestId, "unsubscribe"));
                }
                break;
            case "ping":
                session.Connection.Send(Reply(session, true, "pong", request.RequestId, "ping"));
                break;
            default:
                session.Connection.Send(Reply(session, false, "error:invalid op", request.RequestId, request.Op));
                break;
        }
    }

    /// <summary>Subscribes every known topic not yet subscribed and answers once: success, or the first refusal in the
    /// venue's words; then sends each new topic's snapshot. All under the lock, so no delta can overtake a snapshot.</summary>
    private void Subscribe(BybitStreamSession session, BybitStreamRequest request)
    {
        lock (_lock)
        {
            var now = _exchange.Now;
            string? failure = null;
            var added = new List<string>();
            foreach (var topic in request.Topics())
            {
                if (!_books.ContainsKey(topic) && !_tickers.ContainsKey(topic)) failure ??= "error:handler not found,topic:" + topic;
                else if (!session.Topics.Add(topic)) failure ??= "error:already subscribed,topic:" + topic;
                else added.Add(topic);
            }
            if (request.Topics().Count == 0) failure = "error:args invalid";
            session.Connection.Send(Reply(session, failure is null, failure ?? "", request.RequestId, "subscribe"));
            foreach (var topic in added)
                session.Connection.Send(_books.TryGetValue(topic, out var book) ? book.Snapshot(now) : _tickers[topic].Snapshot(now));
        }
    }

    /// <summary>The linear public reply: <c>{"success","ret_msg","conn_id","req_id","op"}</c>, <c>req_id</c> "" when none was sent.</summary>
    private static byte[] Reply(BybitStreamSession session, bool success, string message, string? requestId, string op) =>
        JsonFrame.Build((session.ConnectionId, success, message, requestId, op), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success"u8, s.success);
            w.WriteString("ret_msg"u8, s.message);
            w.WriteString("conn_id"u8, s.ConnectionId);
            w.WriteString("req_id"u8, s.requestId ?? "");
            w.WriteString("op"u8, s.op);
            w.WriteEndObject();
        });

    // ---------------------------------------------------------------- exchange events (called under the exchange's lock)

    public void OnDepth(InstrumentMarket market, DepthBatch batch, DateTimeOffset now)
    {
        lock (_lock)
        {
            var gap = _exchange.Faults.TakeSequenceGap(market.Symbol, now);
            foreach (var depth in BookDepths)
            {
                var topic = _books[$"orderbook.{depth}.{market.Symbol}"];
                topic.Capture(market.Book, batch.LastUpdateId, now);
                if (gap) topic.SwallowNext = true;
            }
        }
    }

    /// <summary>Publishes what is due. A stale book topic is not published at all: its captures keep replacing each
    /// other, so its first delta after the window carries everything that changed, under the next <c>u</c> (no gap).
    /// Tickers carry both the top of book and the mark, index and funding, so a stale ticker or mark channel holds them.
    /// REST answers what the topics last published, so it holds with them.</summary>
    public void OnStep(DateTimeOffset now)
    {
        lock (_lock)
        {
            var faults = _exchange.Faults;
            foreach (var topic in _books.Values)
                if (!faults.IsStale(MarketChannel.Depth, topic.Spec.Symbol, now) && topic.Publish(now) is { } frame) Deliver(topic.Name, frame);
            foreach (var ticker in _tickers.Values)
            {
                if (faults.IsStale(MarketChannel.Ticker, ticker.Symbol, now) | faults.IsStale(MarketChannel.Mark, ticker.Symbol, now)) continue;
                if (ticker.Update(_exchange.Markets[ticker.Symbol], TopOfBook(ticker.Symbol), now) is { } frame) Deliver(ticker.Name, frame);
            }
        }
    }

    public void OnOrder(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
    }

    public void OnBalance(TradingAccount account, BalanceChange cause, decimal walletChange, IReadOnlyCollection<string> symbols, DateTimeOffset now)
    {
    }

    private void Deliver(string topic, byte[] frame)
    {
        foreach (var session in _connections.Sessions)
            if (session.Topics.Contains(topic)) session.Connection.Send(frame);
    }
}
