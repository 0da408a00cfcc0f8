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
    /// <summary>Unsolicited pongs on idle connections (the venue pings every 3 minutes and is answered anyway).</summary>
    public TimeSpan SocketKeepAlive { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Send orders over the WS API (REST only when it is down); false: REST only.</summary>
    public bool UseWebSocketApi { get; init; } = true;
    /// <summary>How long <see cref="BinanceExecutionClient.StartAsync"/> waits for the connections before it gives up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Delays between reconnects; a fresh one per connection.</summary>
    public Func<ReconnectBackoff> Backoff { get; init; } = () => ReconnectBackoff.Default(new Random());
    public Func<BinanceRateLimits> RateLimits { get; init; } = () => new BinanceRateLimits();
}
