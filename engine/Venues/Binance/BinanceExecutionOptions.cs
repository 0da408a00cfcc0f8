using FundingArb.Feeds;

namespace FundingArb.Venues.Binance;

/// <summary>Settings of a <see cref="BinanceExecutionClient"/>; the defaults are the documented values.</summary>
public sealed record BinanceExecutionOptions
{
    public required BinanceExecutionEndpoints Endpoints { get; init; }
    /// <summary>general-info: recvWindow defaults to 5000 ms.</summary>
    public int RecvWindowMs { get; init; } = 5000;
    /// <summary>How long a WS API request waits for its answer before it is reported as a timeout (outcome unknown).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Server-time refresh; each round takes <see cref="ClockSamples"/> samples and keeps the smallest round trip.</summary>
    public TimeSpan ClockRefresh { get; init; } = TimeSpan.FromMinutes(5);
    public int ClockSamples { get; init; } = 3;
    /// <summary>user-data-streams: keep the listen key alive every 30 minutes (it lapses after 60).</summary>
    public TimeSpan ListenKeyKeepAlive { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Our WebSocket pings on the WS API and user-stream connections (the venue's own pings, every 3 minutes,
    /// are answered anyway): a dead link is found within this and <see cref="SocketKeepAliveTimeout"/>.</summary>
    public TimeSpan SocketKeepAlive { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>A ping's pong must arrive within this, or the connection is aborted and re-established (orders go over
    /// REST meanwhile).</summary>
    public TimeSpan SocketKeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>No user-stream message for this long drops the connection; a LIST_SUBSCRIPTIONS probe goes out after a
    /// third of it, so a live stream is never this quiet. <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan UserStreamSilenceLimit { get; init; } = TimeSpan.FromMinutes(3);
    /// <summary>WS API requests in a row left unanswered past <see cref="RequestTimeout"/> after which the connection is
    /// taken for dead and dropped: orders then go over REST until it is back.</summary>
    public int WebSocketApiTimeoutsBeforeReconnect { get; init; } = 2;
    /// <summary>Send orders over the WS API (REST only when it is down); false: REST only.</summary>
    public bool UseWebSocketApi { get; init; } = true;
    /// <summary>How long <see cref="BinanceExecutionClient.StartAsync"/> waits for the connections before it gives up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Delays between reconnects; a fresh one per connection.</summary>
    public Func<ReconnectBackoff> Backoff { get; init; } = () => ReconnectBackoff.Default(new Random());
    public Func<BinanceRateLimits> RateLimits { get; init; } = () => new BinanceRateLimits();
    /// <summary>After a user-stream gap, the income history is read from this long before the stream was last heard:
    /// the venue may push a settlement's ACCOUNT_UPDATE some time after the settlement, so one settled shortly before the
    /// last message heard can still have been lost. The overlap costs nothing: payments read twice are published once.</summary>
    public TimeSpan FundingBackfillOverlap { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>A funding backfill that could not read the income history (refused, rate-limited, unreachable) is tried
    /// again after this, from the same start, until it succeeds.</summary>
    public TimeSpan FundingBackfillRetry { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Income records asked per page: the venue's maximum (Get-Income-History: limit ≤ 1000); tests page with
    /// fewer.</summary>
    internal int FundingIncomePage { get; init; } = 1000;
}
