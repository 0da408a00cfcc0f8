using System.Text.Json;

namespace FundingArb.VenueSim.Okx;

/// <summary>One index (e.g. "BTC-USDT") as GET /api/v5/market/index-tickers and the index-tickers channel show it
/// (#public-data-rest-api-get-index-tickers, #public-data-websocket-index-tickers-channel): the latest price and its
/// 24-hour open, high and low and the day opens at 00:00 UTC and 00:00 UTC+8. The simulator knows only what it has
/// seen, so the figures cover the steps observed since it started (a clock jump observes only its last steps), with
/// the 24-hour window kept in minute buckets. Guarded by the exchange's Gate.</summary>
public sealed class OkxIndexTicker(string name, string symbol)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private static readonly TimeSpan Utc8 = TimeSpan.FromHours(8);

    private readonly Queue<Minute> _minutes = new();
    private Minute? _current;
    private bool _seen;
    private DateTime _dayUtc0;
    private DateTime _dayUtc8;

    /// <summary>The index's name, the instrument family of the swap it is read from ("BTC-USDT").</summary>
    public string Name { get; } = name;

    /// <summary>The swap whose scenario index this is; its stale-feed faults silence the channel.</summary>
    public string Symbol { get; } = symbol;

    public decimal Price { get; private set; }
    public decimal SodUtc0 { get; private set; }
    public decimal SodUtc8 { get; private set; }

    /// <summary>Records the index (already at the tick) at <paramref name="at"/>.</summary>
    public void Observe(decimal price, DateTimeOffset at)
    {
        var minute = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (_current is { } current && current.Start == minute)
        {
            current.High = Math.Max(current.High, price);
            current.Low = Math.Min(current.Low, price);
        }
        else
        {
            _current = new Minute(minute, price);
            _minutes.Enqueue(_current);
        }
        while (_minutes.Peek().Start <= at - Window) _minutes.Dequeue();

        // A day's open is the first price seen in it (before the first observation, the opening price stands in).
        if (!_seen || at.UtcDateTime.Date != _dayUtc0)
        {
            _dayUtc0 = at.UtcDateTime.Date;
            SodUtc0 = price;
        }
        if (!_seen || (at.UtcDateTime + Utc8).Date != _dayUtc8)
        {
            _dayUtc8 = (at.UtcDateTime + Utc8).Date;
            SodUtc8 = price;
        }
        _seen = true;
        Price = price;
    }

    /// <summary>One data object, fields in the order of the docs' push example; ts is the time of the answer, as
    /// mark-price's is (the live index changes every push, so its update time is the push's).</summary>
    public void Write(Utf8JsonWriter w, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("instId"u8, Name);
        w.WriteString("idxPx"u8, OkxWire.Number(Price));
        w.WriteString("high24h"u8, OkxWire.Number(_minutes.Max(m => m.High)));
        w.WriteString("low24h"u8, OkxWire.Number(_minutes.Min(m => m.Low)));
        w.WriteString("open24h"u8, OkxWire.Number(_minutes.Peek().Open));
        w.WriteString("sodUtc0"u8, OkxWire.Number(SodUtc0));
        w.WriteString("sodUtc8"u8, OkxWire.Number(SodUtc8));
        w.WriteString("ts"u8, OkxWire.Ms(now));
        w.WriteEndObject();
    }

    private sealed class Minute(DateTimeOffset start, decimal open)
    {
        public DateTimeOffset Start { get; } = start;
        public decimal Open { get; } = open;
        public decimal High { get; set; } = open;
        public decimal Low { get; set; } = open;
    }
}
