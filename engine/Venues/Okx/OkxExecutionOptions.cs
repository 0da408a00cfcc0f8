using FundingArb.Feeds;

namespace FundingArb.Venues.Okx;

/// <summary>Settings of an <see cref="OkxExecutionClient"/>; the defaults are the documented values.</summary>
public sealed record OkxExecutionOptions
{
    public required OkxExecutionEndpoints Endpoints { get; init; }
    /// <summary>How long a WebSocket op waits for its answer before it is reported as a timeout (outcome unknown).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Server-time refresh; each round takes <see cref="ClockSamples"/> samples and keeps the smallest round trip.</summary>
    public TimeSpan ClockRefresh { get; init; } = TimeSpan.FromMinutes(5);
    public int ClockSamples { get; init; } = 3;
    /// <summary>#overview-websocket-connect: the venue drops a connection silent for 30 s; a text <c>ping</c> is sent once
    /// nothing has arrived for this long.</summary>
    public TimeSpan PingAfterIdle { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>How often the funding bills (<c>/api/v5/account/bills?type=8</c>) are read besides the reads a positions
    /// push with a changed <c>fundingFee</c> triggers.</summary>
    public TimeSpan FundingPoll { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Send orders over the private WebSocket (REST only when it is down); false: REST only.</summary>
    public bool UseWebSocketOrders { get; init; } = true;
    /// <summary>How long <see cref="OkxExecutionClient.StartAsync"/> waits for the login and subscriptions.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Delays between reconnects; a fresh one per connection.</summary>
    public Func<ReconnectBackoff> Backoff { get; init; } = () => ReconnectBackoff.Default(new Random());
    public Func<OkxRateLimits> RateLimits { get; init; } = () => new OkxRateLimits();
}
