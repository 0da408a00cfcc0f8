using FundingArb.Feeds;

namespace FundingArb.Venues.Bybit;

/// <summary>Settings of a <see cref="BybitExecutionClient"/>; the defaults are the documented values.</summary>
public sealed record BybitExecutionOptions
{
    public required BybitExecutionEndpoints Endpoints { get; init; }
    /// <summary>docs/v5/guide: <c>X-BAPI-RECV-WINDOW</c> defaults to 5000 ms.</summary>
    public int RecvWindowMs { get; init; } = 5000;
    /// <summary>How far ahead the WebSocket <c>auth</c> expiry is set ("expires must be greater than the current time").</summary>
    public TimeSpan AuthExpiry { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long a WS trade request waits for its answer before it is reported as a timeout (outcome unknown).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Server-time refresh; each round takes <see cref="ClockSamples"/> samples and keeps the smallest round trip.</summary>
    public TimeSpan ClockRefresh { get; init; } = TimeSpan.FromMinutes(5);
    public int ClockSamples { get; init; } = 3;
    /// <summary>docs/v5/ws/connect: "we recommend that you send the ping heartbeat packet every 20 seconds". A connection
    /// that has answered nothing since the ping before the last one (two intervals of silence) is dropped as dead.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>WebSocket-level keep-alive on idle connections (unsolicited pongs through proxies).</summary>
    public TimeSpan SocketKeepAlive { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Send orders over the WebSocket trade API (REST only while it is down or not authenticated); false: REST only.</summary>
    public bool UseWebSocketTrade { get; init; } = true;
    /// <summary>Leverage to set on every instrument at start (cross margin, one-way); null leaves the account's.</summary>
    public int? Leverage { get; init; }
    /// <summary>The coin positions and balances settle in (linear USDT perpetuals).</summary>
    public string SettleCoin { get; init; } = "USDT";
    /// <summary>A connection not authenticated (and, on the private stream, subscribed) this long after connecting is
    /// dropped and made again; so is one whose <c>auth</c> or subscribe the venue refuses.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>WS trade requests in a row left unanswered past <see cref="RequestTimeout"/>, with nothing heard from the
    /// connection in between, after which it is taken for dead and dropped (orders go over REST until it is back).</summary>
    public int TradeTimeoutsBeforeReconnect { get; init; } = 1;
    /// <summary>How far before the private stream's drop the funding backfill reads (a payment pushed just before the drop
    /// may not have arrived).</summary>
    public TimeSpan FundingBackfillMargin { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>How long <see cref="BybitExecutionClient.StartAsync"/> waits for the connections before it gives up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Delays between reconnects; a fresh one per connection.</summary>
    public Func<ReconnectBackoff> Backoff { get; init; } = () => ReconnectBackoff.Default(new Random());
    public Func<BybitRateLimits> RateLimits { get; init; } = () => new BybitRateLimits();
}
